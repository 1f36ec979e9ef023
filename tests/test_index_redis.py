"""The shared Redis index: several processes, connection failures, layout checks,
and add_many's background store (on both back ends)."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import numpy as np
import pytest
from conftest import CHIP, FLOOD, MARATHON, join

from syndetect import BackendError, DuplicateDocumentError, InputError
from syndetect.index import Index

_ADD = """
import json, sys
from syndetect import Index
url, name, doc_id, text = json.loads(sys.argv[1])
idx = Index(redis_url=url, name=name)
idx.add(doc_id, text, outlet="proc-" + doc_id)
"""

_QUERY = """
import json, sys
from syndetect import Index
url, name, text = json.loads(sys.stdin.read())
idx = Index(redis_url=url, name=name)
print(json.dumps([m.to_dict() for m in idx.query(text)]))
"""


def _run(code: str, payload: list[str]) -> str:
    out = subprocess.run([sys.executable, "-c", code], input=json.dumps(payload),
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_two_processes_add_and_a_third_finds_both(redis_url):
    name = "procs"
    Index(redis_url=redis_url, name=name).clear()
    flood, chip = join(FLOOD), join(CHIP)
    adders = [
        subprocess.Popen([sys.executable, "-c", _ADD, json.dumps([redis_url, name, i, t])],
                         text=True, stderr=subprocess.PIPE)
        for i, t in [("flood", flood), ("chip", chip)]
    ]
    for proc in adders:
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
    # A roundup reprinting parts of both stories finds both documents.
    roundup = join(["Today's round-up."] + FLOOD[:3] + CHIP[:3])
    found = json.loads(_run(_QUERY, [redis_url, name, roundup]))
    assert sorted(m["doc_id"] for m in found) == ["chip", "flood"]
    assert {m["metadata"]["outlet"] for m in found} == {"proc-chip", "proc-flood"}
    Index(redis_url=redis_url, name=name).clear()


def test_documents_added_in_one_handle_are_seen_by_another(redis_url):
    a = Index(redis_url=redis_url, name="handles")
    a.clear()
    b = Index(redis_url=redis_url, name="handles")
    a.add("m", join(MARATHON))
    assert [m.doc_id for m in b.query(join(MARATHON[:3]))] == ["m"]
    b.remove("m")
    assert "m" not in a and a.query(join(MARATHON)) == []
    a.clear()


def test_unreachable_server_is_a_quick_clear_error():
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    start = time.monotonic()
    with pytest.raises(BackendError, match="cannot reach Redis"):
        Index(redis_url=f"redis://127.0.0.1:{port}/0", name="nobody")
    assert time.monotonic() - start < 3.0


def test_server_going_away_mid_use_is_a_backend_error(redis_url, tmp_path):
    import shutil

    binary = shutil.which("redis-server")
    assert binary  # the redis_url fixture skipped otherwise
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", str(tmp_path)],
                            stdout=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                idx = Index(redis_url=f"redis://127.0.0.1:{port}/0", name="gone")
                break
            except BackendError:
                time.sleep(0.05)
        idx.add("f", join(FLOOD))
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    with pytest.raises(BackendError, match="Redis"):
        idx.query(join(FLOOD))


def test_bad_names_and_urls_are_input_errors(redis_url):
    with pytest.raises(InputError, match="name"):
        Index(redis_url=redis_url, name="a*b")
    with pytest.raises(InputError, match="needs a name"):
        Index(redis_url=redis_url)
    with pytest.raises(InputError, match="not a Redis URL"):
        Index(redis_url="http://127.0.0.1:1/", name="x")


def test_redis_index_saves_to_a_file_that_loads_in_memory(redis_url, tmp_path, news):
    idx = Index(redis_url=redis_url, name="tofile")
    idx.clear()
    idx.add_many(news.items())
    idx.save(tmp_path / "r.sdx")
    mem = Index.load(tmp_path / "r.sdx")
    assert mem.ids() == idx.ids()
    assert mem.families() == idx.families()
    idx.clear()


# --------------------------------------------------------------------------- #
# add_many stores each batch in a background thread while fingerprinting the next
# --------------------------------------------------------------------------- #

@pytest.fixture(params=["memory", "redis"])
def backend(request: pytest.FixtureRequest) -> dict[str, str]:
    """Index options of one back end (a fresh Redis name each time)."""
    if request.param == "memory":
        return {}
    url = request.getfixturevalue("redis_url")
    name = f"bg-{request.node.name}".replace("[", "-").replace("]", "")
    Index(redis_url=url, name=name).clear()
    return {"redis_url": url, "name": name}


def _no_store_thread_left() -> bool:
    import threading

    return not any(t.name.startswith("syndetect-store") for t in threading.enumerate())


def test_add_many_stores_batches_in_order_in_the_background(backend, news):
    import threading

    idx = Index(batch_size=2, **backend)
    seen: list[tuple[str, list[str]]] = []
    add = idx._store.add

    def recording(docs, keys, *, replace):
        seen.append((threading.current_thread().name, [d.doc_id for d in docs]))
        return add(docs, keys, replace=replace)

    idx._store.add = recording  # type: ignore[method-assign]
    items = list(news.items())
    assert idx.add_many(items) == len(items)
    assert idx.ids() == [k for k, _ in items]
    assert [ids for _, ids in seen] == [[k for k, _ in items[i:i + 2]]
                                        for i in range(0, len(items), 2)]
    assert all(name.startswith("syndetect-store") for name, _ in seen)
    assert _no_store_thread_left()
    assert [m.doc_id for m in idx.query(news["chip-wire"])][:1] == ["chip-wire"]
    idx.clear()


def test_a_failed_background_store_surfaces_and_earlier_batches_stay(backend, news):
    idx = Index(batch_size=2, **backend)
    idx.add("taken", news["fish-a"])
    items = [("a", news["flood-wire"]), ("b", news["chip-wire"]),  # batch 1: stored
             ("taken", news["fish-b"]), ("c", news["marathon-wire"]),  # batch 2: refused
             ("d", news["ar-wire"]), ("e", news["ar-copy"])]  # batch 3: not stored
    with pytest.raises(DuplicateDocumentError, match="'taken' is already in the index"):
        idx.add_many(items)
    assert idx.ids() == ["taken", "a", "b"]
    assert idx.get("taken")[0] == news["fish-a"]
    assert _no_store_thread_left()
    # The store's error comes first even when a later batch fails to fingerprint
    # while it runs; that later error is kept as its context.
    with pytest.raises(DuplicateDocumentError) as caught:
        idx.add_many(iter([("f", news["flood-copy"]), ("g", news["chip-copy"]),
                           ("a", news["roundup"]), ("h", news["fish-b"]),
                           ("i", 42)]))
    assert isinstance(caught.value.__context__, InputError)
    assert idx.ids() == ["taken", "a", "b", "f", "g"]
    assert _no_store_thread_left()
    # Without a store error, the fingerprinting error is the one raised.
    with pytest.raises(InputError, match="'j'"):
        idx.add_many([("j", news["flood-reworded"]), ("k", news["chip-short"]), ("j", 7)])
    assert idx.ids() == ["taken", "a", "b", "f", "g", "j", "k"]
    idx.clear()


def test_a_redis_error_in_a_background_store_is_a_backend_error(redis_url, news):
    import redis

    name = "bg-wrongtype"
    idx = Index(redis_url=redis_url, name=name, batch_size=2)
    idx.clear()
    probe = Index()
    probe.add("c", news["marathon-wire"])
    (_, _, keys), = probe._store.scan()
    # A band key of document "c" (batch 2) already holds a hash: Redis refuses to
    # append to it, inside the background store.
    r = redis.Redis.from_url(redis_url)
    bad = f"syndetect:{name}:b:".encode() + np.ascontiguousarray(keys[0, :1], "<u8").tobytes()
    r.hset(bad, "x", "y")
    items = [("a", news["flood-wire"]), ("b", news["chip-wire"]),
             ("c", news["marathon-wire"]), ("d", news["fish-a"]),
             ("e", news["ar-wire"])]
    with pytest.raises(BackendError, match="WRONGTYPE"):
        idx.add_many(items)
    assert idx.ids() == ["a", "b"]
    assert _no_store_thread_left()
    r.delete(bad)
    r.close()
    assert [m.doc_id for m in idx.query(news["chip-wire"])][:1] == ["b"]
    assert idx.query(news["marathon-wire"]) == []
    idx.clear()


def test_clear_in_one_handle_never_reuses_numbers_another_cached(redis_url, news):
    # b caches the analysis of its document number; a clears and adds another text.
    # Numbers are never reused, so b must not verify against its stale analysis.
    b = Index(redis_url=redis_url, name="clear-reuse")
    b.clear()
    b.add("a", news["flood-wire"])
    assert [m.doc_id for m in b.query(news["flood-wire"])] == ["a"]
    a = Index(redis_url=redis_url, name="clear-reuse")
    a.clear()
    a.add("b", news["chip-wire"])
    assert [m.doc_id for m in b.query(news["chip-wire"])][:1] == ["b"]
    assert b.query(news["flood-wire"]) == []
    a.clear()


def test_opening_an_existing_index_adopts_its_recorded_options(redis_url, news):
    from syndetect import ConfigMismatchError

    built = Index(redis_url=redis_url, name="opts64", num_perm=64, max_candidates=7)
    built.clear()
    built.add("f", news["flood-wire"])
    again = Index(redis_url=redis_url, name="opts64")
    assert again.config.fingerprint == built.config.fingerprint
    assert again.config.fingerprint.num_perm == 64
    assert [m.doc_id for m in again.query(news["flood-wire"])] == ["f"]
    # Options given that agree with the record are fine; others name the fields.
    assert Index(redis_url=redis_url, name="opts64", num_perm=64).config.fingerprint \
        == built.config.fingerprint
    with pytest.raises(ConfigMismatchError, match="shingle 3 != 4"):
        Index(redis_url=redis_url, name="opts64", shingle=4)
    with pytest.raises(ConfigMismatchError, match="num_perm 64 != 128"):
        Index(redis_url=redis_url, name="opts64", config=Index().config)
    built.clear()


def test_opening_without_create_refuses_a_missing_index_and_writes_nothing(redis_url):
    import redis

    from syndetect import UnknownIndexError

    with pytest.raises(UnknownIndexError, match="no Redis index named 'never-built'"):
        Index(redis_url=redis_url, name="never-built", create=False)
    r = redis.Redis.from_url(redis_url)
    assert list(r.scan_iter(match=b"syndetect:never-built:*")) == []
    r.close()
    with pytest.raises(InputError, match="for a Redis index"):
        Index(create=False)


@pytest.mark.parametrize("bad", [5, None, b"5", ""])
def test_both_back_ends_refuse_non_string_ids_alike(backend, news, bad):
    idx = Index(**backend)
    idx.add("5", news["fish-a"])
    for call in (idx.remove, idx.get, lambda i: idx.add(i, news["fish-b"])):
        with pytest.raises(InputError, match="document id must be a non-empty string"):
            call(bad)
    assert bad not in idx
    assert idx.ids() == ["5"] and idx.get("5")[0] == news["fish-a"]
    idx.clear()
