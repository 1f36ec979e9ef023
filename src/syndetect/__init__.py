"""syndetect: find republished wire stories and show what was kept, cut, added and rewritten.

>>> import syndetect
>>> c = syndetect.compare(wire_text, outlet_text)
>>> c.verdict, c.coverage_a, c.coverage_b

>>> idx = syndetect.Index()
>>> idx.add("afp-1", wire_text, published="2025-10-14T08:00:00Z")
>>> [m.doc_id for m in idx.query(outlet_text)]
"""

from __future__ import annotations

from .compare import CompareOptions, compare
from .credits import Credit, CreditStatus, credit_status, detect_credits
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
    MissingPublishedError,
    StaleDocumentError,
    SyndetectError,
    UnknownDocumentError,
    UnknownIndexError,
)
from .facts import FactChange, changed_facts
from .fingerprint import FingerprintConfig
from .index import Family, Index, IndexConfig, Match
from .provenance import Edge, ProvenanceGraph, family_provenance
from .report import (
    COMPARISON_SCHEMA,
    Comparison,
    Divergence,
    Passage,
    SharedSpan,
    Substitution,
)
from .stream import StreamingIndex
from .text import Boilerplate, Paragraph, analyse
from .versions import VersionGroup, VersionMatch, closest_version, group_versions, match_versions

__version__ = "0.1.0"

__all__ = [
    "COMPARISON_SCHEMA",
    "BackendError",
    "Boilerplate",
    "CompareOptions",
    "Comparison",
    "ConfigMismatchError",
    "CorpusFormatError",
    "Credit",
    "CreditStatus",
    "Divergence",
    "DuplicateDocumentError",
    "Edge",
    "FactChange",
    "Family",
    "FingerprintConfig",
    "Index",
    "IndexConfig",
    "IndexFormatError",
    "InputDecodeError",
    "InputError",
    "InputFileError",
    "InputTooLargeError",
    "Match",
    "MissingPublishedError",
    "Paragraph",
    "Passage",
    "ProvenanceGraph",
    "SharedSpan",
    "StaleDocumentError",
    "StreamingIndex",
    "Substitution",
    "SyndetectError",
    "UnknownDocumentError",
    "UnknownIndexError",
    "VersionGroup",
    "VersionMatch",
    "__version__",
    "analyse",
    "changed_facts",
    "closest_version",
    "compare",
    "credit_status",
    "detect_credits",
    "family_provenance",
    "group_versions",
    "match_versions",
]
