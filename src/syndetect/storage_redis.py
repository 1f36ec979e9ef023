"""Redis back end: one index shared by every process that can reach the server.

Layout, under the prefix ``syndetect:<name>:`` (binary-safe key names):

==================  ===========================================================
``meta``            hash: ``format`` (layout version), ``config`` (fingerprint
                    configuration as JSON); written once, checked on every open
``next``            counter handing out document numbers (``INCRBY``, so two
                    processes never get the same one)
``ids``             hash: document id → number (``HSETNX``: one winner per id)
``docs``            hash: number → JSON ``[id, text, metadata, unit words]``
``keys``            hash: number → the document's band keys, little-endian uint64
``b:<8 bytes>``     string per band key: the packed int64 references
                    ``number << 20 | unit`` of every unit with that key, appended
==================  ===========================================================

Why not datasketch's Redis storage: it issues a few commands per band per unit from
Python and was measured at ~1,345 paragraph inserts/s inside an insertion session.
Here a whole batch of band entries travels as one binary argument to a short Lua
script that appends each reference inside the server (one round trip per ~16k
entries), and a query is one ``MGET`` of its band keys. Removal rewrites the
affected band strings in the same way. The scripts name keys they build themselves,
so this layout targets a single Redis server (not Redis Cluster).

Connection problems surface as :class:`~syndetect.errors.BackendError` within the
socket timeouts (2 s to connect, 10 s per command by default), never as a hang.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np

from .errors import (
    BackendError,
    ConfigMismatchError,
    DuplicateDocumentError,
    IndexFormatError,
    InputError,
    UnknownDocumentError,
)
from .fingerprint import FingerprintConfig
from .storage import FORMAT_VERSION, UNIT_BITS, Hits, StoredDoc, split_refs

__all__ = ["RedisStore"]

_INSERT = """
local p = ARGV[1]
local blob = ARGV[2]
for i = 1, #blob, 16 do
  redis.call('APPEND', p .. string.sub(blob, i, i + 7), string.sub(blob, i + 8, i + 15))
end
return #blob / 16
"""

_DELETE = """
local p = ARGV[1]
local blob = ARGV[2]
for i = 1, #blob, 16 do
  local k = p .. string.sub(blob, i, i + 7)
  local ref = string.sub(blob, i + 8, i + 15)
  local v = redis.call('GET', k)
  if v then
    local parts = {}
    for j = 1, #v, 8 do
      local r = string.sub(v, j, j + 7)
      if r ~= ref then parts[#parts + 1] = r end
    end
    if #parts == 0 then redis.call('DEL', k) else redis.call('SET', k, table.concat(parts)) end
  end
end
return 1
"""

_ENTRIES_PER_CALL = 16384
_NAME = re.compile(r"[A-Za-z0-9._-]{1,200}")
_EMPTY = np.empty(0, dtype=np.int64)


def _import_redis() -> Any:
    try:
        import redis
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise BackendError(
            "a Redis index needs the redis package: pip install 'syndetect[redis]'"
        ) from exc
    return redis


@contextmanager
def _guard(url: str) -> Iterator[None]:
    redis = _import_redis()
    try:
        yield
    except redis.exceptions.ConnectionError as exc:
        raise BackendError(
            f"cannot reach Redis at {url}: {exc}; is redis-server running there?"
        ) from exc
    except redis.exceptions.TimeoutError as exc:
        raise BackendError(f"Redis at {url} did not answer in time: {exc}") from exc
    except redis.exceptions.RedisError as exc:
        raise BackendError(f"Redis at {url} failed: {exc}") from exc


def _entries(keys: np.ndarray, num: int) -> np.ndarray:
    """``(entries, 2)`` little-endian uint64 rows of (band key, packed reference)."""
    n_units, bands = keys.shape
    out = np.empty((n_units * bands, 2), dtype="<u8")
    out[:, 0] = keys.ravel()
    refs = (np.int64(num) << UNIT_BITS) | np.arange(n_units, dtype=np.int64)
    out[:, 1] = np.repeat(refs, bands).view(np.uint64)
    return out


class RedisStore:
    """A :class:`~syndetect.storage.Store` in a Redis server, shared between processes."""

    def __init__(self, url: str, name: str, config: FingerprintConfig, *,
                 timeout: float = 10.0, connect_timeout: float = 2.0) -> None:
        redis = _import_redis()
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise InputError(
                f"a Redis index needs a name of letters, digits, '.', '_' and '-' "
                f"(e.g. name='afp-2026'), got {name!r}"
            )
        self.url = url
        self.name = name
        self._p = f"syndetect:{name}:".encode()
        try:
            from redis.backoff import NoBackoff
            from redis.retry import Retry

            self._r = redis.Redis.from_url(
                url, socket_timeout=timeout, socket_connect_timeout=connect_timeout,
                retry=Retry(NoBackoff(), 0), retry_on_timeout=False,
            )
        except ValueError as exc:
            raise InputError(
                f"redis_url {url!r} is not a Redis URL ({exc}); use redis://host:port/db"
            ) from exc
        with _guard(url):
            self._r.ping()
            self._insert = self._r.register_script(_INSERT)
            self._delete = self._r.register_script(_DELETE)
        self._record(config)
        self.config = config

    def _record(self, config: FingerprintConfig) -> None:
        """Write the layout version and configuration once; refuse a different one."""
        url, name = self.url, self.name
        with _guard(url):
            meta = self._p + b"meta"
            pipe = self._r.pipeline(transaction=True)
            pipe.hsetnx(meta, "format", str(FORMAT_VERSION))
            pipe.hsetnx(meta, "config", json.dumps(config.to_dict(), sort_keys=True))
            pipe.hget(meta, "format")
            pipe.hget(meta, "config")
            _, _, fmt, stored = pipe.execute()
        if fmt != str(FORMAT_VERSION).encode():
            raise IndexFormatError(
                f"Redis index {name!r} at {url} has layout version {fmt!r}; this syndetect "
                f"reads version {FORMAT_VERSION}. Use a matching syndetect or another name"
            )
        try:
            recorded = FingerprintConfig.from_dict(json.loads(stored))
        except ValueError as exc:
            raise IndexFormatError(f"Redis index {name!r} has a corrupt configuration") from exc
        if recorded != config:
            raise ConfigMismatchError(
                f"Redis index {name!r} at {url} was built with other fingerprint options "
                f"({recorded.describe_difference(config)}, recorded != given); open it with "
                "the recorded options or use another name"
            )

    def _k(self, suffix: str) -> bytes:
        return self._p + suffix.encode()

    def __len__(self) -> int:
        with _guard(self.url):
            return int(self._r.hlen(self._k("ids")))

    def numbers(self, doc_ids: Sequence[str]) -> list[int | None]:
        if not doc_ids:
            return []
        with _guard(self.url):
            got = self._r.hmget(self._k("ids"), list(doc_ids))
        return [None if v is None else int(v) for v in got]

    def add(self, docs: Sequence[StoredDoc], keys: Sequence[np.ndarray], *,
            replace: bool) -> list[int]:
        if not docs:
            return []
        ids = [d.doc_id for d in docs]
        if len(set(ids)) != len(ids):
            dup = next(i for i in ids if ids.count(i) > 1)
            raise DuplicateDocumentError(
                f"document id {dup!r} appears twice in one batch; ids must be unique"
            )
        for d, k in zip(docs, keys):
            if k.shape[0] >= 1 << UNIT_BITS:
                raise InputError(
                    f"document {d.doc_id!r} has {k.shape[0]:,} units, over the limit of "
                    f"{(1 << UNIT_BITS) - 1:,}; split it or raise max_words"
                )
        present = [i for i, n in zip(ids, self.numbers(ids)) if n is not None]
        if present and not replace:
            raise DuplicateDocumentError(
                f"document {present[0]!r} is already in the index; pass replace=True to "
                "replace it, or remove it first"
            )
        for i in present:
            self.remove(i, missing_ok=True)
        r = self._r
        with _guard(self.url):
            last = int(r.incrby(self._k("next"), len(docs)))
            nums = list(range(last - len(docs), last))
            pipe = r.pipeline(transaction=False)
            for i, n in zip(ids, nums):
                pipe.hsetnx(self._k("ids"), i, n)
            won = pipe.execute()
            lost = [i for i, w in zip(ids, won) if not w]
            if lost:
                if not replace:
                    mine = [i for i, w in zip(ids, won) if w]
                    if mine:
                        r.hdel(self._k("ids"), *mine)
                    raise DuplicateDocumentError(
                        f"document {lost[0]!r} was added by another process meanwhile; pass "
                        "replace=True to replace it"
                    )
                for i in lost:
                    self.remove(i, missing_ok=True)
                pipe = r.pipeline(transaction=False)
                for i, n, w in zip(ids, nums, won):
                    if not w:
                        pipe.hset(self._k("ids"), i, n)
                pipe.execute()
            pipe = r.pipeline(transaction=False)
            pipe.hset(self._k("docs"), mapping={n: d.to_json() for n, d in zip(nums, docs)})
            pipe.hset(self._k("keys"), mapping={
                n: np.ascontiguousarray(k, dtype="<u8").tobytes() for n, k in zip(nums, keys)
            })
            entries = [_entries(k, n) for n, k in zip(nums, keys) if k.size]
            if entries:
                allrows = np.concatenate(entries)
                band_prefix = self._k("b:")
                for s in range(0, allrows.shape[0], _ENTRIES_PER_CALL):
                    blob = allrows[s:s + _ENTRIES_PER_CALL].tobytes()
                    self._insert(args=[band_prefix, blob], client=pipe)
            pipe.execute()
        return nums

    def remove(self, doc_id: str, *, missing_ok: bool = False) -> None:
        r = self._r
        with _guard(self.url):
            num = r.hget(self._k("ids"), doc_id)
            if num is None:
                if missing_ok:
                    return
                raise UnknownDocumentError(
                    f"document {doc_id!r} is not in the index; nothing was removed"
                )
            n = int(num)
            raw = r.hget(self._k("keys"), n)
            pipe = r.pipeline(transaction=False)
            pipe.hdel(self._k("ids"), doc_id)
            pipe.hdel(self._k("docs"), n)
            pipe.hdel(self._k("keys"), n)
            if raw:
                k = np.frombuffer(raw, dtype="<u8").reshape(-1, self._bands())
                rows = _entries(k, n)
                for s in range(0, rows.shape[0], _ENTRIES_PER_CALL):
                    self._delete(args=[self._k("b:"), rows[s:s + _ENTRIES_PER_CALL].tobytes()],
                                 client=pipe)
            pipe.execute()

    def _bands(self) -> int:
        assert self.config.bands is not None
        return self.config.bands

    def lookup(self, keys: np.ndarray) -> Hits:
        flat = np.ascontiguousarray(keys, dtype="<u8").ravel()
        if not flat.size:
            return Hits(_EMPTY, _EMPTY, _EMPTY)
        raw = flat.tobytes()
        prefix = self._k("b:")
        names = [prefix + raw[i:i + 8] for i in range(0, len(raw), 8)]
        with _guard(self.url):
            values = self._r.mget(names)
        qs, refs = [], []
        bands = keys.shape[1]
        for i, v in enumerate(values):
            if v:
                arr = np.frombuffer(v, dtype="<i8")
                refs.append(arr)
                qs.append(np.full(arr.size, i // bands, dtype=np.int64))
        if not refs:
            return Hits(_EMPTY, _EMPTY, _EMPTY)
        doc, unit = split_refs(np.concatenate(refs))
        return Hits(np.concatenate(qs), doc, unit)

    def docs(self, numbers: Sequence[int]) -> list[StoredDoc | None]:
        if not numbers:
            return []
        with _guard(self.url):
            raw = self._r.hmget(self._k("docs"), list(numbers))
        return [None if v is None else StoredDoc.from_json(v) for v in raw]

    def scan(self) -> Iterator[tuple[int, StoredDoc, np.ndarray]]:
        with _guard(self.url):
            nums = sorted(int(n) for n in self._r.hkeys(self._k("docs")))
        for s in range(0, len(nums), 500):
            part = nums[s:s + 500]
            with _guard(self.url):
                pipe = self._r.pipeline(transaction=False)
                pipe.hmget(self._k("docs"), part)
                pipe.hmget(self._k("keys"), part)
                docs, keys = pipe.execute()
            for n, d, k in zip(part, docs, keys):
                if d is None or k is None:
                    continue  # removed meanwhile
                arr = np.frombuffer(k, dtype="<u8").reshape(-1, self._bands()).astype(np.uint64)
                yield n, StoredDoc.from_json(d), arr

    def clear(self) -> None:
        """Delete every document of this index from Redis; the configuration stays."""
        with _guard(self.url):
            batch = []
            for key in self._r.scan_iter(match=self._p + b"*", count=1000):
                batch.append(key)
                if len(batch) >= 1000:
                    self._r.delete(*batch)
                    batch = []
            if batch:
                self._r.delete(*batch)
        self._record(self.config)

    def close(self) -> None:
        self._r.close()
