"""The Redis layout stays consistent when processes add, replace and remove at once.

Consistency: every document number in ``ids`` has its record and keys, every band
entry of every stored document is in the band table, and no band entry points at a
document that is not stored (so nothing a replaced or refused document wrote is left).
"""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
from conftest import CHIP, FLOOD, MARATHON, join

from syndetect import DuplicateDocumentError, Index
from syndetect.storage import UNIT_BITS

_ADD_MANY = """
import json, sys
from syndetect import DuplicateDocumentError, Index
url, name, replace, items = json.loads(sys.argv[1])
idx = Index(redis_url=url, name=name, batch_size=2)
try:
    idx.add_many([tuple(i) for i in items], replace=replace)
except DuplicateDocumentError:
    print("duplicate")
else:
    print("added")
"""


def _check_consistent(url: str, name: str, bands: int) -> None:
    import redis

    r = redis.Redis.from_url(url)
    p = f"syndetect:{name}:".encode()
    nums = {int(v) for v in r.hvals(p + b"ids")}
    docs = {int(k) for k in r.hkeys(p + b"docs")}
    keys = {int(k): v for k, v in r.hgetall(p + b"keys").items()}
    assert nums == docs == set(keys)
    table = {key[len(p) + 2:]: set(np.frombuffer(r.get(key), dtype="<i8").tolist())
             for key in r.scan_iter(match=p + b"b:*", count=1000)}
    pointed = {ref >> UNIT_BITS for refs in table.values() for ref in refs}
    assert pointed <= docs, f"band entries of documents not stored: {pointed - docs}"
    for num, raw in keys.items():
        k = np.frombuffer(raw, dtype="<u8").reshape(-1, bands)
        for unit, row in enumerate(k):
            for key in row:
                assert (num << UNIT_BITS | unit) in table[key.tobytes()]
    r.close()


@pytest.mark.parametrize("replace", [False, True])
def test_an_id_claimed_by_another_process_meanwhile(redis_url, monkeypatch, replace):
    name = f"claimed-{replace}"
    a = Index(redis_url=redis_url, name=name)
    a.clear()
    b = Index(redis_url=redis_url, name=name)
    store = a._store
    insert = store._band_calls  # type: ignore[attr-defined]
    raced: list[bool] = []

    def racing(script, parts):
        insert(script, parts)
        if not raced:  # between a's band entries and a's claim, b adds the same id
            raced.append(True)
            b.add("x", join(CHIP))

    monkeypatch.setattr(store, "_band_calls", racing)
    flood, chip = join(FLOOD), join(CHIP)
    if replace:
        a.add("x", flood, replace=True)
        assert [m.doc_id for m in b.query(flood)] == ["x"] and b.query(chip) == []
        assert b.get("x")[0] == flood
    else:
        with pytest.raises(DuplicateDocumentError, match="another process meanwhile"):
            a.add("x", flood)
        assert [m.doc_id for m in a.query(chip)] == ["x"] and a.query(flood) == []
    assert raced and len(a) == 1
    _check_consistent(redis_url, name, a.fingerprint_config.bands or 0)
    a.clear()


@pytest.mark.parametrize("replace", [False, True])
def test_two_processes_adding_the_same_ids_leave_one_consistent_index(redis_url, replace):
    name = f"same-ids-{replace}"
    idx = Index(redis_url=redis_url, name=name)
    idx.clear()
    texts = [join(FLOOD), join(CHIP), join(MARATHON), join(FLOOD[:3]), join(CHIP[1:]),
             join(MARATHON[2:]), join(FLOOD[1:4] + CHIP[:2]), join(MARATHON[:2] + CHIP[2:])]
    items = [(f"d{i}", t) for i, t in enumerate(texts)]
    payload = json.dumps([redis_url, name, replace, items])
    procs = [subprocess.Popen([sys.executable, "-c", _ADD_MANY, payload],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        results.append(out.strip())
    if replace:
        assert results == ["added", "added"]
    else:  # the process that claims the first batch adds everything; the other stops
        assert sorted(results) == ["added", "duplicate"]
    assert sorted(idx.ids()) == sorted(i for i, _ in items)
    for doc_id, text in items:
        assert doc_id in {m.doc_id for m in idx.query(text)}
    _check_consistent(redis_url, name, idx.fingerprint_config.bands or 0)
    idx.clear()


def test_replace_and_remove_leave_no_entries_behind(redis_url, news):
    name = "replace-remove"
    idx = Index(redis_url=redis_url, name=name, batch_size=3)
    idx.clear()
    idx.add_many(news.items())
    idx.add_many([(k, news["marathon-wire"] if k.startswith("flood") else v)
                  for k, v in news.items()], replace=True)
    idx.remove("chip-wire")
    _check_consistent(redis_url, name, idx.fingerprint_config.bands or 0)
    assert not {m.doc_id for m in idx.query(news["flood-wire"])} & {"flood-wire", "flood-copy"}
    assert "chip-wire" not in {m.doc_id for m in idx.query(news["chip-wire"])}
    idx.clear()


def test_a_batch_too_large_for_one_argument_is_added_in_parts(redis_url, news, monkeypatch):
    from syndetect import storage_redis

    monkeypatch.setattr(storage_redis, "_MAX_ARG_BYTES", 2_000)  # a few records at most
    name = "large-batch"
    idx = Index(redis_url=redis_url, name=name, batch_size=64)
    idx.clear()
    sizes = []
    real_add = storage_redis.RedisStore.add

    def spy(self, docs, keys, *, replace):
        sizes.append(len(docs))
        return real_add(self, docs, keys, replace=replace)

    monkeypatch.setattr(storage_redis.RedisStore, "add", spy)
    assert idx.add_many(news.items()) == len(news)
    assert sizes[0] == len(news) and len(sizes) > 2  # the batch, then its parts
    assert sorted(idx.ids()) == sorted(news)
    _check_consistent(redis_url, name, idx.fingerprint_config.bands or 0)
    for doc_id, text in news.items():
        assert idx.get(doc_id)[0] == text
        assert doc_id in {m.doc_id for m in idx.query(text)}
    # A batch in parts whose last id is present adds nothing (not its first half).
    items = [(f"new-{i}", text) for i, text in enumerate(news.values())]
    items.append((next(iter(news)), "a repeat"))
    with pytest.raises(DuplicateDocumentError):
        idx.add_many(items)
    assert sorted(idx.ids()) == sorted(news)
    idx.clear()
