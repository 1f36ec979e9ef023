"""The index commands of the ``syndetect`` CLI: ``index build``, ``query``, ``families``.

Thin over :class:`~syndetect.index.Index` and
:class:`~syndetect.index_corpus.CorpusReader`; ``cli.main`` turns every
:class:`~syndetect.errors.SyndetectError` into one line and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from .cli import positive_int, writes_unicode
from .credits import CREDIT_STATUSES, CreditStatus, credit_status
from .errors import DuplicateDocumentError, InputTooLargeError
from .fingerprint import FingerprintConfig
from .index import Family, Index, IndexConfig
from .index_corpus import CorpusReader
from .index_file import check_target
from .source import DEFAULT_MAX_BYTES, read_text

__all__ = ["register"]

_FP = FingerprintConfig()
_IX = IndexConfig()


class _Progress:
    """A plain one-line progress report on standard error, redrawn at most 5 times/s."""

    def __init__(self, label: str, enabled: bool, stream: TextIO) -> None:
        self.label = label
        self.enabled = enabled
        self.stream = stream
        self.start = time.monotonic()
        self.last = 0.0

    def update(self, done: int, fraction: float | None = None, *, final: bool = False,
               unit: str = "documents") -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not final and now - self.last < 0.2:
            return
        self.last = now
        rate = done / max(now - self.start, 1e-9)
        bar = ""
        if fraction is not None:
            filled = int(fraction * 30)
            bar = f"[{'#' * filled}{'.' * (30 - filled)}] {fraction:4.0%} "
        self.stream.write(f"\r{self.label}: {bar}{done:,} {unit}, {rate:,.0f}/s")
        if final:
            self.stream.write("\n")
        self.stream.flush()


def _progress_enabled(args: argparse.Namespace) -> bool:
    if args.progress is not None:
        return bool(args.progress)
    return sys.stderr.isatty()


def _fingerprint_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("fingerprint options (recorded in the index)")
    # Defaults None: a shared index that exists keeps its recorded options unless
    # some are given (and then they must agree).
    g.add_argument("--shingle", type=int, default=None,
                   help=f"words per shingle (default {_FP.shingle})")
    g.add_argument("--num-perm", type=int, default=None,
                   help=f"MinHash permutations (default {_FP.num_perm})")
    g.add_argument("--threshold", type=float, default=None,
                   help=f"paragraph Jaccard similarity LSH is tuned for (default {_FP.threshold})")
    g.add_argument("--seed", type=int, default=None, help=f"hash seed (default {_FP.seed})")


def _corpus_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--jobs", type=positive_int, default=1,
                   help="worker processes that analyse and fingerprint (default 1)")
    p.add_argument("--skip-bad", action="store_true",
                   help="skip malformed lines (counted and reported) instead of stopping")
    p.add_argument("--progress", dest="progress", action="store_true", default=None,
                   help="show progress on standard error (default: only on a terminal)")
    p.add_argument("--no-progress", dest="progress", action="store_false",
                   help="never show progress")


def register(subparsers: Any) -> None:
    """Add the ``index``, ``query`` and ``families`` commands to argparse ``subparsers``."""
    ix = subparsers.add_parser(
        "index", help="build a corpus index",
        description="Build and manage syndetect corpus indexes.",
    )
    ixsub = ix.add_subparsers(dest="index_command", metavar="SUBCOMMAND")
    ixsub.required = True
    b = ixsub.add_parser(
        "build", help="index a JSON-lines corpus into an index file",
        description=(
            "Read CORPUS (JSON lines with \"id\", \"text\" and any metadata, e.g. "
            "\"outlet\", \"published\", \"url\"; gzip allowed) and write the index to "
            "INDEX (or into a shared Redis index with --redis-url, INDEX being its name)."
        ),
    )
    b.add_argument("corpus", metavar="CORPUS", type=Path, help="JSON-lines corpus (.jsonl or .gz)")
    b.add_argument("index", metavar="INDEX", help="index file to write (replaced atomically)")
    b.add_argument("--redis-url", metavar="URL",
                   help="add to the shared Redis index named INDEX at URL instead of a file")
    b.add_argument("--replace", action="store_true",
                   help="replace documents whose id is already in a Redis index")
    _corpus_options(b)
    _fingerprint_options(b)
    b.set_defaults(func=_run_build)

    q = subparsers.add_parser(
        "query", help="find republications of a story in an index",
        description="Print the indexed documents that share text with STORY, best first.",
    )
    q.add_argument("index", metavar="INDEX",
                   help="index file (or a Redis index name with --redis-url)")
    q.add_argument("story", metavar="STORY", help="text file, or - for standard input")
    q.add_argument("--redis-url", metavar="URL", help="query the shared Redis index INDEX")
    q.add_argument("--json", action="store_true", help="print the matches as JSON")
    q.add_argument("--limit", type=positive_int, default=None,
                   help="print at most this many matches")
    q.add_argument("--republications-only", action="store_true",
                   help="leave out partial matches (keep verbatim, light and heavy edits)")
    q.add_argument("--max-bytes", type=positive_int, default=DEFAULT_MAX_BYTES,
                   help=f"largest story file accepted (default {DEFAULT_MAX_BYTES:,})")
    q.set_defaults(func=_run_query)

    f = subparsers.add_parser(
        "families", help="group a corpus into story families",
        description=(
            "Index CORPUS in memory and write one JSON line per story family: its likely "
            "original, size, members, who copied from whom (edges with their "
            "evidence) and whether each copy credits the original's agency "
            "(wire_agency, credit). Every document is in exactly one family."
        ),
    )
    f.add_argument("corpus", metavar="CORPUS", type=Path, help="JSON-lines corpus (.jsonl or .gz)")
    f.add_argument("--min-size", type=int, default=1,
                   help="only print families with at least this many members (default 1)")
    f.add_argument("--family-threshold", type=float, default=_IX.family_threshold,
                   help="share of one document another must contain to link them "
                        f"(default {_IX.family_threshold})")
    f.add_argument("--no-provenance", action="store_true",
                   help="skip the who-copied-from-whom edges (faster on large corpora)")
    _corpus_options(f)
    _fingerprint_options(f)
    f.set_defaults(func=_run_families)


def _fp_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    given = {"shingle": args.shingle, "num_perm": args.num_perm, "threshold": args.threshold,
             "seed": args.seed}
    return {k: v for k, v in given.items() if v is not None}


def _feed(reader: CorpusReader, progress: _Progress) -> Iterator[dict[str, Any]]:
    for doc in reader:
        yield doc
        progress.update(reader.read, reader.progress())


def _report_skipped(reader: CorpusReader) -> None:
    if reader.skipped:
        for line in reader.problems[:10]:
            print(f"syndetect: skipped {line}", file=sys.stderr)
        more = reader.skipped - min(reader.skipped, 10)
        tail = f" ({more} more not shown)" if more else ""
        print(f"syndetect: skipped {reader.skipped} bad line(s){tail}", file=sys.stderr)


def _run_build(args: argparse.Namespace) -> int:
    if not args.redis_url:
        check_target(args.index)  # before indexing the whole corpus, not at save time
    if args.redis_url:
        idx = Index(redis_url=args.redis_url, name=args.index, **_fp_kwargs(args))
    else:
        idx = Index(**_fp_kwargs(args))
    reader = CorpusReader(args.corpus, skip_bad=args.skip_bad, check=idx.validate)
    progress = _Progress("indexing", _progress_enabled(args), sys.stderr)
    start = time.monotonic()
    try:
        n = idx.add_many(_feed(reader, progress), replace=args.replace, workers=args.jobs)
    except DuplicateDocumentError as exc:  # the library's advice, in CLI terms
        raise DuplicateDocumentError(str(exc).replace("replace=True", "--replace")) from None
    progress.update(n, 1.0, final=True)
    if not args.redis_url:
        idx.save(args.index)
    where = f"Redis index {args.index!r}" if args.redis_url else args.index
    print(f"indexed {n:,} documents into {where} in {time.monotonic() - start:.1f} s; "
          f"skipped {reader.skipped} bad line(s)")
    _report_skipped(reader)
    idx.close()
    return 0


def _open(args: argparse.Namespace) -> Index:
    if args.redis_url:  # with its recorded options; querying never creates an index
        return Index(redis_url=args.redis_url, name=args.index, create=False)
    return Index.load(args.index)


def _credit_label(status: str) -> str:
    """How ``query`` and ``families`` print a ``CreditStatus.status``: ``credits wire``,
    ``credits other`` or ``uncredited``."""
    return status.replace("_", " ")


def _family_credits(idx: Index, fam: Family) -> tuple[str | None, dict[str, CreditStatus]]:
    """The wire's agency and the credit status of every other member of ``fam``.

    The family's ``original`` (its likely original, the earliest published; the root
    of its provenance edges) plays the wire, each other member the copy, as the story and each match
    do in ``query``: :func:`~syndetect.credits.credit_status` of the two texts is
    ``Comparison.credit_status`` of ``compare(original, member)`` without the
    alignment, which credits do not depend on.
    """
    wire = idx.get(fam.original)[0]
    statuses = {m: credit_status(wire, idx.get(m)[0]) for m in fam.members if m != fam.original}
    agency = next((st.wire_agency for st in statuses.values()), None)
    return agency, statuses


def _run_query(args: argparse.Namespace) -> int:
    story = read_text(args.story, max_bytes=args.max_bytes)
    idx = _open(args)
    try:
        matches = idx.query(story, limit=args.limit,
                            republications_only=args.republications_only)
    except InputTooLargeError:  # (the library's message names an option the CLI lacks)
        raise InputTooLargeError(
            f"{args.story} has {len(story):,} characters, over the "
            f"{idx.config.compare.max_chars:,} a story may have; give one article (is it "
            "a corpus file?), or split it") from None
    finally:
        idx.close()
    if args.json:
        json.dump({"story": args.story, "matches": [m.to_dict() for m in matches]},
                  sys.stdout, ensure_ascii=not writes_unicode(sys.stdout), indent=2)
        sys.stdout.write("\n")
        return 0
    if not matches:
        print(f"no republications found among {len(idx):,} indexed documents")
        return 0
    print(f"{len(matches)} match(es), best first:")
    print(f"{'score':>5}  {'verdict':<10}  {'story':>5}  {'doc':>5}  document  (credit)")
    for m in matches:
        extra = " ".join(str(m.metadata[k]) for k in ("outlet", "published", "source")
                         if m.metadata.get(k))
        credit = _credit_label(m.comparison.credit_status.status)
        print(f"{m.score:5.2f}  {m.verdict:<10}  {m.coverage_query:5.0%}  {m.coverage_doc:5.0%}  "
              f"{m.doc_id}  ({credit}){'  ' + extra if extra else ''}")
    return 0


def _run_families(args: argparse.Namespace) -> int:
    idx = Index(family_threshold=args.family_threshold, **_fp_kwargs(args))
    reader = CorpusReader(args.corpus, skip_bad=args.skip_bad, check=idx.validate)
    progress = _Progress("indexing", _progress_enabled(args), sys.stderr)
    n = idx.add_many(_feed(reader, progress), workers=args.jobs)
    progress.update(n, 1.0, final=True)
    verify = _Progress("verifying pairs", _progress_enabled(args), sys.stderr)

    def report(done: int, total: int) -> None:
        verify.update(done, done / total if total else 1.0, final=done == total,
                      unit="pairs")

    fams = idx.families(progress=report, provenance=not args.no_provenance)
    shown = 0
    tally = dict.fromkeys(CREDIT_STATUSES, 0)
    for i, fam in enumerate(fams):
        if len(fam) < args.min_size:
            continue
        shown += 1
        line = {"family": i, **fam.to_dict()}
        if len(fam) > 1:
            agency, statuses = _family_credits(idx, fam)
            line["wire_agency"] = agency
            line["credit"] = {m: st.status for m, st in statuses.items()}
            for st in statuses.values():
                tally[st.status] += 1
        sys.stdout.write(json.dumps(line, ensure_ascii=not writes_unicode(sys.stdout)) + "\n")
    multi = sum(1 for f in fams if len(f) > 1)
    print(f"syndetect: {n:,} documents in {len(fams):,} families ({multi:,} with 2+ members); "
          f"printed {shown:,}; skipped {reader.skipped} bad line(s)", file=sys.stderr)
    if any(tally.values()):
        counts = " · ".join(f"{k} {_credit_label(s)}" for s, k in tally.items())
        print("syndetect: copies in the printed families, against each family's original: "
              + counts, file=sys.stderr)
    _report_skipped(reader)
    return 0
