"""The ``syndetect`` command line: parses arguments, calls the library, prints.

Every :class:`~syndetect.errors.SyndetectError` becomes one line on standard error,
``syndetect: error: <message>``, and exit status 2; argparse usage errors exit 2
too. Nothing here computes anything the library does not expose.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from . import __version__
from .compare import CompareOptions, compare
from .errors import InputFileError, SyndetectError
from .source import DEFAULT_MAX_BYTES, read_text

__all__ = ["build_parser", "main", "main_entry"]

_DEFAULTS = CompareOptions()


def positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a number >= 1, got {n}")
    return n


def _add_compare(sub: Any) -> None:
    p = sub.add_parser(
        "compare",
        help="compare two texts: what is shared, deleted, inserted, rewritten, moved",
        description=(
            "Compare text A (typically the wire) with text B (typically an outlet's "
            "version). Prints the verdict, coverage both ways and every divergence."
        ),
    )
    p.add_argument("a", metavar="A", help="first text file (the wire), or - for standard input")
    p.add_argument("b", metavar="B", help="second text file (the copy), or - for standard input")
    p.add_argument("--json", action="store_true", help="print the comparison as JSON")
    p.add_argument("--html", metavar="OUT", type=Path,
                   help="also write a self-contained side-by-side HTML report to OUT")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                   help="colour the terminal report (auto: only on a terminal, and not "
                        "when NO_COLOR is set)")
    p.add_argument("--max-bytes", type=positive_int, default=DEFAULT_MAX_BYTES,
                   help=f"largest input file accepted (default {DEFAULT_MAX_BYTES:,})")
    p.add_argument("--min-match", type=positive_int, default=_DEFAULTS.min_match,
                   help=f"shortest exact run (words) that anchors the alignment "
                        f"(default {_DEFAULTS.min_match})")
    p.add_argument("--min-move", type=positive_int, default=_DEFAULTS.min_move,
                   help="shortest out-of-order run reported as moved "
                        f"(default {_DEFAULTS.min_move})")
    p.add_argument("--versions", nargs="+", metavar="FILE", default=(),
                   help="other versions of the wire story (update, write-through, "
                        "correction): say which of A and these B is closest to")
    p.add_argument("--no-boilerplate", action="store_true",
                   help="do not detect page clutter (every word counts)")
    p.add_argument("--keep-quotations", action="store_true",
                   help="let shared quotations count as evidence of copying")
    p.add_argument("--fuzzy", action="store_true",
                   help="also find passages reworded, shuffled, translated or summarised "
                        "(sentence similarity; about three times as slow)")
    p.set_defaults(func=_run_compare)


def _run_compare(args: argparse.Namespace) -> int:
    if args.a == "-" and args.b == "-":
        raise InputFileError("only one of A and B can be - (standard input)")
    if "-" in (args.versions or ()) and "-" in (args.a, args.b):
        raise InputFileError("standard input can be read once: it is A or B, so it cannot "
                             "also be a --versions file")
    a = read_text(args.a, max_bytes=args.max_bytes)
    b = read_text(args.b, max_bytes=args.max_bytes)
    c = compare(
        a, b,
        min_match=args.min_match,
        min_move=args.min_move,
        boilerplate=not args.no_boilerplate,
        quotations=not args.keep_quotations,
        fuzzy=args.fuzzy,
        max_chars=max(_DEFAULTS.max_chars, len(a), len(b)),
    )
    name_a, name_b = _display_names(args.a, args.b)
    version = None
    if args.versions:
        from .versions import closest_version

        versions = [(name_a, a)]
        seen = {_file_identity(args.a)}
        for path in args.versions:
            if _file_identity(path) in seen:
                continue  # A itself, or a file given twice: one version
            seen.add(_file_identity(path))
            taken = {v for v, _ in versions}
            name = Path(path).name or path
            if name in taken:
                name = path
            n = 2
            while name in taken:
                name, n = f"{path} ({n})", n + 1
            versions.append((name, read_text(path, max_bytes=args.max_bytes)))
        version = closest_version(b, versions, min_match=args.min_match,
                                  min_move=args.min_move, boilerplate=not args.no_boilerplate)
    if args.html is not None:
        from .render_html import html

        page = html(c, name_a=name_a, name_b=name_b, version=version)
        try:
            args.html.write_text(page, encoding="utf-8")
        except OSError as exc:
            raise InputFileError(f"cannot write {args.html}: {exc.strerror or exc}") from None
    if args.json:
        data = c.to_dict()
        if version is not None:
            data["closest_version"] = version.to_dict()
        json.dump(data, sys.stdout, ensure_ascii=not writes_unicode(sys.stdout), indent=2)
        sys.stdout.write("\n")
    else:
        from .render import terminal, use_color

        color = {"always": True, "never": False}.get(args.color)
        if color is None:
            color = use_color(sys.stdout)
        width = max(60, min(shutil.get_terminal_size().columns, 160))
        sys.stdout.write(terminal(c, color=color, name_a=name_a, name_b=name_b, width=width))
        if version is not None:
            sys.stdout.write(f"\nClosest version  {version.explain()}\n")
        if args.html is not None:
            sys.stdout.write(f"HTML report written to {args.html}\n")
    return 0


def _display_names(a: str, b: str) -> tuple[str, str]:
    """Short names for the two inputs in reports: file names, or paths if those clash."""
    short = ["standard input" if p == "-" else Path(p).name or p for p in (a, b)]
    if short[0] == short[1]:
        short = ["standard input" if p == "-" else p for p in (a, b)]
    return short[0], short[1]


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error on one line that says where the help is (argparse
    prints the whole usage block first)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``syndetect`` command, with every sub-command."""
    parser = _Parser(
        prog="syndetect",
        description="Find republished wire stories and show what was kept, cut, added "
                    "and rewritten.",
    )
    parser.add_argument("--version", action="version", version=f"syndetect {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    _add_compare(sub)
    try:
        from . import cli_index
    except ImportError:  # pragma: no cover - the index commands ship with the index
        cli_index = None  # type: ignore[assignment]
    if cli_index is not None:
        cli_index.register(sub)
    return parser


def _file_identity(path: str) -> str:
    """One name per file (``-`` for standard input), so that a file given twice is
    read as one."""
    if path == "-":
        return path
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):
        return path


def writes_unicode(stream: object) -> bool:
    """Whether ``stream`` encodes every character: JSON written to any other escapes
    non-ASCII text (``\\u0627``) rather than lose it to replacement characters."""
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    return encoding.startswith(("utf8", "utf16", "utf32"))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit code."""
    parser = build_parser()
    for stream in (sys.stdout, sys.stderr):
        # Reports carry arrows, pilcrows and the texts' own scripts: never crash on a
        # terminal or pipe whose encoding cannot show them.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")
    try:
        args, extra = parser.parse_known_args(argv)
        if extra:  # named by the command they were given to, not by the root parser
            prog = " ".join(["syndetect", *(v for v in (getattr(args, "command", None),
                                                        getattr(args, "index_command", None))
                                            if v)])
            print(f"{prog}: error: unrecognized arguments: {' '.join(extra)} "
                  f"(see {prog} --help)", file=sys.stderr)
            return 2
    except SystemExit as exc:  # --help, --version, usage errors
        return int(exc.code or 0) if not isinstance(exc.code, str) else 2
    try:
        return int(args.func(args))
    except SyndetectError as exc:
        print(f"syndetect: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("syndetect: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); say nothing more.
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0


def main_entry() -> None:
    """Console-script entry point."""
    sys.exit(main())
