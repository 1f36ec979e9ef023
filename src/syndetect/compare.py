"""``compare(a, b)``: what two texts share, how they differ, and a plain verdict.

The pipeline is ``analyse`` (tokens, paragraphs, quotations, clutter) on each text,
``align_tokens`` on their content tokens, then this module maps token positions back
to character offsets in the original strings and decides the verdict.

Verdict thresholds (``a`` is the wire, ``b`` the other text; "share" below means the
share of a text's words inside shared spans, with shared quotations and page clutter
left out, and never more than the plain coverage):

================  ==========================================================
``verbatim``      both shares >= 0.98, nothing moved or rewritten, and nothing
                  added or cut but a few words standing alone (an outlet's own
                  dateline or credit the clutter detector did not know)
``light_edit``    both shares >= 0.80
``heavy_edit``    a long shared passage, and b's story share >= 0.50, or a's
                  story share >= 0.60 with b's >= 0.30 (story share also counts
                  rewritten words): a truncated tail lands here however short
``partial``       a long shared passage, but the texts are mostly different
``unrelated``     no shared passage of ``min_passage`` words outside quotations
================  ==========================================================

A "long shared passage" is a shared span of at least ``min_passage`` words (12 by
default, or half the shorter text when that is shorter) that is not a quotation.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import asdict, dataclass
from typing import Any

from .align import Alignment, Gap, Run, align_tokens
from .errors import InputError
from .report import Comparison, Divergence, Passage, SharedSpan, Substitution
from .text import DEFAULT_MAX_CHARS, AnalysedText, analyse

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
    """

    min_match: int = 4
    min_move: int = 8
    min_passage: int = 12
    passage_gap: int = 20
    boilerplate: bool = True
    quotations: bool = True
    max_chars: int = DEFAULT_MAX_CHARS

    def __post_init__(self) -> None:
        for name in ("min_match", "min_move", "min_passage", "max_chars"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise InputError(f"{name} must be a positive integer, got {value!r}")
        if not isinstance(self.passage_gap, int) or self.passage_gap < 0:
            raise InputError(f"passage_gap must be a non-negative integer, got {self.passage_gap!r}")


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
    known = CompareOptions.__dataclass_fields__
    unknown = sorted(set(options) - set(known))
    if unknown:
        raise InputError(
            f"unknown option(s) {', '.join(unknown)}; compare accepts {', '.join(sorted(known))}"
        )
    return CompareOptions(**options)


class _SentenceEnds:
    """Content positions whose token ends a sentence or paragraph (computed lazily)."""

    __slots__ = ("_t",)

    def __init__(self, t: AnalysedText) -> None:
        self._t = t

    def __contains__(self, p: object) -> bool:
        t = self._t
        assert isinstance(p, int)
        c = t.content
        if p + 1 >= len(c):
            return True
        between = t.text[t.ends[c[p]]:t.starts[c[p + 1]]]
        return not _SENTENCE_MARKS.isdisjoint(between)


def compare_analysed(xa: AnalysedText, xb: AnalysedText, opts: CompareOptions) -> Comparison:
    """:func:`compare` on texts already analysed (the index reuses analyses)."""
    ka = [xa.keys[i] for i in xa.content]
    kb = [xb.keys[i] for i in xb.content]
    # Align in a canonical orientation so that compare(a, b) and compare(b, a) are
    # mirror images of each other exactly.
    swap = kb < ka
    kx, ky = (kb, ka) if swap else (ka, kb)
    tx, ty = (xb, xa) if swap else (xa, xb)
    vocab: dict[str, int] = {}
    ix = [vocab.setdefault(k, len(vocab)) for k in kx]
    iy = [vocab.setdefault(k, len(vocab)) for k in ky]
    al = align_tokens(
        ix, iy, keys_x=kx, keys_y=ky,
        sentence_end_x=_SentenceEnds(tx),  # type: ignore[arg-type]
        sentence_end_y=_SentenceEnds(ty),  # type: ignore[arg-type]
        min_match=opts.min_match, min_move=opts.min_move,
    )
    if swap:
        al = _mirror(al)
    return _build(xa, xb, al, opts)


def _mirror(al: Alignment) -> Alignment:
    runs = sorted((Run(r.y0, r.x0, r.n, r.moved) for r in al.runs), key=lambda r: (r.x0, r.y0))
    flip = {"deleted": "inserted", "inserted": "deleted"}
    gaps = sorted(
        (
            Gap(flip.get(g.kind, g.kind), g.y0, g.y1, g.x0, g.x1,
                tuple((e[2], e[3], e[0], e[1]) for e in g.edits))
            for g in al.gaps
        ),
        key=lambda g: (g.x0, g.y0, g.x1, g.y1),
    )
    return Alignment(tuple(runs), tuple(gaps))


class _Side:
    """Maps content positions of one text to character offsets."""

    __slots__ = ("t", "c", "breaks", "first")

    def __init__(self, t: AnalysedText) -> None:
        self.t = t
        self.c = t.content
        c = self.c
        # Content positions after which boilerplate (or nothing) interrupts the text.
        self.breaks = [p for p in range(len(c) - 1) if c[p + 1] != c[p] + 1]
        self.first = t.starts[c[0]] if c else 0

    def start(self, p: int) -> int:
        return self.t.starts[self.c[p]]

    def end(self, p: int) -> int:
        return self.t.ends[self.c[p - 1]]

    def point(self, p: int) -> int:
        """Offset of the empty point before content position ``p``."""
        return self.t.ends[self.c[p - 1]] if p > 0 else self.first

    def span(self, p0: int, p1: int) -> tuple[int, int]:
        """Characters of content positions [p0, p1), with the punctuation that clings
        to them ('"We', 'fast,"'): up to whitespace on either side."""
        if p1 <= p0:
            o = self.point(p0)
            return o, o
        text = self.t.text
        a, b = self.start(p0), self.end(p1)
        i = a
        while i > 0 and not text[i - 1].isspace() and not text[i - 1].isalnum():
            i -= 1
        if i == 0 or text[i - 1].isspace():
            a = i
        j, n = b, len(text)
        while j < n and not text[j].isspace() and not text[j].isalnum():
            j += 1
        if j == n or text[j].isspace():
            b = j
        return a, b

    def paragraph(self, p: int) -> int:
        if not self.c:
            return 0
        return self.t.paragraph[self.c[min(p, len(self.c) - 1)]]

    def cuts(self, p0: int, p1: int) -> list[int]:
        """Boilerplate interruptions strictly inside [p0, p1): cut after each."""
        i = bisect_left(self.breaks, p0)
        out = []
        while i < len(self.breaks) and self.breaks[i] < p1 - 1:
            out.append(self.breaks[i] - p0 + 1)
            i += 1
        return out

    def quoted(self, p: int) -> bool:
        return self.t.quoted[self.c[p]]


def _build(xa: AnalysedText, xb: AnalysedText, al: Alignment, opts: CompareOptions) -> Comparison:
    sa, sb = _Side(xa), _Side(xb)
    na, nb = len(xa.content), len(xb.content)
    check_quotes = opts.quotations and any(xa.quoted) and any(xb.quoted)

    shared: list[SharedSpan] = []
    divergences: list[Divergence] = []
    shared_words = 0
    quote_both = 0  # shared words quoted in both texts
    quoted_a_only = quoted_b_only = 0  # shared words quoted on one side only
    longest_evidence = 0
    for r in al.runs:
        shared_words += r.n
        # Cut where boilerplate interrupts either side, so each span reads as one piece.
        cuts = sorted(set(sa.cuts(r.x0, r.x0 + r.n)) | set(sb.cuts(r.y0, r.y0 + r.n)))
        for o0, o1 in zip([0] + cuts, cuts + [r.n]):
            x0, y0, n = r.x0 + o0, r.y0 + o0, o1 - o0
            q = 0
            if check_quotes:
                for k in range(n):
                    qa, qb = sa.quoted(x0 + k), sb.quoted(y0 + k)
                    if qa and qb:
                        q += 1
                    elif qa:
                        quoted_a_only += 1
                    elif qb:
                        quoted_b_only += 1
            quote_both += q
            is_quote = q * 2 > n
            if not is_quote:
                longest_evidence = max(longest_evidence, n - q)
            a0, a1 = sa.span(x0, x0 + n)
            b0, b1 = sb.span(y0, y0 + n)
            shared.append(SharedSpan(a0, a1, b0, b1, n, is_quote, r.moved,
                                     sa.paragraph(x0), sb.paragraph(y0)))
            if r.moved:
                divergences.append(Divergence("moved", a0, a1, b0, b1, n, n,
                                              sa.paragraph(x0), sb.paragraph(y0)))

    rewritten_a = rewritten_b = 0
    for g in al.gaps:
        a0, a1 = sa.span(g.x0, g.x1)
        b0, b1 = sb.span(g.y0, g.y1)
        subs = tuple(
            Substitution(*sa.span(e[0], e[1]), *sb.span(e[2], e[3])) for e in g.edits
        )
        if g.kind == "rewritten":
            rewritten_a += g.x1 - g.x0
            rewritten_b += g.y1 - g.y0
        divergences.append(Divergence(g.kind, a0, a1, b0, b1, g.x1 - g.x0, g.y1 - g.y0,
                                      sa.paragraph(g.x0), sb.paragraph(g.y0), subs))
    divergences.sort(key=lambda d: (d.a_start, d.b_start, d.a_end, d.b_end, d.kind))

    coverage_a = shared_words / na if na else 0.0
    coverage_b = shared_words / nb if nb else 0.0
    if check_quotes:
        qa_total = sum(1 for i in xa.content if xa.quoted[i])
        qb_total = sum(1 for i in xb.content if xb.quoted[i])
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
                       not all(map(_is_edge_note, al.gaps)) or any(r.moved for r in al.runs),
                       opts)
    return Comparison(
        a=xa.text,
        b=xb.text,
        shared=tuple(shared),
        divergences=tuple(divergences),
        passages=tuple(_passages(al, sa, sb, opts.passage_gap)),
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
        options=asdict(opts),
    )


def _is_edge_note(g: Gap) -> bool:
    """A few words added or dropped on their own (an outlet's dateline or credit)."""
    return g.kind != "rewritten" and max(g.x1 - g.x0, g.y1 - g.y0) <= 4


def _verdict(na: int, nb: int, ea: float, eb: float, story_a: float, story_b: float,
             longest: int, edited: bool, opts: CompareOptions) -> str:
    if na == 0 or nb == 0:
        return "unrelated"
    if ea >= 0.98 and eb >= 0.98 and not edited:
        return "verbatim"
    if ea >= 0.80 and eb >= 0.80:
        return "light_edit"
    need = min(opts.min_passage, max(1, (min(na, nb) + 1) // 2))
    if longest < need:
        return "unrelated"
    if story_b >= 0.50 or (story_a >= 0.60 and story_b >= 0.30):
        return "heavy_edit"
    return "partial"


def _passages(al: Alignment, sa: _Side, sb: _Side, gap: int) -> list[Passage]:
    """Merge in-order shared runs and rewrites that lie close together into passages."""
    items: list[tuple[int, int, int, int, int]] = [
        (r.x0, r.x0 + r.n, r.y0, r.y0 + r.n, r.n) for r in al.runs if not r.moved
    ]
    items += [(g.x0, g.x1, g.y0, g.y1, 0) for g in al.gaps if g.kind == "rewritten"]
    items.sort()
    groups: list[list[int]] = []
    for x0, x1, y0, y1, n in items:
        if groups:
            g = groups[-1]
            if 0 <= x0 - g[1] <= gap and 0 <= y0 - g[3] <= gap:
                g[1], g[3], g[4] = max(g[1], x1), max(g[3], y1), g[4] + n
                continue
        groups.append([x0, x1, y0, y1, n])
    out = []
    for x0, x1, y0, y1, n in groups:
        if n == 0:
            continue  # a lone rewrite with no shared words around it
        out.append(Passage(*sa.span(x0, x1), *sb.span(y0, y1), x1 - x0, y1 - y0, n))
    for r in al.runs:
        if r.moved:
            out.append(Passage(*sa.span(r.x0, r.x0 + r.n), *sb.span(r.y0, r.y0 + r.n),
                               r.n, r.n, r.n, moved=True))
    out.sort(key=lambda p: (p.a_start, p.b_start))
    return out
