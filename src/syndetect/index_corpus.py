"""Reading a corpus: JSON lines with "id", "text" and any metadata, plain or gzipped.

Every line is accounted for: a malformed line either stops the run with an error
naming its line number, or (``skip_bad=True``) is skipped *and counted* in
:attr:`CorpusReader.skipped`, with its reason kept in :attr:`CorpusReader.problems`.
Blank lines are not documents and are ignored. A gzip file is recognised by its
content, whatever its name.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from .errors import CorpusFormatError, InputError, InputFileError

__all__ = ["CorpusReader"]


class CorpusReader:
    """Iterate the documents of a JSON-lines corpus as dicts with "id" and "text".

    ``check(doc_id, text, metadata)``, if given, vets each document as the index
    will (e.g. :meth:`~syndetect.index.Index.validate`): an
    :class:`~syndetect.errors.InputError` it raises makes the line a bad line.

    ``progress()`` is the share of the file read so far (0..1), from the position in
    the (possibly compressed) file.
    """

    def __init__(self, path: str | Path, *, skip_bad: bool = False,
                 check: Callable[[str, str, dict[str, Any]], object] | None = None) -> None:
        self.path = Path(path)
        self.skip_bad = skip_bad
        self.check = check
        self.skipped = 0
        self.problems: list[str] = []
        self.read = 0
        if not self.path.exists():
            raise InputFileError(f"{self.path}: no such file")
        if self.path.is_dir():
            raise InputFileError(f"{self.path} is a directory; give a JSON-lines corpus file")
        try:
            self._size = max(self.path.stat().st_size, 1)
        except OSError as exc:
            raise InputFileError(f"{self.path}: cannot read ({exc.strerror or exc})") from None
        self._raw: BinaryIO | None = None

    def progress(self) -> float:
        raw = self._raw
        if raw is None or raw.closed:
            return 0.0
        return min(raw.tell() / self._size, 1.0)

    def _bad(self, lineno: int, why: str) -> None:
        message = f"{self.path}: line {lineno}: {why}"
        if not self.skip_bad:
            raise CorpusFormatError(message + " (use --skip-bad to skip and count such lines)")
        self.skipped += 1
        self.problems.append(message)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        seen: set[str] = set()
        try:
            raw = self.path.open("rb")
        except OSError as exc:
            raise InputFileError(f"{self.path}: cannot read ({exc.strerror or exc})") from None
        self._raw = raw
        with raw:
            stream: BinaryIO = raw
            if raw.read(2) == b"\x1f\x8b":
                raw.seek(0)
                stream = gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[assignment]
            else:
                raw.seek(0)
            lines = stream
            lineno = 0
            while True:
                try:
                    line = lines.readline()
                except (OSError, EOFError, zlib.error) as exc:
                    raise CorpusFormatError(
                        f"{self.path}: after line {lineno}: the gzip stream is damaged or "
                        f"truncated ({exc})"
                    ) from None
                if not line:
                    break
                lineno += 1
                if lineno == 1 and line.startswith(b"\xef\xbb\xbf"):
                    line = line[3:]  # a UTF-8 byte order mark, as text files may start
                if not line.strip():
                    continue
                doc = self._parse(line, lineno)
                if doc is None:
                    continue
                if doc["id"] in seen:
                    self._bad(lineno, f"id {doc['id']!r} already appeared earlier in the corpus")
                    continue
                if self.check is not None:
                    try:
                        self.check(doc["id"], doc["text"],
                                   {k: v for k, v in doc.items() if k not in ("id", "text")})
                    except InputError as exc:
                        self._bad(lineno, str(exc))
                        continue
                seen.add(doc["id"])
                self.read += 1
                yield doc

    def _parse(self, line: bytes, lineno: int) -> dict[str, Any] | None:
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            self._bad(lineno, f"not valid UTF-8 (byte {exc.start})")
            return None
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            self._bad(lineno, f"not valid JSON ({exc.msg} at column {exc.colno})")
            return None
        if not isinstance(doc, dict):
            kind = type(doc).__name__
            self._bad(lineno, f'a JSON {kind}, not an object with "id" and "text"')
            return None
        doc_id = doc.get("id")
        if isinstance(doc_id, int) and not isinstance(doc_id, bool):
            doc["id"] = doc_id = str(doc_id)
        if not isinstance(doc_id, str) or not doc_id:
            self._bad(lineno, 'no "id" (a non-empty string)')
            return None
        if not isinstance(doc.get("text"), str):
            self._bad(lineno, f'document {doc_id!r} has no "text" string')
            return None
        return doc
