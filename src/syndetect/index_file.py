"""The on-disk index format: versioned, checksummed, written atomically, no pickle.

Layout of a saved index (all integers little-endian)::

    magic       16 bytes  b"SYNDETECT-INDEX\\n"
    version      4 bytes  uint32, FORMAT_VERSION
    header_len   8 bytes  uint64
    header_xxh64 8 bytes  uint64, xxh64 of the header bytes
    header       JSON (UTF-8): {"format", "config", "documents", "sections": [
                     {"name", "offset", "length", "xxh64"}, ...]}; offsets count
                     from the end of the header
    sections     "docs"  zlib-compressed JSON lines [id, text, metadata, unit words]
                 "units" int32 per document: its number of units
                 "keys"  uint64 band keys, (units, bands) per document, in order
    end          16 bytes b"SYNDETECT-END\\n\\0\\0"

``save`` writes a temporary file next to the target, flushes it to disk and renames
it over the target, so a crash mid-save leaves the previous file intact. A symlink
is followed (the file it names is replaced; the link stays), and the replaced file's
permission bits carry over to the new one. ``load``
checks magic, version, the header's checksum and shape, lengths and each section's
xxh64 checksum, and names what is wrong: a truncated, corrupt or foreign file is an
:class:`~syndetect.errors.IndexFormatError`, never a crash deep inside numpy.
"""

from __future__ import annotations

import json
import os
import stat
import struct
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import xxhash

from .errors import IndexFormatError, InputFileError
from .fingerprint import FingerprintConfig
from .storage import FORMAT_VERSION, StoredDoc

__all__ = ["MAGIC", "check_target", "read_index", "write_index"]

MAGIC = b"SYNDETECT-INDEX\n"
END = b"SYNDETECT-END\n\0\0"
_PRELUDE = struct.Struct("<16sIQQ")
_FIX = "restore it from a backup or rebuild it"
_SECTIONS = ("docs", "units", "keys")


def write_index(path: str | os.PathLike[str], config: FingerprintConfig,
                docs: Iterable[tuple[StoredDoc, np.ndarray]]) -> int:
    """Write documents and band keys to ``path`` atomically; return the document count."""
    # Through symlinks to the file they name, so the link stays a link.
    target = Path(os.path.realpath(path))
    check_target(target)
    try:
        mode: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mode = None  # a new file: the umask decides, as for any new file
    lines: list[bytes] = []
    units: list[int] = []
    keys: list[bytes] = []
    for d, k in docs:
        lines.append(d.to_json())
        units.append(int(k.shape[0]))
        keys.append(np.ascontiguousarray(k, dtype="<u8").tobytes())
    sections = {
        "docs": zlib.compress(b"\n".join(lines), 1),
        "units": np.asarray(units, dtype="<i4").tobytes(),
        "keys": b"".join(keys),
    }
    meta = []
    offset = 0
    for name, blob in sections.items():
        meta.append({"name": name, "offset": offset, "length": len(blob),
                     "xxh64": xxhash.xxh64_hexdigest(blob)})
        offset += len(blob)
    header = json.dumps({"format": FORMAT_VERSION, "config": config.to_dict(),
                         "documents": len(lines), "sections": meta},
                        sort_keys=True).encode("utf-8")
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    try:
        with open(tmp, "wb") as f:
            if mode is not None:  # keep the permissions of the file replaced
                os.chmod(tmp, mode)
            f.write(_PRELUDE.pack(MAGIC, FORMAT_VERSION, len(header),
                                  xxhash.xxh64_intdigest(header)))
            f.write(header)
            for blob in sections.values():
                f.write(blob)
            f.write(END)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputFileError(f"cannot write index to {target}: {exc.strerror or exc}") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    try:  # make the rename itself durable where the platform allows
        fd = os.open(target.parent, os.O_RDONLY)
    except OSError:
        return len(lines)
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
    return len(lines)


def check_target(path: str | os.PathLike[str]) -> None:
    """Refuse, before any work, a path an index cannot be saved to: a directory, or
    one whose directory does not exist."""
    target = Path(path)
    if target.is_dir():
        raise InputFileError(f"{target} is a directory; give a file path to save the index to")
    parent = Path(os.path.realpath(target)).parent
    if not parent.is_dir():
        raise InputFileError(
            f"cannot save the index to {target}: no directory {parent}; create it first"
        )


def read_index(path: str | os.PathLike[str]) -> tuple[FingerprintConfig,
                                                      list[tuple[StoredDoc, np.ndarray]]]:
    """Read a file written by :func:`write_index`: its configuration and documents."""
    source = Path(path)
    try:
        raw = source.read_bytes()
    except FileNotFoundError as exc:
        raise InputFileError(f"no index at {source}; build one with Index.save or "
                             "'syndetect index build'") from exc
    except IsADirectoryError as exc:
        raise InputFileError(f"{source} is a directory, not a saved index") from exc
    except OSError as exc:
        raise InputFileError(f"cannot read {source}: {exc.strerror or exc}") from exc
    where = f"{source}"
    head = raw[:len(MAGIC)]
    if head != MAGIC:
        if head and len(head) < len(MAGIC) and MAGIC.startswith(head):
            raise IndexFormatError(f"{where} is truncated: it ends inside the file header")
        raise IndexFormatError(
            f"{where} is not a syndetect index (it starts with {raw[:16]!r}); "
            "build one with Index.save or 'syndetect index build'"
        )
    if len(raw) < _PRELUDE.size:
        raise IndexFormatError(f"{where} is truncated: it ends inside the file header")
    _, version, header_len, header_sum = _PRELUDE.unpack_from(raw)
    if version != FORMAT_VERSION:
        raise IndexFormatError(
            f"{where} has index format {version}; this syndetect reads format "
            f"{FORMAT_VERSION}. Rebuild the index or use a matching syndetect"
        )
    body_at = _PRELUDE.size + header_len
    if body_at > len(raw):
        raise IndexFormatError(f"{where} is truncated: it ends inside the header")
    head_raw = raw[_PRELUDE.size:body_at]
    if xxhash.xxh64_intdigest(head_raw) != header_sum:
        raise IndexFormatError(f"{where} is corrupt: its header fails its checksum; {_FIX}")
    config, count, sections = _header(head_raw, where)
    blobs: dict[str, bytes] = {}
    at = body_at
    for name in _SECTIONS:
        s = sections[name]
        lo, hi = at, at + s["length"]
        if hi > len(raw):
            raise IndexFormatError(
                f"{where} is truncated: {len(raw):,} bytes, its header promises at least "
                f"{hi + len(END):,}; the save was interrupted or the copy is incomplete"
            )
        blob = raw[lo:hi]
        if xxhash.xxh64_hexdigest(blob) != s["xxh64"]:
            raise IndexFormatError(
                f"{where} is corrupt: section {name!r} fails its checksum; {_FIX}"
            )
        blobs[name] = blob
        at = hi
    if raw[at:] != END:
        raise IndexFormatError(
            f"{where} is truncated or has trailing data after its last section; {_FIX}"
        )
    try:
        lines = zlib.decompress(blobs["docs"]).split(b"\n") if count else []
    except zlib.error as exc:
        raise IndexFormatError(f"{where} is corrupt: {exc}; {_FIX}") from exc
    units = np.frombuffer(blobs["units"], dtype="<i4")
    bands = config.bands or 0
    if len(lines) != count or units.size != count or len(blobs["keys"]) != \
            int(units.sum()) * bands * 8:
        raise IndexFormatError(f"{where} is corrupt: section sizes disagree; {_FIX}")
    keys = np.frombuffer(blobs["keys"], dtype="<u8").astype(np.uint64).reshape(-1, bands) \
        if bands else np.empty((0, 0), dtype=np.uint64)
    out = []
    at = 0
    for line, n in zip(lines, units.tolist()):
        out.append((StoredDoc.from_json(line), keys[at:at + n]))
        at += n
    return config, out


def _header(raw: bytes, where: str) -> tuple[FingerprintConfig, int,
                                              dict[str, dict[str, Any]]]:
    """The configuration, document count and sections of a header whose checksum
    matched; any other shape is an :class:`IndexFormatError`."""

    def bad(why: str) -> IndexFormatError:
        return IndexFormatError(f"{where} has a corrupt header ({why}); {_FIX}")

    try:
        header = json.loads(raw)
    except ValueError as exc:
        raise bad(f"not JSON: {exc}") from exc
    if not isinstance(header, dict):
        raise bad("not a JSON object")
    for key in ("format", "config", "documents", "sections"):
        if key not in header:
            raise bad(f"no {key!r}")
    if header["format"] != FORMAT_VERSION:
        raise bad(f"format {header['format']!r} disagrees with the file's version")
    count = header["documents"]
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        raise bad(f"documents is {count!r}, not a count")
    listed = header["sections"]
    if not isinstance(listed, list) or not all(isinstance(x, dict) for x in listed):
        raise bad("sections is not a list of objects")
    sections = {x.get("name"): x for x in listed}
    if len(listed) != len(_SECTIONS) or set(sections) != set(_SECTIONS):
        raise bad(f"sections {[x.get('name') for x in listed]!r}, expected {list(_SECTIONS)!r}")
    offset = 0
    for name in _SECTIONS:
        s = sections[name]
        for key in ("offset", "length"):
            v = s.get(key)
            if not isinstance(v, int) or isinstance(v, bool) or v < 0:
                raise bad(f"section {name!r} has {key} {v!r}, not a byte count")
        if not isinstance(s.get("xxh64"), str):
            raise bad(f"section {name!r} has no xxh64 checksum")
        if s["offset"] != offset:
            raise bad(f"section {name!r} starts at {s['offset']}, expected {offset}")
        offset += s["length"]
    # The checksum matched, so an unknown field is a newer writer's, not corruption.
    config = FingerprintConfig.from_dict(header["config"])
    return config, count, sections
