"""Saving and loading an index: round trip, atomic replace, clear errors on bad files."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import numpy as np
import pytest
import xxhash
from conftest import PUBLISHED

from syndetect import ConfigMismatchError, IndexFormatError, InputFileError
from syndetect.index import Index
from syndetect.index_file import MAGIC, read_index, write_index
from syndetect.storage import FORMAT_VERSION, StoredDoc


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory, news: dict[str, str]) -> tuple[Index, Path]:
    idx = Index()
    idx.add_many({"id": k, "text": v, "published": PUBLISHED[k], "tags": ["a", 1]}
                 for k, v in news.items())
    path = tmp_path_factory.mktemp("saved") / "news.sdx"
    idx.save(path)
    return idx, path


def test_round_trip_keeps_documents_queries_and_families(saved, news):
    idx, path = saved
    loaded = Index.load(path)
    assert len(loaded) == len(idx) and loaded.ids() == idx.ids()
    assert loaded.config.fingerprint == idx.config.fingerprint
    assert loaded.get("flood-copy") == idx.get("flood-copy")
    for k in ("flood-wire", "ar-copy", "roundup"):
        assert [(m.doc_id, m.score) for m in loaded.query(news[k])] == \
            [(m.doc_id, m.score) for m in idx.query(news[k])]
    assert loaded.families() == idx.families()
    # The loaded index keeps working: add, remove, save again.
    loaded.remove("chip-copy")
    loaded.add("new", news["chip-wire"])
    loaded.save(path.with_name("again.sdx"))
    assert Index.load(path.with_name("again.sdx")).ids() == loaded.ids()


def test_file_is_not_pickle_and_records_config_and_version(saved):
    idx, path = saved
    raw = path.read_bytes()
    assert raw.startswith(MAGIC)
    header_len, header_sum = struct.unpack_from("<QQ", raw, len(MAGIC) + 4)
    header_raw = raw[len(MAGIC) + 20:len(MAGIC) + 20 + header_len]
    assert xxhash.xxh64_intdigest(header_raw) == header_sum
    header = json.loads(header_raw)
    assert header["format"] == FORMAT_VERSION
    assert header["config"] == idx.config.fingerprint.to_dict()
    assert header["documents"] == len(idx)


@pytest.mark.parametrize("keep", [0, 5, 20, 30, 200, -40, -1])
def test_truncated_file_is_a_clear_error(saved, tmp_path, keep):
    _, path = saved
    raw = path.read_bytes()
    bad = tmp_path / "cut.sdx"
    bad.write_bytes(raw[:keep] if keep >= 0 else raw[:len(raw) + keep])
    with pytest.raises(IndexFormatError, match="truncated|not a syndetect index|corrupt"):
        Index.load(bad)


def test_corrupt_byte_is_a_clear_error(saved, tmp_path):
    _, path = saved
    raw = bytearray(path.read_bytes())
    for at in (len(raw) // 2, len(raw) - 30):
        flipped = bytearray(raw)
        flipped[at] ^= 0x41
        bad = tmp_path / "flip.sdx"
        bad.write_bytes(bytes(flipped))
        with pytest.raises(IndexFormatError, match="corrupt|checksum|truncated"):
            Index.load(bad)


@pytest.mark.parametrize("content", [
    b"\x89PNG\r\n\x1a\n" + bytes(100),
    b'{"id": "a", "text": "a corpus line, not an index"}\n',
    b"\x80\x04\x95\x00\x00",  # a pickle
    b"",
])
def test_foreign_file_is_a_clear_error(tmp_path, content):
    bad = tmp_path / "foreign"
    bad.write_bytes(content)
    with pytest.raises(IndexFormatError, match="not a syndetect index"):
        Index.load(bad)


def test_newer_format_is_refused_with_advice(saved, tmp_path):
    _, path = saved
    raw = bytearray(path.read_bytes())
    struct.pack_into("<I", raw, len(MAGIC), 99)
    bad = tmp_path / "future.sdx"
    bad.write_bytes(bytes(raw))
    with pytest.raises(IndexFormatError, match="format 99"):
        Index.load(bad)


def test_missing_path_and_directory(tmp_path):
    with pytest.raises(InputFileError, match="no index"):
        Index.load(tmp_path / "absent.sdx")
    with pytest.raises(InputFileError, match="directory"):
        Index.load(tmp_path)
    with pytest.raises(InputFileError, match="directory"):
        Index().save(tmp_path)


def test_load_refuses_other_fingerprint_options(saved):
    _, path = saved
    with pytest.raises(ConfigMismatchError, match="shingle 3 != 5"):
        Index.load(path, shingle=5)
    assert Index.load(path, shingle=3, max_candidates=3).config.max_candidates == 3


def test_crash_mid_save_leaves_previous_index_intact(saved, tmp_path):
    idx, path = saved
    target = tmp_path / "keep.sdx"
    idx.save(target)
    before = target.read_bytes()

    def exploding():
        doc = StoredDoc("x", "text", {}, (3,))
        yield doc, np.zeros((1, idx.config.fingerprint.bands), dtype=np.uint64)
        raise KeyboardInterrupt  # the process is interrupted mid-save

    with pytest.raises(KeyboardInterrupt):
        write_index(target, idx.config.fingerprint, exploding())
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.sdx"]
    assert len(read_index(target)[1]) == len(idx)


def test_failure_while_writing_leaves_previous_index_and_no_temp_file(saved, tmp_path,
                                                                      monkeypatch):
    idx, _ = saved
    target = tmp_path / "keep.sdx"
    idx.save(target)
    before = target.read_bytes()
    smaller = Index()
    smaller.add("only", "One short text about nothing in particular, written for a test.")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("syndetect.index_file.os.fsync", broken_fsync)
    with pytest.raises(InputFileError, match="No space left"):
        smaller.save(target)
    monkeypatch.undo()
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.sdx"]


def _with_header(raw: bytes, edit) -> bytes:  # type: ignore[no-untyped-def]
    """``raw`` with its header edited by ``edit(header) -> header`` and its checksum
    recomputed: a header that is well-formed JSON with a valid checksum but wrong."""
    at = len(MAGIC) + 4
    (header_len,) = struct.unpack_from("<Q", raw, at)
    header = json.loads(raw[at + 16:at + 16 + header_len])
    new = json.dumps(edit(header)).encode()
    return (raw[:at] + struct.pack("<QQ", len(new), xxhash.xxh64_intdigest(new)) + new
            + raw[at + 16 + header_len:])


def _section(name: str, **change):  # type: ignore[no-untyped-def]
    def edit(h):  # type: ignore[no-untyped-def]
        for s in h["sections"]:
            if s["name"] == name:
                s.update(change)
                for k, v in change.items():
                    if v is None:
                        del s[k]
        return h
    return edit


@pytest.mark.parametrize("edit", [
    _section("units", length=None),
    _section("keys", offset=None),
    _section("docs", xxh64=None),
    _section("docs", offset="zero"),
    _section("units", length=-8),
    _section("units", length=1.5),
    _section("keys", offset=3),
    lambda h: {**h, "sections": "docs,units,keys"},
    lambda h: {**h, "sections": [1, 2, 3]},
    lambda h: {**h, "sections": h["sections"][:2]},
    lambda h: {**h, "documents": "many"},
    lambda h: {**h, "documents": -1},
    lambda h: {k: v for k, v in h.items() if k != "config"},
    lambda h: {**h, "format": 1},
    lambda h: [h],
], ids=lambda e: "edit")
def test_malformed_header_is_an_index_format_error(saved, tmp_path, edit):
    _, path = saved
    bad = tmp_path / "hdr.sdx"
    bad.write_bytes(_with_header(path.read_bytes(), edit))
    with pytest.raises(IndexFormatError, match="corrupt header.*backup or rebuild"):
        Index.load(bad)


@pytest.mark.parametrize("old,new", [
    (b'"seed": 1', b'"seed": 3'),  # still a valid configuration: would load silently
    (b'"shingle"', b'"shinglf"'),  # an unknown field: not "written by a newer syndetect"
    (b'"num_perm": 128', b'"num_perm": 1x8'),  # not JSON any more
])
def test_corrupt_header_fails_its_checksum(saved, tmp_path, old, new):
    _, path = saved
    raw = path.read_bytes()
    assert raw.count(old) == 1
    bad = tmp_path / "flip.sdx"
    bad.write_bytes(raw.replace(old, new))
    with pytest.raises(IndexFormatError, match="header fails its checksum.*backup or rebuild"):
        Index.load(bad)


def test_a_valid_header_from_a_newer_writer_still_asks_to_upgrade(saved, tmp_path):
    _, path = saved
    bad = tmp_path / "newer.sdx"
    bad.write_bytes(_with_header(path.read_bytes(), lambda h: {
        **h, "config": {**h["config"], "future_option": 1}}))
    with pytest.raises(ConfigMismatchError, match="newer syndetect"):
        Index.load(bad)


def test_load_compares_only_the_fingerprint_options_given(tmp_path):
    idx = Index(num_perm=64, shingle=4)
    idx.add("a", "A short text for a test of options, with enough words to fingerprint it.")
    path = tmp_path / "opts.sdx"
    idx.save(path)
    assert Index.load(path, num_perm=64).config.fingerprint == idx.config.fingerprint
    assert Index.load(path, shingle=4, max_candidates=2).config.max_candidates == 2
    assert Index.load(path, fingerprint=idx.config.fingerprint).config.fingerprint \
        == idx.config.fingerprint
    with pytest.raises(ConfigMismatchError, match=r"\(num_perm 64 != 128, recorded"):
        Index.load(path, num_perm=128)
    with pytest.raises(ConfigMismatchError, match="num_perm 64 != 128, shingle 4 != 3"):
        Index.load(path, fingerprint=Index().config.fingerprint)


def test_save_keeps_permissions_and_writes_through_a_symlink(tmp_path):
    import os
    import stat

    idx = Index()
    idx.add("a", "A short text for a test of saving, with enough words to fingerprint it.")
    real = tmp_path / "real.sdx"
    idx.save(real)
    os.chmod(real, 0o600)
    idx.add("b", "Another short text written for this test, about saving an index twice.")
    idx.save(real)
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    link = tmp_path / "link.sdx"
    link.symlink_to(real)
    idx.add("c", "A third text for the test, saved through a symbolic link this time.")
    idx.save(link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert Index.load(real).ids() == ["a", "b", "c"]
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.sdx", "real.sdx"]


def test_save_into_a_missing_directory_is_a_clear_error(tmp_path):
    with pytest.raises(InputFileError, match="no directory"):
        Index().save(tmp_path / "absent" / "x.sdx")
