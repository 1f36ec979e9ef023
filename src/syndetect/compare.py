"""``compare(a, b)``: what two texts share, how they differ, and a plain verdict.

The pipeline is ``analyse`` (tokens, paragraphs, quotations, clutter) on each text,
``align_tokens`` on their content tokens, then this module maps token positions back
to character offsets in the original strings and decides the verdict.

Verdict thresholds (``a`` is the wire, ``b`` the other text; "share" below means the
share of a text's words inside shared spans, with shared quotations and page clutter
left out, and never more than the plain coverage):

================  ==========================================================
``verbatim``      both shares >= 0.98, nothing moved or rewritten, and nothing
                  added or cut but a few words opening a paragraph or closing it
                  as a sentence of their own (an outlet's own dateline or credit
                  the clutter detector did not know)
``light_edit``    both shares >= 0.80
``heavy_edit``    a long shared passage, and b's story share >= 0.50, or a's
                  story share >= 0.60 with b's >= 0.30 (story share also counts
                  rewritten words): a truncated tail lands here however short
``partial``       a long shared passage, but the texts are mostly different
``unrelated``     no shared passage of ``min_passage`` words outside quotations
================  ==========================================================

A "long shared passage" is a shared span with at least ``min_passage`` words (12 by
default) outside shared quotations, or half the shorter text's words outside shared
quotations when that is fewer (a short wire that is mostly one quotation).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter, itemgetter
from typing import Any

import numpy as np

from . import align as _align_module
from .align import _run_ends, fast_maker
from .errors import InputError
from .fuzzy import find_passages, rewrite_within, runs_inside
from .report import Comparison, Divergence, Passage, SharedSpan, Substitution
from .text import DEFAULT_MAX_CHARS, AnalysedText, TokenTable, analyse

try:  # the optional C helpers of syndetect.text (joint key numbers, sentence ends)
    from . import _scan
except ImportError:  # pragma: no cover - built without a C compiler
    _scan = None  # type: ignore[assignment]

if hasattr(_align_module, "align_ids"):  # TEMPORARY until align.align_ids lands
    from .align import align_ids, alignment_of
else:
    def align_ids(x, y, *, sent_x, sent_y, vocab_chars, vocab_ends, min_match=4,  # type: ignore
                  min_move=8):
        keys = _vocab_keys(vocab_chars, vocab_ends)
        xl, yl = list(x), list(y)
        al = _align_module.align_tokens(
            xl, yl, keys_x=[keys[i] for i in xl], keys_y=[keys[i] for i in yl],
            sentence_end_x={p for p, f in enumerate(sent_x) if f},
            sentence_end_y={p for p, f in enumerate(sent_y) if f},
            min_match=min_match, min_move=min_move)
        return ([(r.x0, r.y0, r.n, r.moved) for r in al.runs],
                [(g.kind, g.x0, g.x1, g.y0, g.y1, g.edits) for g in al.gaps])

    def alignment_of(runs, gaps):  # type: ignore
        A = _align_module
        return A.Alignment(tuple(A.Run(*r) for r in runs), tuple(A.Gap(*g) for g in gaps))

__all__ = ["CompareOptions", "compare", "compare_analysed"]

_SENTENCE_MARKS = frozenset(".!?\n\u061f\u3002\uff01\uff1f\u2026\u06d4\u0964")


@dataclass(frozen=True)
class CompareOptions:
    """Options of :func:`compare`; every field is also a keyword argument of it.

    ``min_match``: shortest exact run (in words) that anchors the alignment.
    ``min_move``: shortest out-of-order run reported as a move (shorter ones are
    coincidences). ``min_passage``: words a non-quotation shared span needs before the
    texts count as related at all. ``passage_gap``: largest gap (words, each side)
    bridged when shared spans and rewrites are merged into passages.
    ``boilerplate``: detect page clutter and keep it out of coverage and verdict.
    ``quotations``: keep shared quotations out of the verdict. ``max_chars``: longest
    text accepted.

    ``fuzzy`` (off by default): also find passages reused with their words shuffled,
    replaced, machine-translated back and forth or summarised, which keep too few
    exact runs for the alignment to anchor on (see :mod:`syndetect.fuzzy`: sentence
    pairs alike as bags of words are seeds, seeds close together on both sides form
    a passage, and a passage is kept when its two sides still resemble each other).
    ``shared`` is unchanged: it still holds only words equal on both sides. Inside a
    fuzzy passage, text that the exact alignment calls deleted on one side and
    inserted on the other is reported as ``rewritten`` instead, and ``passages``
    lists the fuzzy passages (exact passages of at least 16 shared words widen the
    fuzzy passage they overlap, or stand on their own). A short passage of one text
    whose pieces come from across much of the other is taken as a summary of it.
    Costs several times the default time on 800-word article pairs (the
    ``compare_speed`` benchmark measures it; see docs/benchmarks.md). On the PAN 2013
    training corpus (with ``passage_gap=150, min_match=3, boilerplate=False``) it lifts
    plagdet from 0.83 to 0.92 (0.92 on the held-out half too): random obfuscation
    0.77 to 0.93, cyclic translation 0.80 to 0.91, summaries 0.31 to 0.62, verbatim
    0.99 to 0.98, false positives unchanged.
    """

    min_match: int = 4
    min_move: int = 8
    min_passage: int = 12
    passage_gap: int = 20
    boilerplate: bool = True
    quotations: bool = True
    max_chars: int = DEFAULT_MAX_CHARS
    fuzzy: bool = False

    def __post_init__(self) -> None:
        for name in ("min_match", "min_move", "min_passage", "max_chars"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise InputError(f"{name} must be a positive integer, got {value!r}")
        for name in ("boilerplate", "quotations", "fuzzy"):
            value = getattr(self, name)
            if not isinstance(value, bool):
                raise InputError(f"{name} must be True or False, got {value!r}")
        if (not isinstance(self.passage_gap, int) or isinstance(self.passage_gap, bool)
                or self.passage_gap < 0):
            raise InputError(
                f"passage_gap must be a non-negative integer, got {self.passage_gap!r}")


def compare(a: str, b: str, **options: Any) -> Comparison:
    """Compare text ``a`` (typically the wire) with text ``b`` (typically a copy).

    Returns a :class:`~syndetect.report.Comparison`: shared spans and divergences as
    character offsets into ``a`` and ``b`` as given, coverage both ways, and a
    verdict. Options are keyword-only, see :class:`CompareOptions`.

    Raises :class:`~syndetect.errors.InputError` for non-text input or unknown
    options, :class:`~syndetect.errors.InputTooLargeError` past ``max_chars``.
    """
    opts = _options(options)
    xa = analyse(a, max_chars=opts.max_chars, name="a", boilerplate=opts.boilerplate)
    xb = analyse(b, max_chars=opts.max_chars, name="b", boilerplate=opts.boilerplate)
    return compare_analysed(xa, xb, opts)


def _options(options: dict[str, Any]) -> CompareOptions:
    if not options:
        return _DEFAULT_OPTIONS  # (frozen: one instance serves every call)
    known = CompareOptions.__dataclass_fields__
    unknown = sorted(set(options) - set(known))
    if unknown:
        raise InputError(
            f"unknown option(s) {', '.join(unknown)}; compare accepts {', '.join(sorted(known))}"
        )
    return CompareOptions(**options)


_DEFAULT_OPTIONS = CompareOptions()


_SENTENCE_MARK_CHARS = "".join(sorted(_SENTENCE_MARKS))


def sentence_flags(t: TokenTable, content: memoryview | None) -> bytes:
    """One byte per content position (``content``: token numbers, or None for every
    token): 1 when the token ends a sentence or paragraph, i.e. a sentence mark (or a
    line break) stands between it and the next content token, and for the last."""
    if _scan is not None:
        flags: bytes = _scan.sentence_ends(t.text, t.starts, t.ends, content,
                                           _SENTENCE_MARK_CHARS)
        return flags
    c: Sequence[int] = range(len(t)) if content is None else content
    if not c:
        return b""
    text, starts, ends = t.text, t.starts, t.ends
    out = bytearray(len(c))
    for p in range(len(c) - 1):
        out[p] = not _SENTENCE_MARKS.isdisjoint(text[ends[c[p]]:starts[c[p + 1]]])
    out[-1] = 1
    return bytes(out)


def joint_ids(ta: TokenTable, ca: memoryview | None, tb: TokenTable, cb: memoryview | None
              ) -> tuple[bool, bytes, bytes, bytes, bytes]:
    """The content tokens of two texts as numbers of one joint vocabulary, in the
    canonical orientation that makes ``compare(a, b)`` and ``compare(b, a)`` mirror
    images: x is the text whose key sequence comes first (b when b's keys are less
    than a's, as lists of str compare), y the other. Keys are numbered in order of
    first occurrence over x, then y. Returns (swap, ids_x, ids_y, vocab_chars,
    vocab_ends) as bytes: uint32 ids and code points, int64 ends. In C where
    ``syndetect._scan`` was compiled."""
    if _scan is not None:
        out: tuple[bool, bytes, bytes, bytes, bytes] = _scan.joint_ids(
            ta.ids, ta.vocab_chars, ta.vocab_ends, ca, tb.ids, tb.vocab_chars,
            tb.vocab_ends, cb)
        return out
    ka, kb = _content_keys(ta, ca), _content_keys(tb, cb)
    swap = kb < ka
    kx, ky = (kb, ka) if swap else (ka, kb)
    vocab: dict[str, int] = {}
    ix = [vocab.setdefault(k, len(vocab)) for k in kx]
    iy = [vocab.setdefault(k, len(vocab)) for k in ky]
    ends = np.cumsum([len(k) for k in vocab], dtype=np.int64)
    return (swap, np.asarray(ix, dtype=np.uint32).tobytes(),
            np.asarray(iy, dtype=np.uint32).tobytes(),
            "".join(vocab).encode("utf-32-le", "surrogatepass"), ends.tobytes())


def _content_keys(t: TokenTable, content: memoryview | None) -> list[str]:
    keys = t.keys()
    return keys if content is None else [keys[i] for i in content]


def _vocab_keys(chars: bytes, ends: Sequence[int]) -> list[str]:
    out, s = [], 0
    for e in ends:
        out.append(chars[4 * s:4 * e].decode("utf-32-le", "surrogatepass"))
        s = e
    return out


#: A shared run (x0, y0, n, moved) and a divergence (kind, x0, x1, y0, y1, edits), in
#: content positions: what :func:`syndetect.align.align_ids` returns.
RunT = tuple[int, int, int, bool]
GapT = tuple[str, int, int, int, int, tuple[tuple[int, int, int, int], ...]]


def compare_analysed(xa: AnalysedText, xb: AnalysedText, opts: CompareOptions) -> Comparison:
    """:func:`compare` on texts already analysed (the index reuses analyses)."""
    ta, tb = xa.table, xb.table
    ca, cb = xa.content_index, xb.content_index
    # Align in a canonical orientation so that compare(a, b) and compare(b, a) are
    # mirror images of each other exactly.
    swap, ids_x, ids_y, vocab_chars, vocab_ends = joint_ids(ta, ca, tb, cb)
    flags_a, flags_b = sentence_flags(ta, ca), sentence_flags(tb, cb)
    flags_x, flags_y = (flags_b, flags_a) if swap else (flags_a, flags_b)
    ix, iy = memoryview(ids_x).cast("I"), memoryview(ids_y).cast("I")
    ends = memoryview(vocab_ends).cast("q")
    runs, gaps = align_ids(ix, iy, sent_x=flags_x, sent_y=flags_y, vocab_chars=vocab_chars,
                           vocab_ends=ends, min_match=opts.min_match, min_move=opts.min_move)
    fuzzy_pairs = None
    if opts.fuzzy:
        vocab = _vocab_keys(vocab_chars, ends)
        kx, ky = [vocab[i] for i in ix], [vocab[i] for i in iy]
        end_x = {p for p, f in enumerate(flags_x) if f}
        end_y = {p for p, f in enumerate(flags_y) if f}
        fuzzy_pairs = find_passages(
            kx, ky, sentence_end_x=end_x, sentence_end_y=end_y,
            runs=[(x0, y0, n) for x0, y0, n, _ in runs],
            exact=[g[:5] for g in _passage_groups(runs, gaps, opts.passage_gap)])
        al = rewrite_within(alignment_of(runs, gaps), fuzzy_pairs, kx, ky)
        runs = [(r.x0, r.y0, r.n, r.moved) for r in al.runs]
        gaps = [(g.kind, g.x0, g.x1, g.y0, g.y1, g.edits) for g in al.gaps]
    if swap:
        runs, gaps = _mirror(runs, gaps)
        if fuzzy_pairs is not None:
            fuzzy_pairs = sorted((y0, y1, x0, x1) for x0, x1, y0, y1 in fuzzy_pairs)
    return _build(xa, xb, runs, gaps, flags_a, flags_b, opts, fuzzy_pairs)


_FLIP = {"deleted": "inserted", "inserted": "deleted", "rewritten": "rewritten"}


def _mirror(runs: list[RunT], gaps: list[GapT]) -> tuple[list[RunT], list[GapT]]:
    """The alignment of y with x, from that of x with y (ordered as align orders)."""
    mruns = sorted(((y0, x0, n, moved) for x0, y0, n, moved in runs), key=_RUN_KEY)
    mgaps = sorted(
        ((_FLIP[kind], y0, y1, x0, x1, tuple((e[2], e[3], e[0], e[1]) for e in edits))
         for kind, x0, x1, y0, y1, edits in gaps),
        key=_GAP_KEY)
    return mruns, mgaps


_RUN_KEY = itemgetter(0, 1)
_GAP_KEY = itemgetter(1, 3, 2, 4)


class _Side:
    """Maps content positions of one text to character offsets."""

    __slots__ = ("t", "c", "n", "breaks", "first", "starts", "ends", "show_starts",
                 "show_ends", "par", "flags")

    def __init__(self, x: AnalysedText, flags: bytes) -> None:
        self.t = t = x.table
        content = x.content_index
        self.c = c = range(len(t)) if content is None else content
        self.n = len(c)
        # Content positions after which boilerplate interrupts the text.
        self.breaks: list[int] = [] if content is None else _holes(content)
        self.first = t.starts[c[0]] if c else 0
        self.starts, self.ends = t.starts, t.ends
        self.show_starts, self.show_ends = t.show_starts, t.show_ends
        self.par = t.paragraph
        self.flags = flags

    def point(self, p: int) -> int:
        """Offset of the empty point before content position ``p``."""
        return self.ends[self.c[p - 1]] if p > 0 else self.first

    def span(self, p0: int, p1: int, *, exact: bool = False) -> tuple[int, int]:
        """Characters of content positions [p0, p1), with the punctuation clinging to
        them unless ``exact`` (word-level substitutions show the words alone)."""
        if p1 <= p0:
            o = self.point(p0)
            return o, o
        c = self.c
        if exact:
            return self.starts[c[p0]], self.ends[c[p1 - 1]]
        return self.show_starts[c[p0]], self.show_ends[c[p1 - 1]]

    def paragraph(self, p: int) -> int:
        c = self.c
        return self.par[c[min(p, len(c) - 1)]] if c else 0

    def cuts(self, p0: int, p1: int) -> list[int]:
        """Boilerplate interruptions strictly inside [p0, p1): cut after each."""
        if not self.breaks:
            return []
        i = bisect_left(self.breaks, p0)
        out = []
        while i < len(self.breaks) and self.breaks[i] < p1 - 1:
            out.append(self.breaks[i] - p0 + 1)
            i += 1
        return out

    def quoted_bytes(self, quoted: bytearray) -> bytes:
        """One byte (0 or 1) per content position: inside quotation marks?"""
        c = self.c
        return bytes(quoted) if type(c) is range else bytes(map(quoted.__getitem__, c))


def _holes(c: Sequence[int]) -> list[int]:
    """The indices i where ``c[i + 1] != c[i] + 1`` in an increasing sequence of ints
    (as ``np.flatnonzero(np.diff(c) != 1)``): the ends of its runs but the last."""
    return _run_ends(c)[:-1]


_shared = fast_maker(SharedSpan)
_divergence = fast_maker(Divergence)
_substitution = fast_maker(Substitution)
_passage = fast_maker(Passage)
_PASSAGE_ORDER = attrgetter("a_start", "b_start")
_X1, _Y1, _WORDS = itemgetter(1), itemgetter(3), itemgetter(4)

# One piece covering a whole run (end -1: the run's length).
_WHOLE = ((0, -1),)
_DIVERGENCE_ORDER = attrgetter("a_start", "b_start", "a_end", "b_end", "kind")
_OPTION_FIELDS = tuple(CompareOptions.__dataclass_fields__)


def _build(xa: AnalysedText, xb: AnalysedText, runs: list[RunT], gaps: list[GapT],
           flags_a: bytes, flags_b: bytes, opts: CompareOptions,
           fuzzy_pairs: list[tuple[int, int, int, int]] | None = None) -> Comparison:
    sa, sb = _Side(xa, flags_a), _Side(xb, flags_b)
    na, nb = sa.n, sb.n
    quoted_a, quoted_b = xa.quoted, xb.quoted
    check_quotes = (opts.quotations and quoted_a.count(0) != len(quoted_a)
                    and quoted_b.count(0) != len(quoted_b))

    qa = sa.quoted_bytes(quoted_a) if check_quotes else b""
    qb = sb.quoted_bytes(quoted_b) if check_quotes else b""
    shared: list[SharedSpan] = []
    divergences: list[Divergence] = []
    shared_words = 0
    quote_both = quoted_a_only = quoted_b_only = 0
    longest_evidence = 0
    # Runs are never empty: their spans and paragraphs are looked up directly.
    ca, cb = sa.c, sb.c
    ss_a, se_a, par_a = sa.show_starts, sa.show_ends, sa.par
    ss_b, se_b, par_b = sb.show_starts, sb.show_ends, sb.par
    any_breaks = bool(sa.breaks or sb.breaks)
    any_moved = False
    for rx0, ry0, rn, moved in runs:
        shared_words += rn
        any_moved = any_moved or moved
        # Cut where boilerplate interrupts either side, so each span reads as one piece.
        pieces: Sequence[tuple[int, int]] = _WHOLE
        if any_breaks:
            cuts = sa.cuts(rx0, rx0 + rn) + sb.cuts(ry0, ry0 + rn)
            if cuts:
                cuts = sorted(set(cuts))
                pieces = list(zip([0] + cuts, cuts + [rn]))
        for o0, o1 in pieces:
            if o1 < 0:
                o1 = rn
            x0, y0, n = rx0 + o0, ry0 + o0, o1 - o0
            qn = 0
            if check_quotes:
                # Among the n aligned words: how many are quoted in both texts, in a
                # only, in b only.
                ia = int.from_bytes(qa[x0:x0 + n], "big")
                ib = int.from_bytes(qb[y0:y0 + n], "big")
                qn = (ia & ib).bit_count()
                quote_both += qn
                quoted_a_only += ia.bit_count() - qn
                quoted_b_only += ib.bit_count() - qn
            # The words outside quotation marks are evidence even inside a span that
            # is mostly a quotation (a copied paragraph with its attribution).
            if n - qn > longest_evidence:
                longest_evidence = n - qn
            # (every piece holds a word: runs do, and cuts fall strictly inside them)
            i, j = ca[x0], cb[y0]
            a0, a1 = ss_a[i], se_a[ca[x0 + n - 1]]
            b0, b1 = ss_b[j], se_b[cb[y0 + n - 1]]
            pa, pb = par_a[i], par_b[j]
            shared.append(_shared(a0, a1, b0, b1, n, qn * 2 > n, moved, pa, pb))
            if moved:
                divergences.append(_divergence("moved", a0, a1, b0, b1, n, n, pa, pb, ()))

    rewritten_a = rewritten_b = 0
    edited = any_moved
    for kind, gx0, gx1, gy0, gy1, edits in gaps:
        subs = tuple([_substitution(*sa.span(e0, e1, exact=True), *sb.span(f0, f1, exact=True))
                      for e0, e1, f0, f1 in edits])
        if kind == "rewritten":
            rewritten_a += gx1 - gx0
            rewritten_b += gy1 - gy0
        if not edited and not _is_edge_note(kind, gx0, gx1, gy0, gy1, sa, sb):
            edited = True
        divergences.append(_divergence(kind, *sa.span(gx0, gx1), *sb.span(gy0, gy1),
                                       gx1 - gx0, gy1 - gy0, sa.paragraph(gx0),
                                       sb.paragraph(gy0), subs))
    divergences.sort(key=_DIVERGENCE_ORDER)

    coverage_a = shared_words / na if na else 0.0
    coverage_b = shared_words / nb if nb else 0.0
    if check_quotes:
        qa_total = qa.count(1)
        qb_total = qb.count(1)
        den_a = na - (qa_total - quoted_a_only)
        den_b = nb - (qb_total - quoted_b_only)
    else:
        den_a, den_b = na, nb
    ev_words = shared_words - quote_both
    evidence_a = min(coverage_a, ev_words / den_a) if den_a > 0 else coverage_a
    evidence_b = min(coverage_b, ev_words / den_b) if den_b > 0 else coverage_b
    story_a = min(1.0, (ev_words + rewritten_a) / den_a) if den_a > 0 else evidence_a
    story_b = min(1.0, (ev_words + rewritten_b) / den_b) if den_b > 0 else evidence_b

    verdict = _verdict(na, nb, evidence_a, evidence_b, story_a, story_b, longest_evidence,
                       edited, opts, max(0, min(na, nb) - quote_both))
    return Comparison(
        a=xa.text,
        b=xb.text,
        shared=tuple(shared),
        divergences=tuple(divergences),
        passages=tuple(_passages(runs, gaps, sa, sb, opts.passage_gap) if fuzzy_pairs is None
                       else _fuzzy_passages(runs, sa, sb, fuzzy_pairs)),
        boilerplate_a=xa.boilerplate,
        boilerplate_b=xb.boilerplate,
        words_a=na,
        words_b=nb,
        shared_words=shared_words,
        coverage_a=coverage_a,
        coverage_b=coverage_b,
        evidence_a=evidence_a,
        evidence_b=evidence_b,
        verdict=verdict,
        options={name: getattr(opts, name) for name in _OPTION_FIELDS},
        paragraphs_a=xa.paragraphs,
        paragraphs_b=xb.paragraphs,
    )


def _is_edge_note(kind: str, x0: int, x1: int, y0: int, y1: int, sa: _Side, sb: _Side
                  ) -> bool:
    """A few words added or dropped on their own (an outlet's dateline or credit): at
    the start of a paragraph ("MINSK -"), as a sentence of their own closing one
    ("(AFP)"), or right beside page clutter (the place of a dateline whose credit the
    detector found); never inside a sentence ("... outage that killed 12 people.",
    "not")."""
    if kind == "rewritten" or max(x1 - x0, y1 - y0) > 4:
        return False
    side, p0, p1 = (sa, x0, x1) if x1 > x0 else (sb, y0, y1)
    n = side.n
    opens = p0 == 0 or side.paragraph(p0 - 1) != side.paragraph(p0)
    closes = p1 >= n or side.paragraph(p1 - 1) != side.paragraph(p1)
    beside_clutter = bool(side.cuts(max(p0 - 1, 0), p1 + 1))  # clutter just before or after
    # (p0 - 1 == -1: not the end of a sentence, as a position before the first)
    return opens or beside_clutter or (closes and p0 >= 1 and side.flags[p0 - 1] == 1)


def _verdict(na: int, nb: int, ea: float, eb: float, story_a: float, story_b: float,
             longest: int, edited: bool, opts: CompareOptions, own_words: int) -> str:
    """``own_words``: words of the shorter text outside the quotations both share (at
    most ``min(na, nb)``)."""
    if na == 0 or nb == 0:
        return "unrelated"
    if ea >= 0.98 and eb >= 0.98 and not edited:
        return "verbatim"
    if ea >= 0.80 and eb >= 0.80:
        return "light_edit"
    # A long passage is min_passage words, or half the shorter text's own words (those
    # outside shared quotations) when that is less: a short wire that is mostly one
    # quotation cannot hold min_passage words of its own.
    need = min(opts.min_passage, max(1, (own_words + 1) // 2))
    if longest < need:
        return "unrelated"
    if story_b >= 0.50 or (story_a >= 0.60 and story_b >= 0.30):
        return "heavy_edit"
    return "partial"


def _passages(runs: list[RunT], gaps: list[GapT], sa: _Side, sb: _Side, gap: int
              ) -> list[Passage]:
    """Merge in-order shared runs and rewrites that lie close together into passages.

    A passage does not end (or begin) with a few stray shared words far from the
    rest: such scraps ("of the country", "on Tuesday") are trimmed off its edges, so
    that a verbatim passage is not stretched over the text that follows it.
    """
    out = [_passage(*sa.span(x0, x1), *sb.span(y0, y1), x1 - x0, y1 - y0, n, is_moved)
           for x0, x1, y0, y1, n, is_moved in _passage_groups(runs, gaps, gap)]
    out.sort(key=_PASSAGE_ORDER)
    return out


def _fuzzy_passages(runs: list[RunT], sa: _Side, sb: _Side,
                    pairs: list[tuple[int, int, int, int]]) -> list[Passage]:
    """Passages of ``fuzzy=True``: one per fuzzy passage pair, with the shared words of
    the exact runs inside it on both sides."""
    plain = [(x0, y0, n) for x0, y0, n, _ in runs]
    out = [Passage(*sa.span(x0, x1), *sb.span(y0, y1), x1 - x0, y1 - y0,
                   sum(n for _, _, n in runs_inside(plain, (x0, x1, y0, y1))))
           for x0, x1, y0, y1 in pairs]
    out.sort(key=_PASSAGE_ORDER)
    return out


def _passage_groups(runs: list[RunT], gaps: list[GapT], gap: int
                    ) -> list[tuple[int, int, int, int, int, bool]]:
    """The passages of :func:`_passages` in content positions: (x0, x1, y0, y1, shared
    words, moved)."""
    in_order: list[tuple[int, int, int, int, int]] = []
    moved: list[tuple[int, int, int, int, int]] = []
    for x0, y0, n, is_moved in runs:
        (moved if is_moved else in_order).append((x0, x0 + n, y0, y0 + n, n))
    in_order += [(g[1], g[2], g[3], g[4], 0) for g in gaps if g[0] == "rewritten"]
    out = []
    for items, is_moved in ((in_order, False), (moved, True)):
        items.sort()
        groups: list[list[tuple[int, int, int, int, int]]] = []
        for item in items:
            if groups:
                last = groups[-1][-1]
                if 0 <= item[0] - last[1] <= gap and 0 <= item[2] - last[3] <= gap:
                    groups[-1].append(item)
                    continue
            groups.append([item])
        for group in groups:
            if len(group) == 1:
                x0, x1, y0, y1, n = group[0]
                if n:  # (a lone rewrite with no shared words around it is none)
                    out.append((x0, x1, y0, y1, n, is_moved))
                continue
            group = _trim(group)
            n = sum(map(_WORDS, group))
            if n == 0:
                continue  # a lone rewrite with no shared words around it
            x0, x1 = group[0][0], max(map(_X1, group))
            y0, y1 = group[0][2], max(map(_Y1, group))
            out.append((x0, x1, y0, y1, n, is_moved))
    return out


def _trim(group: list[tuple[int, int, int, int, int]]) -> list[tuple[int, int, int, int, int]]:
    """Drop weak items at either edge of a passage: fewer than 8 shared words, standing
    further from their neighbour than twice their own length."""

    def weak(item: tuple[int, int, int, int, int], other: tuple[int, int, int, int, int],
             before: bool) -> bool:
        n = item[4]
        if n >= 8:
            return False
        if before:
            distance = max(other[0] - item[1], other[2] - item[3])
        else:
            distance = max(item[0] - other[1], item[2] - other[3])
        return distance > max(2 * n, 16)

    lo, hi = 0, len(group)
    while hi - lo > 1 and weak(group[lo], group[lo + 1], True):
        lo += 1
    while hi - lo > 1 and weak(group[hi - 1], group[hi - 2], False):
        hi -= 1
    return group[lo:hi]
