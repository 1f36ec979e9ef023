"""Exceptions raised by syndetect.

Every failure a caller can cause or meet in operation derives from one base class,
so ``except SyndetectError`` is enough to report any of them without a traceback::

    SyndetectError
    ├── InputError                 bad text or options handed to the library
    │   ├── InputTooLargeError     a text over the configured size limit
    │   ├── InputDecodeError       a file that is not UTF-8 text (binary, wrong encoding)
    │   ├── MissingPublishedError  a streamed document without a usable ``published``
    │   └── StaleDocumentError     a streamed document already older than the window
    ├── InputFileError             a path that is missing, a directory or unreadable
    ├── DuplicateDocumentError     Index.add of an id already present (pass replace=True)
    ├── UnknownDocumentError       Index.remove / lookup of an id not in the index
    ├── ConfigMismatchError        mixing indexes or signatures built with other options
    ├── IndexFormatError           a saved index that is truncated, corrupt or foreign
    ├── UnknownIndexError          opening (not creating) a shared index that does not exist
    ├── CorpusFormatError          a malformed JSON line in a corpus file
    └── BackendError               a storage back end (Redis) that cannot be reached

Messages say what went wrong and how to fix it, in one line.
"""

from __future__ import annotations

__all__ = [
    "BackendError",
    "ConfigMismatchError",
    "CorpusFormatError",
    "DuplicateDocumentError",
    "IndexFormatError",
    "InputDecodeError",
    "InputError",
    "InputFileError",
    "InputTooLargeError",
    "MissingPublishedError",
    "StaleDocumentError",
    "SyndetectError",
    "UnknownDocumentError",
    "UnknownIndexError",
]


class SyndetectError(Exception):
    """Base class of every error syndetect raises on purpose."""


class InputError(SyndetectError, ValueError):
    """A text or option handed to the library cannot be used as given."""


class InputTooLargeError(InputError):
    """A text is longer than the configured limit (``max_chars`` / ``--max-bytes``)."""


class InputDecodeError(InputError):
    """A file's bytes are not UTF-8 text."""


class MissingPublishedError(InputError):
    """A document was added to a streaming index without a usable ``published``."""


class StaleDocumentError(InputError):
    """A document is older than the streaming window when it arrives."""


class InputFileError(SyndetectError, OSError):
    """A path is missing, is a directory, or cannot be read."""


class DuplicateDocumentError(SyndetectError, KeyError):
    """A document id is already in the index."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class UnknownDocumentError(SyndetectError, KeyError):
    """A document id is not in the index."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class ConfigMismatchError(SyndetectError):
    """Two things built with different fingerprint options were combined."""


class IndexFormatError(SyndetectError):
    """A saved index cannot be read: truncated, corrupt, or not a syndetect index."""


class UnknownIndexError(SyndetectError, LookupError):
    """A shared (Redis) index opened with ``create=False`` does not exist."""


class CorpusFormatError(SyndetectError):
    """A corpus line is not a JSON object with an "id" and a "text"."""


class BackendError(SyndetectError):
    """A storage back end (such as Redis) failed or cannot be reached."""
