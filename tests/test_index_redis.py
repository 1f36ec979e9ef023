"""The shared Redis index: several processes, connection failures, layout checks."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest
from conftest import CHIP, FLOOD, MARATHON, join

from syndetect import BackendError, InputError
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
