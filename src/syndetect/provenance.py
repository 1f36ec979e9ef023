"""Provenance: within a family of republications, who copied from whom.

>>> g = provenance({"afp": (wire, {"published": "2025-03-01T08:00"}),
...                 "paper-a": (copy_a, {"published": "2025-03-01T09:00"}),
...                 "paper-b": (copy_b, {"published": "2025-03-01T11:30"})})
>>> for e in g.edges:
...     print(e.source, "->", e.target, e.confidence, e.evidence)
afp -> paper-a 0.93 ('published 1 h after afp', ...)
paper-a -> paper-b 0.75 ("shares the respelling 'Kiev' -> 'Kyiv' absent from the wire", ...)

Method. Every copy is compared with the original (the earliest ``published``, or
the one given); the comparison's divergences become the copy's *edits*, each with
a key that another copy making the same edit would share: a word-level change
(respelling, changed number, rewording) keyed by the original's span and the new
words; an added passage keyed by its words; a cut or a move keyed by the
original's span. Edits touching a wire credit or dateline are left out (every outlet
rewrites those). Edits weigh by how unlikely two outlets are to make them
independently: a change of words or an added passage of 4+ words 1.0, a shorter
addition, a cut inside the story or a move 0.5, a cut tail 0.25.

Copies are then visited in publication order (undated ones last, then by fewer
edits, then id). A copy's parent is the earlier copy with the best *score*: the
weight of the edits the two share, minus the weight of the earlier copy's edits
that this copy contradicts (it keeps the original's words where the earlier copy
changed or cut them: it cannot have taken the text from there; 1.0 per change, 2.0
per cut whose text the copy has). A score of at least
``min_shared`` (1.0: one shared change of words) re-attributes the copy to that
outlet; otherwise its parent is the original. Nobody copies from the future: a
parent is always published no later than its child (when both are dated). The
graph is a tree rooted at the original, deterministic for the same input.

Confidence: for a re-attributed edge ``1 - 0.5 ** score`` (one shared change 0.5,
two 0.75, three 0.875), scaled down by a close runner-up; for an edge from the
original, the copy's evidence share (``compare``'s ``evidence_b``), halved when
another copy shared some (too few) of its edits.

Limits: a common house style (two outlets both writing "Kyiv" for "Kiev") looks like
shared evidence; two outlets copying one lost intermediate look like one copied the
other; an outlet that took text from two sources gets one parent.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any

from .compare import CompareOptions, compare_analysed
from .errors import InputError, UnknownDocumentError
from .index import utc_published
from .report import Comparison
from .text import analyse, tokenize

if TYPE_CHECKING:
    from .index import Family, Index

__all__ = ["Edge", "ProvenanceGraph", "family_provenance", "provenance"]

#: Weights of shared edits (see the module docstring).
W_CHANGE = 1.0
W_ADDED = 1.0
W_ADDED_SHORT = 0.5
W_CUT = 0.5
W_CUT_TAIL = 0.25
W_MOVE = 0.5
W_CONTRADICT = 1.0
W_CONTRADICT_CUT = 2.0
W_RESPELL = 0.5
#: Words of a copy shared with an earlier copy and not with the original, per unit
#: of score (at most W_GAIN_MAX): text the earlier copy rewrote or added and this
#: one kept, even where the edits do not line up one for one.
W_GAIN_WORDS = 10.0
W_GAIN_MAX = 2.0


@dataclass(frozen=True, slots=True)
class Edge:
    """``target`` most likely took its text from ``source``.

    ``evidence``: phrases a person can check ("shares the respelling 'Kiev' -> 'Kyiv'
    absent from the wire", "published 3 h after afp-1"). ``confidence``: 0..1.
    ``shared_edits``: weight of the edits target shares with source (0 for an edge
    from the original).
    """

    source: str
    target: str
    evidence: tuple[str, ...]
    confidence: float
    shared_edits: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "target": self.target,
                "confidence": round(self.confidence, 6),
                "shared_edits": round(self.shared_edits, 6),
                "evidence": list(self.evidence)}


@dataclass(frozen=True)
class ProvenanceGraph:
    """Who copied from whom in a family: a tree of :class:`Edge` rooted at ``original``.

    ``nodes``: every document, original first, then in the order they were visited
    (publication order). ``edges``: one per document but the original, in the same
    order. Iterating the graph yields the edges.
    """

    original: str
    nodes: tuple[str, ...]
    edges: tuple[Edge, ...]

    def __iter__(self) -> Iterator[Edge]:
        return iter(self.edges)

    def __len__(self) -> int:
        return len(self.edges)

    def parent(self, doc_id: str) -> str | None:
        """The source ``doc_id`` was taken from (``None`` for the original)."""
        if doc_id not in self.nodes:
            raise UnknownDocumentError(f"document {doc_id!r} is not in this graph")
        for e in self.edges:
            if e.target == doc_id:
                return e.source
        return None

    def children(self, doc_id: str) -> tuple[str, ...]:
        """Documents taken from ``doc_id``."""
        return tuple(e.target for e in self.edges if e.source == doc_id)

    def to_dict(self) -> dict[str, Any]:
        return {"original": self.original, "nodes": list(self.nodes),
                "edges": [e.to_dict() for e in self.edges]}

    def lines(self) -> list[str]:
        """One line per edge, for a terminal."""
        return [f"{e.source} -> {e.target} ({e.confidence:.2f}): " + "; ".join(e.evidence)
                for e in self.edges]


# --------------------------------------------------------------------------- #
# Edits of a copy relative to the original
# --------------------------------------------------------------------------- #


@dataclass(frozen=True, slots=True)
class _Edit:
    key: tuple[Any, ...]
    weight: float
    label: str
    a_start: int  # span in the original
    a_end: int
    kind: str  # "change", "added", "cut", "move"


def _norm(text: str) -> str:
    return " ".join(tokenize(text)[2])


def _q(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _overlaps(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < ce and cs < e for cs, ce in spans) if e > s else any(
        cs <= s <= ce for cs, ce in spans)


def _edits(c: Comparison, credits_a: list[tuple[int, int]],
           credits_b: list[tuple[int, int]]) -> list[_Edit]:
    """The copy's edits relative to the original (``c`` is compare(original, copy))."""
    a, b = c.a, c.b
    story_end = max((s.a_end for s in c.shared), default=0)
    story_end = max([story_end] + [d.a_end for d in c.divergences if d.kind != "inserted"])
    out: list[_Edit] = []
    for d in c.divergences:
        if _overlaps(d.a_start, d.a_end, credits_a) or _overlaps(d.b_start, d.b_end, credits_b):
            continue
        if d.kind == "rewritten":
            subs = d.substitutions or ()
            pieces = [(s.a_start, s.a_end, s.b_start, s.b_end) for s in subs] or [
                (d.a_start, d.a_end, d.b_start, d.b_end)]
            for s0, s1, t0, t1 in pieces:
                old, new = a[s0:s1], b[t0:t1]
                if _norm(old) == _norm(new):
                    continue
                w = W_CHANGE
                if any(ch.isdigit() for ch in old + new):
                    what = "changed number"
                elif len(old.split()) == 1 and len(new.split()) == 1:
                    similar = SequenceMatcher(None, _norm(old), _norm(new)).ratio() >= 0.6
                    what = "respelling" if similar else "word change"
                    w = W_RESPELL if similar else W_CHANGE
                elif not old.strip():
                    what = "added words"
                elif not new.strip():
                    what = "cut words"
                else:
                    what = "rewording"
                out.append(_Edit(("change", s0, s1, _norm(new)), w,
                                 f"the {what} '{_q(old)}' -> '{_q(new)}'", s0, s1, "change"))
        elif d.kind == "inserted":
            new = b[d.b_start:d.b_end]
            key = _norm(new)
            if not key or new.count("|") >= 2:  # empty, or a menu line of page clutter
                continue
            w = W_ADDED if d.words_b >= 4 else W_ADDED_SHORT
            out.append(_Edit(("added", key), w, f"the added passage '{_q(new)}'",
                             d.a_start, d.a_end, "added"))
        elif d.kind == "deleted":
            old = a[d.a_start:d.a_end]
            if not _norm(old):
                continue
            tail = d.a_end >= story_end
            out.append(_Edit(("cut", d.a_start, d.a_end), W_CUT_TAIL if tail else W_CUT,
                             f"the cut of '{_q(old)}'", d.a_start, d.a_end, "cut"))
        elif d.kind == "moved":
            out.append(_Edit(("move", d.a_start, d.a_end), W_MOVE,
                             f"the move of '{_q(a[d.a_start:d.a_end])}'", d.a_start, d.a_end,
                             "move"))
    return out


def _kept(c: Comparison) -> list[tuple[int, int]]:
    """Spans of the original the copy kept word for word."""
    return sorted((s.a_start, s.a_end) for s in c.shared)


def _inside(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``[s, e)`` of the original lies inside text the copy kept."""
    if e <= s:
        return False
    return any(ks <= s and e <= ke for ks, ke in spans)


def _kept_much(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    """Whether the copy kept a good part of ``[s, e)`` of the original (half of it, or
    200 characters): text an earlier copy had cut."""
    got = sum(max(0, min(e, ke) - max(s, ks)) for ks, ke in spans)
    return got > 0 and got >= min(0.5 * (e - s), 200)


def _when(meta: Mapping[str, Any], doc_id: str) -> datetime | None:
    raw = meta.get("published")
    return None if raw is None else utc_published(raw, doc_id)


def _delay(later: datetime | None, earlier: datetime | None) -> str | None:
    if later is None or earlier is None:
        return None
    sec = (later - earlier).total_seconds()
    if sec < 0:
        return None
    if sec < 3600:
        return f"{round(sec / 60)} min"
    if sec < 48 * 3600:
        h = sec / 3600
        return f"{h:.0f} h" if abs(h - round(h)) < 0.05 or h >= 10 else f"{h:.1f} h"
    return f"{sec / 86400:.1f} days"


def provenance(docs: Mapping[str, tuple[str, Mapping[str, Any]]], *,
               original: str | None = None, min_shared: float = 1.0,
               max_pairs: int = 40, **compare_options: Any) -> ProvenanceGraph:
    """Infer who copied from whom among ``docs`` (``id -> (text, metadata)``).

    ``original``: the source of the family; by default the earliest ``published``
    (undated: those carrying a wire credit or dateline first; then the document
    holding most of the others' words, then the id).
    ``min_shared``: score (weight of shared edits less contradicted ones) an earlier
    copy needs to be named as the source instead of the original.
    ``max_pairs``: families of up to this many copies compare every copy with every
    earlier one (the word-gain evidence); larger ones only pairs sharing an edit.
    ``compare_options``: options of :func:`~syndetect.compare`.

    Raises :class:`~syndetect.errors.InputError` for an empty mapping, an
    unparseable ``published`` or an ``original`` not among the documents.
    """
    from .credits import detect_credits
    from .versions import compare_options_from

    if not isinstance(docs, Mapping) or not docs:
        raise InputError("provenance needs a non-empty dict id -> (text, metadata)")
    if not isinstance(min_shared, (int, float)) or min_shared <= 0:
        raise InputError(f"min_shared must be a positive number, got {min_shared!r}")
    opts = compare_options_from(compare_options)
    texts: dict[str, str] = {}
    when: dict[str, datetime | None] = {}
    for k, v in docs.items():
        if not isinstance(k, str) or not k:
            raise InputError(f"a document id must be a non-empty string, got {k!r}")
        if not (isinstance(v, tuple) and len(v) == 2 and isinstance(v[0], str)
                and isinstance(v[1], Mapping)):
            raise InputError(f"document {k!r} must be a (text, metadata) pair, e.g. "
                             "(text, {'published': '2025-03-01T08:00'})")
        texts[k] = v[0]
        when[k] = _when(v[1], k)
    analysed = {k: analyse(t, max_chars=opts.max_chars, name=f"document {k!r}",
                           boilerplate=opts.boilerplate) for k, t in texts.items()}
    if original is None:
        original = _pick_original(texts, when, analysed, opts)
    elif original not in texts:
        raise InputError(f"original {original!r} is not among the documents; give one of "
                         "their ids or None")
    credits = {k: [(c.start, c.end) for c in detect_credits(t)] for k, t in texts.items()}

    comps: dict[str, Comparison] = {}
    edits: dict[str, dict[tuple[Any, ...], _Edit]] = {}
    for k in texts:
        if k == original:
            continue
        c = compare_analysed(analysed[original], analysed[k], opts)
        comps[k] = c
        edits[k] = {e.key: e for e in _edits(c, credits[original], credits[k])}

    def order(k: str) -> tuple[bool, datetime, float, str]:
        t = when[k]
        return (t is None, t or datetime.min, sum(e.weight for e in edits[k].values()), k)

    copies = sorted(comps, key=order)
    t_orig = when[original]
    out: list[Edge] = []
    visited: list[str] = []
    depth: dict[str, int] = {original: 0}
    parent_of: dict[str, str] = {}
    x_words = {k: c.coverage_b * c.words_b for k, c in comps.items()}
    for x in copies:
        ex = edits[x]
        kept_x = _kept(comps[x])
        scored: list[tuple[float, float, int, int, str, list[_Edit], list[_Edit], float]] = []
        for rank, y in enumerate(visited):
            ty, tx = when[y], when[x]
            if tx is not None and ty is not None and ty > tx:
                continue
            ey = edits[y]
            shared = [ex[k] for k in ey if k in ex]
            gain = 0.0
            if shared or len(copies) <= max_pairs:
                cy = compare_analysed(analysed[y], analysed[x], opts)
                gain = cy.coverage_b * cy.words_b - x_words[x]
            if not shared and gain < W_GAIN_WORDS:
                continue
            contra = [e for k, e in ey.items() if k not in ex and (
                (e.kind == "change" and _inside(e.a_start, e.a_end, kept_x))
                or (e.kind == "cut" and _kept_much(e.a_start, e.a_end, kept_x)))]
            s_w = sum(e.weight for e in shared)
            score = s_w + min(max(gain, 0.0) / W_GAIN_WORDS, W_GAIN_MAX) - sum(
                W_CONTRADICT_CUT if e.kind == "cut" else W_CONTRADICT for e in contra)
            scored.append((score, s_w, depth[y], rank, y, shared, contra, gain))
        # best score; among equals the deeper (a copy of a copy holds its source's
        # edits too), then the earlier
        scored.sort(key=lambda t: (-round(t[0], 9), -t[2], t[3]))
        best = scored[0] if scored else None
        runner = scored[1][0] if len(scored) > 1 else 0.0
        if best is not None and best[0] >= min_shared:
            score, s_w, _, _, y, shared, contra, gain = best
            ev = [f"shares {e.label} absent from the wire"
                  for e in sorted(shared, key=lambda e: (-e.weight, e.a_start))[:4]]
            if len(shared) > 4:
                ev.append(f"and {len(shared) - 4} more shared edits")
            if gain >= W_GAIN_WORDS:
                ev.append(f"shares {gain:.0f} more of its words with {y} than with the wire")
            for e in contra[:2]:
                ev.append(f"but keeps the wire's text where {y} made {e.label}")
            d = _delay(when[x], when[y])
            if d:
                ev.append(f"published {d} after {y}")
            conf = 1.0 - 0.5 ** score
            if runner > 0:
                conf *= score / (score + runner)
            out.append(Edge(y, x, tuple(ev), round(conf, 6), round(s_w, 6)))
            depth[x] = depth[y] + 1
            parent_of[x] = y
        else:
            c = comps[x]
            ev = []
            if c.verdict == "unrelated":
                ev.append("shares no passage with the original outside quotations")
            else:
                ev.append(f"{c.coverage_b:.0%} of its words are the original's "
                          f"({c.verdict.replace('_', ' ')})")
            if best is not None and best[0] > 0:
                ev.append(f"shares only weak evidence with {best[4]} (score {best[0]:.2f} < "
                          f"{min_shared:g})")
            d = _delay(when[x], t_orig)
            tx = when[x]
            early = tx is not None and t_orig is not None and tx < t_orig
            if d:
                ev.append(f"published {d} after {original}")
            elif early:
                ev.append(f"published before {original}: check the dates")
            conf = min(1.0, c.evidence_b)
            if best is not None and best[0] > 0:
                conf *= 0.5
            if early:
                conf *= 0.5
            out.append(Edge(original, x, tuple(ev), round(conf, 6), 0.0))
            depth[x] = 1
        visited.append(x)
    return ProvenanceGraph(original, (original, *copies), tuple(out))


def _pick_original(texts: Mapping[str, str], when: Mapping[str, datetime | None],
                   analysed: Mapping[str, Any], opts: CompareOptions) -> str:
    dated = [k for k in texts if when[k] is not None]
    if dated:
        first = min(when[k] for k in dated)  # type: ignore[type-var]
        tied = sorted(k for k in dated if when[k] == first)
        if len(tied) == 1:
            return tied[0]
        pool = tied
    else:
        pool = sorted(texts)
    if len(pool) == 1:
        return pool[0]
    from .credits import detect_credits

    # a text carrying a wire agency's credit or dateline is the better candidate
    wired = [k for k in pool if any(c.agency for c in detect_credits(texts[k]))]
    if wired:
        pool = wired
    if len(pool) == 1:
        return pool[0]
    # the text the copies were cut from holds most of their words
    held = {k: 0.0 for k in pool}
    for k in pool:
        for j in texts:
            if j != k:
                held[k] += compare_analysed(analysed[k], analysed[j], opts).coverage_b
    return min(pool, key=lambda k: (-round(held[k], 9), k))


def family_provenance(index: Index, family: Family | Any, **options: Any) -> ProvenanceGraph:
    """:func:`provenance` of a family found by :meth:`Index.families` (or any iterable
    of ids stored in ``index``), rooted at the family's ``original`` when it has one."""
    if isinstance(family, (str, bytes)) or not isinstance(family, Iterable):
        raise InputError(f"family must be a Family from Index.families() or a list of "
                         f"document ids, not {type(family).__name__}")
    ids = list(family)
    docs = {i: index.get(i) for i in ids}
    original = getattr(family, "original", None)
    base = {f: getattr(index.config.compare, f) for f in CompareOptions.__dataclass_fields__}
    options = {**base, **options}
    return provenance(docs, original=original, **options)
