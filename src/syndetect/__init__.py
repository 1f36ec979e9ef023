"""syndetect: find republished wire stories and show what was kept, cut, added and rewritten.

>>> import syndetect
>>> c = syndetect.compare(wire_text, outlet_text)
>>> c.verdict, c.coverage_a, c.coverage_b
"""

from __future__ import annotations

from .compare import CompareOptions, compare
from .errors import (
    BackendError,
    ConfigMismatchError,
    CorpusFormatError,
    DuplicateDocumentError,
    IndexFormatError,
    InputDecodeError,
    InputError,
    InputFileError,
    InputTooLargeError,
    SyndetectError,
    UnknownDocumentError,
)
from .report import (
    COMPARISON_SCHEMA,
    Comparison,
    Divergence,
    Passage,
    SharedSpan,
    Substitution,
)
from .text import Boilerplate, analyse

__version__ = "0.1.0"

__all__ = [
    "COMPARISON_SCHEMA",
    "BackendError",
    "Boilerplate",
    "CompareOptions",
    "Comparison",
    "ConfigMismatchError",
    "CorpusFormatError",
    "Divergence",
    "DuplicateDocumentError",
    "IndexFormatError",
    "InputDecodeError",
    "InputError",
    "InputFileError",
    "InputTooLargeError",
    "Passage",
    "SharedSpan",
    "Substitution",
    "SyndetectError",
    "UnknownDocumentError",
    "__version__",
    "analyse",
    "compare",
]

from .fingerprint import FingerprintConfig  # noqa: E402
from .index import Family, Index, IndexConfig, Match  # noqa: E402

__all__ += ["Family", "FingerprintConfig", "Index", "IndexConfig", "Match"]
