"""What an index keeps about each document, and the one interface its back ends share.

A back end stores documents (id, text, metadata, the word count of each unit) and an
LSH table from band keys to ``(document number, unit number)`` references. Document
numbers are assigned by the back end, never reused, and only meaningful inside it.
Two back ends implement :class:`Store`: :class:`~syndetect.storage_memory.MemoryStore`
(numpy arrays in this process) and :class:`~syndetect.storage_redis.RedisStore`
(shared through Redis). The index above them is the same code for both.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from .errors import IndexFormatError, InputError
from .fingerprint import FingerprintConfig

__all__ = ["FORMAT_VERSION", "Hits", "Store", "StoredDoc", "UNIT_BITS", "check_id"]

#: Version of the saved-file and Redis layouts; bumped on any incompatible change,
#: including a change to the fingerprints of the same text (2: number keys keep
#: their decimal mark, so "1.5" and "15" no longer share a key).
FORMAT_VERSION = 2

#: A reference packs ``doc_number << UNIT_BITS | unit_number`` into one int64.
UNIT_BITS = 20


def check_id(doc_id: object) -> str:
    """``doc_id`` if it is a non-empty string, else an :class:`InputError`. Every back
    end checks ids with this, so ``5`` is refused everywhere (Redis would take it as
    ``"5"``)."""
    if not isinstance(doc_id, str) or not doc_id:
        hint = f"; use str({doc_id!r})" if isinstance(doc_id, int) and not isinstance(
            doc_id, bool) else ""
        raise InputError(f"a document id must be a non-empty string, got {doc_id!r}{hint}")
    return doc_id


@dataclass(frozen=True, eq=False)
class StoredDoc:
    """One indexed document as the back end keeps it."""

    doc_id: str
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)
    unit_words: tuple[int, ...] = ()

    @property
    def words(self) -> int:
        return sum(self.unit_words)

    def to_json(self) -> bytes:
        return json.dumps(
            [self.doc_id, self.text, self.metadata, list(self.unit_words)],
            ensure_ascii=False, separators=(",", ":"),
        ).encode("utf-8")

    @classmethod
    def from_json(cls, raw: bytes | str) -> StoredDoc:
        try:
            doc_id, text, metadata, words = json.loads(raw)
            ok = (isinstance(doc_id, str) and isinstance(text, str)
                  and isinstance(metadata, dict) and isinstance(words, list))
        except (ValueError, TypeError) as exc:
            raise IndexFormatError(f"a stored document record is corrupt: {exc}") from exc
        if not ok:
            raise IndexFormatError("a stored document record has the wrong shape")
        return cls(doc_id, text, metadata, tuple(int(w) for w in words))


@dataclass(frozen=True, eq=False)
class Hits:
    """LSH collisions of a query: parallel arrays, one row per (query unit, stored unit)."""

    query_unit: np.ndarray  # int64
    doc: np.ndarray  # int64 document numbers
    unit: np.ndarray  # int64 unit numbers within the document

    def __len__(self) -> int:
        return int(self.doc.shape[0])


def split_refs(refs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(doc numbers, unit numbers)`` of packed references."""
    refs = refs.astype(np.int64, copy=False)
    return refs >> UNIT_BITS, refs & ((1 << UNIT_BITS) - 1)


class Store(Protocol):
    """The storage interface of :class:`~syndetect.index.Index`."""

    config: FingerprintConfig

    def __len__(self) -> int: ...

    def numbers(self, doc_ids: Sequence[str]) -> list[int | None]:
        """Document number of each id, None where absent (ids checked by :func:`check_id`)."""

    def add(self, docs: Sequence[StoredDoc], keys: Sequence[np.ndarray], *,
            replace: bool) -> list[int]:
        """Add documents with their ``(units, bands)`` band keys; return their numbers.

        Raises :class:`~syndetect.errors.DuplicateDocumentError` (adding nothing) when
        an id is present and ``replace`` is false.
        """

    def remove(self, doc_id: str) -> None:
        """Remove one document; :class:`~syndetect.errors.UnknownDocumentError` if absent
        (the id checked by :func:`check_id`)."""

    def lookup(self, keys: np.ndarray) -> Hits:
        """Stored units colliding with any band of the ``(units, bands)`` query keys."""

    def docs(self, numbers: Sequence[int]) -> list[StoredDoc | None]:
        """The documents with these numbers (None for removed ones)."""

    def scan(self) -> Iterator[tuple[int, StoredDoc, np.ndarray]]:
        """Every document with its number and band keys, in number order."""

    def clear(self) -> None:
        """Remove every document (the recorded configuration stays)."""

    def close(self) -> None: ...
