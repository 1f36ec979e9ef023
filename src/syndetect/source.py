"""Reading texts from files and standard input, with errors a user can act on.

Bytes are decoded as strict UTF-8 (a leading byte-order mark is dropped) without
newline translation, so offsets in a report index the file's text exactly.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

from .errors import InputDecodeError, InputFileError, InputTooLargeError

__all__ = ["DEFAULT_MAX_BYTES", "decode", "read_text"]

#: Largest input file accepted by default (bytes).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def decode(data: bytes, name: str) -> str:
    """Decode ``data`` as UTF-8 text, or raise :class:`InputDecodeError` saying why not."""
    if b"\x00" in data:
        raise InputDecodeError(
            f"{name} looks like binary data (it contains NUL bytes); give a UTF-8 text file"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputDecodeError(
            f"{name} is not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r}); "
            f"convert it first, e.g. iconv -f WINDOWS-1252 -t UTF-8"
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


_CHUNK = 1 << 20


def _read_limited(stream: BinaryIO, name: str, max_bytes: int) -> bytes:
    """At most ``max_bytes`` from ``stream``, read in chunks (a huge limit must not
    ask for a buffer of its size up front), or :class:`InputTooLargeError`."""
    chunks = []
    size = 0
    while True:
        chunk = stream.read(min(_CHUNK, max_bytes + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise InputTooLargeError(
                f"{name} is larger than {max_bytes:,} bytes; split it or raise the limit "
                f"(--max-bytes)"
            )
    return b"".join(chunks)


def read_text(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read a UTF-8 text file, or standard input when ``path`` is ``"-"``.

    Raises :class:`InputFileError` for a missing path, a directory or an unreadable
    file, :class:`InputTooLargeError` over ``max_bytes`` and
    :class:`InputDecodeError` for binary data or invalid UTF-8.
    """
    if str(path) == "-":
        stdin = getattr(sys.stdin, "buffer", None)
        if stdin is None:
            raise InputFileError("standard input is closed; pipe a text into it or give a file")
        try:
            data = _read_limited(stdin, "standard input", max_bytes)
        except OSError as exc:
            raise InputFileError(
                f"standard input: cannot read ({exc.strerror or exc})") from None
        return decode(data, "standard input")
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputFileError(f"{name}: no such file")
    if p.is_dir():
        raise InputFileError(f"{name} is a directory; give a text file")
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise InputTooLargeError(
                f"{name} is {size:,} bytes, over the limit of {max_bytes:,}; split it or "
                f"raise the limit (--max-bytes)"
            )
        with p.open("rb") as f:
            data = _read_limited(f, name, max_bytes)
    except PermissionError:
        raise InputFileError(f"{name}: permission denied") from None
    except IsADirectoryError:
        raise InputFileError(f"{name} is a directory; give a text file") from None
    except OSError as exc:
        raise InputFileError(f"{name}: cannot read ({exc.strerror or exc})") from None
    return decode(data, name)
