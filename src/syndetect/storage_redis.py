"""Redis back end: one index shared by every process that can reach the server.

Layout, under the prefix ``syndetect:<name>:`` (binary-safe key names):

==================  ===========================================================
``meta``            hash: ``format`` (layout version), ``config`` (fingerprint
                    configuration as JSON); written once when the index is
                    created, adopted (and checked against any options given) on
                    every open
``next``            counter handing out document numbers (``INCRBY``, so two
                    processes never get the same one); ``clear`` keeps it, so
                    numbers are never reused
``ids``             hash: document id → number (set by an atomic script: one
                    winner per id)
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

Adding a batch, so that processes adding at once stay consistent: (1) one script
refuses the batch if an id is present (unless ``replace``), writing nothing, and
reserves its numbers (``INCRBY``); (2) the band entries of those numbers are
appended; (3) one atomic script claims the ids and writes the documents and their
keys. Until (3) the new entries point at numbers without a document, which lookups
skip. If another process claimed one of the ids between (1) and (3), the script
writes nothing and the entries of (2) are deleted again; with ``replace`` it
displaces the old document and returns its keys, whose entries are then deleted.
Removal takes the id, the document and its keys in one atomic script, then deletes
the entries. So an id is never visible without its document, and all entries of a
document are written before its id can be seen, hence before anyone can displace or
remove it. A batch that fails before (3) is not added (some of its entries may stay,
pointing at no document); one that fails after (3) is added, but the entries of a
document it displaced may stay.

Connection problems surface as :class:`~syndetect.errors.BackendError` within the
socket timeouts (2 s to connect, 10 s per command by default), never as a hang.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np

from .errors import (
    BackendError,
    DuplicateDocumentError,
    IndexFormatError,
    InputError,
    UnknownDocumentError,
    UnknownIndexError,
)
from .fingerprint import FingerprintConfig
from .storage import FORMAT_VERSION, UNIT_BITS, Hits, StoredDoc, check_id, split_refs

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

# ARGV[2]: the byte lengths of a batch's ids, records and keys, comma-separated;
# ARGV[3]: its ids concatenated. Sets ``lens`` (3n numbers), ``n`` and ``ids`` (a list).
_SPLIT_IDS = """
local lens = {}
for x in string.gmatch(ARGV[2], '%d+') do lens[#lens + 1] = tonumber(x) end
local n = #lens / 3
local idlist, at = {}, 1
for i = 1, n do
  idlist[i] = string.sub(ARGV[3], at, at + lens[i] - 1)
  at = at + lens[i]
end
"""

# Unless replacing (ARGV[4] == '1'): {-1, position} of the first id already present.
_REFUSE_PRESENT = """
if ARGV[4] ~= '1' then
  for i = 1, n do
    if redis.call('HEXISTS', ARGV[1] .. 'ids', idlist[i]) == 1 then return {-1, i} end
  end
end
"""

# Reserve numbers for the batch: {-1, position} of the first id already present when
# not replacing (nothing reserved), else {0, first}.
_RESERVE = _SPLIT_IDS + _REFUSE_PRESENT + """
return {0, redis.call('INCRBY', ARGV[1] .. 'next', n) - n}
"""

# Claim ids for numbers ARGV[5].. (ARGV[4] == '1': replace), write records and keys
# (ARGV[6], ARGV[7] concatenated). Returns {-1, position} when not replacing and an
# id is present (nothing written), else {0, displaced number, its keys, ...}.
_CLAIM = _SPLIT_IDS + _REFUSE_PRESENT + """
local p = ARGV[1]
local ids, docs, keys = p .. 'ids', p .. 'docs', p .. 'keys'
local first = tonumber(ARGV[5])
local out = {0}
local d, k = 1, 1
for i = 1, n do
  local num = string.format('%d', first + i - 1)
  local dn, kn = lens[n + i], lens[2 * n + i]
  local old = redis.call('HGET', ids, idlist[i])
  redis.call('HSET', ids, idlist[i], num)
  redis.call('HSET', docs, num, string.sub(ARGV[6], d, d + dn - 1))
  redis.call('HSET', keys, num, string.sub(ARGV[7], k, k + kn - 1))
  d, k = d + dn, k + kn
  if old then
    out[#out + 1] = old
    out[#out + 1] = redis.call('HGET', keys, old) or ''
    redis.call('HDEL', docs, old)
    redis.call('HDEL', keys, old)
  end
end
return out
"""

_TAKE = """
local p = ARGV[1]
local ids, keys = p .. 'ids', p .. 'keys'
local num = redis.call('HGET', ids, ARGV[2])
if not num then return false end
local k = redis.call('HGET', keys, num) or ''
redis.call('HDEL', ids, ARGV[2])
redis.call('HDEL', p .. 'docs', num)
redis.call('HDEL', keys, num)
return {num, k}
"""

_ENTRIES_PER_CALL = 16384
#: Most bytes of records sent as one script argument; a larger batch is added in
#: parts. Redis refuses any argument over 512 MB (``proto-max-bulk-len``), and 256
#: texts near ``max_chars`` would pass that.
_MAX_ARG_BYTES = 64 << 20
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


def _entries(keys: Sequence[np.ndarray], nums: Sequence[int]) -> np.ndarray:
    """``(entries, 2)`` little-endian uint64 rows of (band key, packed reference) of the
    documents numbered ``nums`` with these ``(units, bands)`` band keys, in one array."""
    units = np.fromiter((k.shape[0] for k in keys), dtype=np.int64, count=len(keys))
    flat = [k.ravel() for k in keys if k.size]
    if not flat:
        return np.empty((0, 2), dtype="<u8")
    bands = next(k.shape[1] for k in keys if k.size)
    out = np.empty((int(units.sum()) * bands, 2), dtype="<u8")
    out[:, 0] = np.concatenate(flat)
    doc = np.repeat(np.asarray(nums, dtype=np.int64), units)
    starts = np.repeat(np.cumsum(units) - units, units)
    refs = (doc << UNIT_BITS) | (np.arange(doc.size, dtype=np.int64) - starts)
    out[:, 1] = np.repeat(refs, bands).view(np.uint64)
    return out


class RedisStore:
    """A :class:`~syndetect.storage.Store` in a Redis server, shared between processes."""

    def __init__(self, url: str, name: str,
                 config: FingerprintConfig | Mapping[str, Any] | None = None, *,
                 create: bool = True, timeout: float = 10.0,
                 connect_timeout: float = 2.0) -> None:
        """Open the index ``name`` at ``url``.

        ``config``: the fingerprint configuration, or some of its fields, or None. A
        new index records it (defaults for fields not given); an existing one is
        opened with its recorded configuration, which must agree with every field
        given (:class:`~syndetect.errors.ConfigMismatchError` otherwise). With
        ``create=False`` a missing index is an
        :class:`~syndetect.errors.UnknownIndexError` and nothing is written.
        """
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
            self._reserve = self._r.register_script(_RESERVE)
            self._claim = self._r.register_script(_CLAIM)
            self._take = self._r.register_script(_TAKE)
        self.config = self._record({} if config is None else config, create)

    def _record(self, given: FingerprintConfig | Mapping[str, Any],
                create: bool) -> FingerprintConfig:
        """The recorded configuration, once ``given`` agrees with it; a new index
        (``create``) records the layout version and ``given`` first."""
        url, name = self.url, self.name
        meta = self._p + b"meta"
        with _guard(url):
            fmt, stored = self._r.hmget(meta, ["format", "config"])
        if stored is None:
            if not create:
                raise UnknownIndexError(
                    f"there is no Redis index named {name!r} at {url}; check the name, "
                    "or build it first ('syndetect index build CORPUS NAME --redis-url URL')"
                )
            new = given if isinstance(given, FingerprintConfig) else FingerprintConfig(**given)
            with _guard(url):
                pipe = self._r.pipeline(transaction=True)
                pipe.hsetnx(meta, "format", str(FORMAT_VERSION))
                pipe.hsetnx(meta, "config", json.dumps(new.to_dict(), sort_keys=True))
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
        return recorded.adopt(given, f"Redis index {name!r} at {url}",
                              "drop those options to use the recorded ones, or use another name")

    def _k(self, suffix: str) -> bytes:
        return self._p + suffix.encode()

    def __len__(self) -> int:
        with _guard(self.url):
            return int(self._r.hlen(self._k("ids")))

    def numbers(self, doc_ids: Sequence[str]) -> list[int | None]:
        ids = [check_id(d) for d in doc_ids]
        if not ids:
            return []
        with _guard(self.url):
            got = self._r.hmget(self._k("ids"), ids)
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
        n = len(docs)
        # Ids, records and keys travel as three blobs and one string of their lengths:
        # a few large arguments cost far less to send than three per document.
        id_raw = [i.encode("utf-8") for i in ids]
        records = [d.to_json() for d in docs]
        if n > 1 and sum(map(len, records)) > _MAX_ARG_BYTES:
            # Too large for one argument: two halves, each added as a batch of its own.
            # An id already present is refused before either half is added (adding
            # nothing, as Store.add promises; only a concurrent add of the same id
            # between the halves can still leave the first half added).
            if not replace:
                present = [i for i, num in zip(ids, self.numbers(ids)) if num is not None]
                if present:
                    raise DuplicateDocumentError(
                        f"document {present[0]!r} is already in the index; pass "
                        "replace=True to replace it, or remove it first"
                    )
            half = n // 2
            return (self.add(docs[:half], keys[:half], replace=replace)
                    + self.add(docs[half:], keys[half:], replace=replace))
        blobs = [np.ascontiguousarray(k, dtype="<u8").tobytes() for k in keys]
        lens = ",".join(str(len(x)) for part in (id_raw, records, blobs) for x in part)
        id_blob = b"".join(id_raw)
        flag = b"1" if replace else b"0"
        with _guard(self.url):
            status, first = self._reserve(args=[self._p, lens, id_blob, flag])
        if int(status) < 0:
            raise DuplicateDocumentError(
                f"document {ids[int(first) - 1]!r} is already in the index; pass "
                "replace=True to replace it, or remove it first"
            )
        first = int(first)
        rows = _entries(keys, range(first, first + n))
        self._band_calls(self._insert, [rows])
        with _guard(self.url):
            out = self._claim(args=[self._p, lens, id_blob, flag, first,
                                    b"".join(records), b"".join(blobs)])
        if int(out[0]) < 0:
            self._band_calls(self._delete, [rows])
            raise DuplicateDocumentError(
                f"document {ids[int(out[1]) - 1]!r} was added by another process meanwhile; "
                "pass replace=True to replace it"
            )
        displaced = [self._entries_of(int(old), raw) for old, raw in zip(out[1::2], out[2::2])]
        self._band_calls(self._delete, displaced)
        return list(range(first, first + n))

    def _entries_of(self, num: int, raw: bytes) -> np.ndarray:
        """The band entries of document ``num`` from its stored keys."""
        return _entries([np.frombuffer(raw, dtype="<u8").reshape(-1, self._bands())], [num])

    def _band_calls(self, script: Any, parts: Sequence[np.ndarray]) -> None:
        """Run an entry script over ``(entries, 2)`` rows, ~16k entries a call, one round trip."""
        parts = [rows for rows in parts if rows.shape[0]]
        if not parts:
            return
        allrows = np.concatenate(parts) if len(parts) > 1 else parts[0]
        prefix = self._k("b:")
        with _guard(self.url):
            pipe = self._r.pipeline(transaction=False)
            for s in range(0, allrows.shape[0], _ENTRIES_PER_CALL):
                script(args=[prefix, allrows[s:s + _ENTRIES_PER_CALL].tobytes()], client=pipe)
            pipe.execute()

    def remove(self, doc_id: str) -> None:
        with _guard(self.url):
            got = self._take(args=[self._p, check_id(doc_id)])
        if got is None:
            raise UnknownDocumentError(
                f"document {doc_id!r} is not in the index; nothing was removed"
            )
        num, raw = got
        self._band_calls(self._delete, [self._entries_of(int(num), raw)])

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
        """Delete every document of this index from Redis; the configuration and the
        number counter stay (numbers are never reused: other processes may hold
        analyses cached by number)."""
        keep = {self._k("next"), self._k("meta")}
        with _guard(self.url):
            batch = []
            for key in self._r.scan_iter(match=self._p + b"*", count=1000):
                if key in keep:
                    continue
                batch.append(key)
                if len(batch) >= 1000:
                    self._r.delete(*batch)
                    batch = []
            if batch:
                self._r.delete(*batch)
        self._record(self.config, True)

    def close(self) -> None:
        self._r.close()
