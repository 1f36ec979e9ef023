"""In-memory back end: documents in a list, the LSH table as sorted numpy arrays.

All band keys of all units live in one sorted ``uint64`` array with a parallel array
of packed references, searched with ``np.searchsorted`` (a Python dict of ten million
keys would cost gigabytes). New entries go to a small pending buffer that is sorted
on its own and merged into the main arrays when it grows past an eighth of them, so
interleaved adds and queries stay cheap. Removal marks the document dead; its
entries are filtered out at lookup and dropped when dead entries pile up.

Document number ``n`` lives at position ``n - base`` of the lists; ``clear`` moves
``base`` past every number handed out, so numbers are never reused (an index caches
analyses by number).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np

from .errors import DuplicateDocumentError, InputError, UnknownDocumentError
from .fingerprint import FingerprintConfig
from .storage import UNIT_BITS, Hits, StoredDoc, check_id, split_refs

__all__ = ["MemoryStore"]

_EMPTY_K = np.empty(0, dtype=np.uint64)
_EMPTY_R = np.empty(0, dtype=np.int64)


class MemoryStore:
    """A :class:`~syndetect.storage.Store` in this process's memory."""

    def __init__(self, config: FingerprintConfig) -> None:
        self.config = config
        self._base = 0
        self._docs: list[StoredDoc | None] = []
        self._reset()

    def _reset(self) -> None:
        self._base += len(self._docs)
        self._docs = []
        self._keys: list[np.ndarray | None] = []
        self._num: dict[str, int] = {}
        self._main_k = _EMPTY_K
        self._main_r = _EMPTY_R
        self._pend: list[tuple[np.ndarray, np.ndarray]] = []
        self._pend_n = 0
        self._tail: tuple[np.ndarray, np.ndarray] | None = (_EMPTY_K, _EMPTY_R)
        self._dead_entries = 0
        self._alive = np.zeros(0, dtype=bool)

    def __len__(self) -> int:
        return len(self._num)

    def numbers(self, doc_ids: Sequence[str]) -> list[int | None]:
        return [self._num.get(check_id(d)) for d in doc_ids]

    def add(self, docs: Sequence[StoredDoc], keys: Sequence[np.ndarray], *,
            replace: bool) -> list[int]:
        seen: set[str] = set()
        for d in docs:
            if d.doc_id in seen:
                raise DuplicateDocumentError(
                    f"document id {d.doc_id!r} appears twice in one batch; ids must be unique"
                )
            seen.add(d.doc_id)
            if d.doc_id in self._num and not replace:
                raise DuplicateDocumentError(
                    f"document {d.doc_id!r} is already in the index; pass replace=True to "
                    "replace it, or remove it first"
                )
        for d in docs:
            if d.doc_id in self._num:
                self.remove(d.doc_id)
        out = []
        ks, rs = [], []
        for d, k in zip(docs, keys):
            num = self._base + len(self._docs)
            if k.shape[0] >= 1 << UNIT_BITS:
                raise InputError(
                    f"document {d.doc_id!r} has {k.shape[0]:,} units, over the limit of "
                    f"{(1 << UNIT_BITS) - 1:,}; split it or raise max_words"
                )
            self._docs.append(d)
            self._keys.append(k)
            self._num[d.doc_id] = num
            out.append(num)
            if k.size:
                units = np.arange(k.shape[0], dtype=np.int64)
                ref = (np.int64(num) << UNIT_BITS) | units
                ks.append(k.ravel())
                rs.append(np.repeat(ref, k.shape[1]))
        self._alive = np.concatenate((self._alive, np.ones(len(out), dtype=bool)))
        if ks:
            kk, rr = np.concatenate(ks), np.concatenate(rs)
            self._pend.append((kk, rr))
            self._pend_n += kk.size
            self._tail = None
        return out

    def remove(self, doc_id: str) -> None:
        num = self._num.pop(check_id(doc_id), None)
        if num is None:
            raise UnknownDocumentError(
                f"document {doc_id!r} is not in the index; nothing was removed"
            )
        at = num - self._base
        k = self._keys[at]
        self._dead_entries += 0 if k is None else k.size
        self._docs[at] = None
        self._keys[at] = None
        self._alive[at] = False
        if self._dead_entries > 1024 and self._dead_entries * 2 > self._main_k.size + self._pend_n:
            self._compact()

    def _compact(self) -> None:
        self._merge()
        d, _ = split_refs(self._main_r)
        keep = self._alive[d - self._base]
        self._main_k = self._main_k[keep]
        self._main_r = self._main_r[keep]
        self._dead_entries = 0

    def _merge(self) -> None:
        if not self._pend:
            return
        kk = np.concatenate([self._main_k] + [p[0] for p in self._pend])
        rr = np.concatenate([self._main_r] + [p[1] for p in self._pend])
        order = np.argsort(kk, kind="stable")
        self._main_k, self._main_r = kk[order], rr[order]
        self._pend, self._pend_n = [], 0
        self._tail = (_EMPTY_K, _EMPTY_R)

    def _sorted_tail(self) -> tuple[np.ndarray, np.ndarray]:
        if self._pend_n * 8 > self._main_k.size + 65536:
            self._merge()
        if self._tail is None:
            kk = np.concatenate([p[0] for p in self._pend])
            rr = np.concatenate([p[1] for p in self._pend])
            order = np.argsort(kk, kind="stable")
            self._tail = (kk[order], rr[order])
        return self._tail

    def lookup(self, keys: np.ndarray) -> Hits:
        flat = np.ascontiguousarray(keys, dtype=np.uint64).ravel()
        qunit = np.repeat(np.arange(keys.shape[0], dtype=np.int64), keys.shape[1])
        tail = self._sorted_tail()
        qs, refs = [], []
        for table_k, table_r in ((self._main_k, self._main_r), tail):
            if not table_k.size:
                continue
            lo = np.searchsorted(table_k, flat, side="left")
            hi = np.searchsorted(table_k, flat, side="right")
            cnt = hi - lo
            total = int(cnt.sum())
            if not total:
                continue
            q = np.repeat(np.arange(flat.size), cnt)
            # positions lo[q] + (0 .. cnt-1) for each query key
            offs = np.arange(total) - np.repeat(np.cumsum(cnt) - cnt, cnt)
            qs.append(qunit[q])
            refs.append(table_r[lo[q] + offs])
        if not refs:
            return Hits(_EMPTY_R, _EMPTY_R, _EMPTY_R)
        qu = np.concatenate(qs)
        doc, unit = split_refs(np.concatenate(refs))
        live = self._alive[doc - self._base]
        return Hits(qu[live], doc[live], unit[live])

    def docs(self, numbers: Sequence[int]) -> list[StoredDoc | None]:
        base, docs = self._base, self._docs
        return [docs[n - base] if 0 <= n - base < len(docs) else None for n in numbers]

    def scan(self) -> Iterator[tuple[int, StoredDoc, np.ndarray]]:
        for num, (d, k) in enumerate(zip(self._docs, self._keys), start=self._base):
            if d is not None and k is not None:
                yield num, d, k

    def clear(self) -> None:
        """Remove every document; numbers handed out so far stay unused."""
        self._reset()

    def close(self) -> None:
        """Nothing to release."""
