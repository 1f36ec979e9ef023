"""Fuzzy passage search: reuse that keeps the words of a text but not their order.

Exact alignment (:mod:`syndetect.align`) anchors on runs of identical words. Texts
reworded by shuffling, substituting and inserting words, by a round trip through
machine translation, or by summarising keep few such runs. This module finds the
passages they came from anyway, on bags of words, in the manner of the sentence-level
seeding and clustering of PAN 2014's best text-alignment systems:

1. **Sentences.** Each text is cut into sentences (at sentence ends and paragraph
   breaks; long ones into pieces of at most ``max_sentence`` words, scraps joined to
   their neighbour). A word stands for its first ``stem`` characters, a crude,
   language-blind stemmer.
2. **Seeds.** Sentence pairs whose tf-idf cosine (idf over the sentences of both
   texts) and Dice coefficient of word sets are both high enough, plus the sentence
   pairs that the exact alignment's runs connect.
3. **Extension.** Seeds are clustered by proximity: sorted on one side, cut where
   consecutive seeds lie more than ``gap`` sentences apart, then the same on the
   other side, alternately, until nothing changes. Sentences at a cluster's edges
   whose best seed is much weaker than its typical seed are trimmed off. Each cluster
   spans a passage pair.
4. **Validation and filtering.** A passage pair is kept when its two sides, taken
   whole, still resemble each other (tf-idf cosine), it has two seeds or some exact
   runs, and it is long enough. Pairs overlapping on either side are resolved in
   favour of the more similar one.
5. **Combination** (:func:`combine`). The exact alignment's passages join the pairs
   they overlap or stand on their own; a pair that is mostly exact runs lying close
   together is cut down to them (a copy keeps its exact bounds); pairs following each
   other closely on one side but drawn from far apart on the other are merged into
   one summary pair, widened over the whole of the long text when they draw on a
   large share of it.

Everything is in content-token positions (as in :mod:`syndetect.align`); the result
is a list of passage pairs ``(x0, x1, y0, y1)``, half-open, sorted and disjoint on
each side.
"""

from __future__ import annotations

from collections.abc import Container, Hashable, Sequence
from dataclasses import dataclass

import numpy as np

from .align import _GAP_ORDER, Alignment, Gap, word_edits

__all__ = ["FuzzyParams", "combine", "find_passages", "fuzzy_passages", "rewrite_within",
           "runs_inside"]


@dataclass(frozen=True)
class FuzzyParams:
    """Thresholds of the fuzzy search (the defaults were tuned on half of PAN 2013).

    ``stem``: characters of a word kept for matching (0: the whole word).
    ``seed_cosine`` / ``seed_dice``: a sentence pair is a seed when both are reached.
    ``run_seed``: exact runs of at least this many words seed their sentence pairs.
    ``gap``: most sentences between two seeds of one passage, on each side.
    ``trim``: edge sentences whose best seed is below this share of the cluster's
    median seed cosine are trimmed off.
    ``valid_cosine``: least cosine of a passage pair's two sides taken whole.
    ``min_words``: least words of a passage on each side.
    ``min_shared``: words in exact runs a passage with a single seed needs.
    ``max_sentence`` / ``min_sentence``: longer sentences are cut into pieces, shorter
    ones joined to their neighbour.
    ``snap``: a passage whose exact runs fill this share of their own extent on both
    sides, and of the passage's shorter side, is cut down to them.
    ``exact_min``: shared words an exact passage needs to count.
    ``summary_ratio``: a passage whose long side is this many times its short side is
    a summary; ``summary_gap`` is the gap on its long side when seeds are regrouped,
    ``summary_join`` the most words between pieces of one summary on its short side
    (-1: no summaries), ``summary_max`` the most words of its short side, and with
    ``summary_order`` its pieces must stand in the same order on both sides (several
    reused passages close together in one text are not a summary); a summary spread
    over ``summary_whole`` of the long text is taken as a summary of all of it.
    """

    stem: int = 5
    seed_cosine: float = 0.33
    seed_dice: float = 0.33
    run_seed: int = 6
    gap: int = 4
    valid_cosine: float = 0.45
    min_words: int = 15
    summary_ratio: float = 3.0
    summary_gap: int = 24
    trim: float = 0.7
    snap: float = 0.9
    max_sentence: int = 40
    min_sentence: int = 4
    min_shared: int = 10
    exact_min: int = 16
    summary_join: int = 30
    summary_whole: float = 0.1
    summary_max: int = 150
    summary_order: bool = True


DEFAULT_PARAMS = FuzzyParams()

Pair = tuple[int, int, int, int]


def _sentences(n: int, ends: Container[int], p: FuzzyParams) -> list[tuple[int, int]]:
    """Content-position ranges of the sentences of a text of ``n`` content words."""
    raw: list[tuple[int, int]] = []
    start = 0
    for i in range(n):
        if i in ends or i == n - 1:
            s = start
            while i + 1 - s > p.max_sentence:
                raw.append((s, s + p.max_sentence))
                s += p.max_sentence
            raw.append((s, i + 1))
            start = i + 1
    out: list[tuple[int, int]] = []
    for s, e in raw:
        if out and (out[-1][1] - out[-1][0] < p.min_sentence or e - s < p.min_sentence):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


class _Side:
    """One text as sentences over a shared vocabulary."""

    def __init__(self, keys: Sequence[str], ends: Container[int], p: FuzzyParams,
                 vocab: dict[str, int]) -> None:
        self.sents = _sentences(len(keys), ends, p)
        stem = p.stem
        ids = [vocab.setdefault(k[:stem] if stem else k, len(vocab)) for k in keys]
        self.ids = np.asarray(ids, dtype=np.int64)
        bounds = np.asarray([s for s, _ in self.sents], dtype=np.int64)
        self.sent_of = np.zeros(len(keys), dtype=np.int64)
        if len(keys):
            self.sent_of = np.searchsorted(bounds, np.arange(len(keys)), side="right") - 1
        # Sentence-term incidence as (sentence, term) pairs without repeats.
        pairs = np.unique(self.sent_of * (1 << 32) + self.ids)
        self.inc_s = pairs >> 32
        self.inc_t = pairs & ((1 << 32) - 1)


# Most sentence-pair entries (and postings met) held at once by the seed search.
_BLOCK = 1 << 22


def _seeds(sx: _Side, sy: _Side, idf: np.ndarray, p: FuzzyParams,
           wanted: set[tuple[int, int]]) -> dict[tuple[int, int], float]:
    """Seed sentence pairs with their tf-idf cosine (binary tf): the pairs whose cosine
    and Dice coefficient reach the thresholds, and the ``wanted`` ones whatever theirs.

    Computed from the postings of the terms both texts use, one (x sentence, y
    sentence) entry per shared term, summed with ``bincount`` (no matrix product, so no
    BLAS threads woken for matrices this small), a block of x sentences at a time so
    that long texts take bounded memory.
    """
    nx, ny = len(sx.sents), len(sy.sents)
    n_terms = idf.shape[0]
    w2 = (idf * idf).astype(np.float64)
    cy = np.bincount(sy.inc_t, minlength=n_terms)
    oy = np.argsort(sy.inc_t, kind="stable")
    y_sent = sy.inc_s[oy]
    y_first = np.cumsum(cy) - cy  # where each term's postings start in y_sent
    norm_x = np.sqrt(np.maximum(np.bincount(sx.inc_s, weights=w2[sx.inc_t], minlength=nx),
                                1e-12))
    norm_y = np.sqrt(np.maximum(np.bincount(sy.inc_s, weights=w2[sy.inc_t], minlength=ny),
                                1e-12))
    size_x = np.bincount(sx.inc_s, minlength=nx)
    size_y = np.bincount(sy.inc_s, minlength=ny)
    reps = cy[sx.inc_t]  # y postings met by each x posting (x postings sorted by sentence)
    met = np.cumsum(np.bincount(sx.inc_s, weights=reps, minlength=nx))
    wanted_by_row: dict[int, list[int]] = {}
    for i, j in wanted:
        wanted_by_row.setdefault(i, []).append(j)
    out: dict[tuple[int, int], float] = {}
    i0 = 0
    while i0 < nx:
        done = float(met[i0 - 1]) if i0 else 0.0
        i1 = int(np.searchsorted(met, done + _BLOCK, side="right"))
        i1 = max(i0 + 1, min(i1, i0 + max(1, _BLOCK // ny), nx))
        lo, hi = np.searchsorted(sx.inc_s, [i0, i1])
        terms, r = sx.inc_t[lo:hi], reps[lo:hi]
        total = int(r.sum())
        xi = np.repeat(sx.inc_s[lo:hi] - i0, r)
        step = np.arange(total) - np.repeat(np.cumsum(r) - r, r)
        yj = y_sent[np.repeat(y_first[terms], r) + step]
        key = xi * ny + yj
        rows = i1 - i0
        dot = np.bincount(key, weights=np.repeat(w2[terms], r), minlength=rows * ny)
        common = np.bincount(key, minlength=rows * ny).reshape(rows, ny)
        cos = dot.reshape(rows, ny) / (norm_x[i0:i1, None] * norm_y[None, :])
        dice = 2 * common / np.maximum(size_x[i0:i1, None] + size_y[None, :], 1)
        ii, jj = np.nonzero((cos >= p.seed_cosine) & (dice >= p.seed_dice))
        for i, j in zip(ii.tolist(), jj.tolist()):
            out[i0 + i, j] = float(cos[i, j])
        for i in range(i0, i1):
            for j in wanted_by_row.get(i, ()):
                out[i, j] = float(cos[i - i0, j])
        i0 = i1
    return out


def find_passages(
    keys_x: Sequence[str],
    keys_y: Sequence[str],
    *,
    sentence_end_x: Container[int],
    sentence_end_y: Container[int],
    runs: Sequence[tuple[int, int, int]],
    exact: Sequence[tuple[int, int, int, int, int]],
    params: FuzzyParams = DEFAULT_PARAMS,
) -> list[Pair]:
    """:func:`fuzzy_passages` and the exact passages ``exact`` combined (see
    :func:`combine`): the passages of ``compare(..., fuzzy=True)``."""
    found = fuzzy_passages(keys_x, keys_y, sentence_end_x=sentence_end_x,
                           sentence_end_y=sentence_end_y, runs=runs, params=params)
    return combine(found, exact, runs, len(keys_x), len(keys_y), params)


def fuzzy_passages(
    keys_x: Sequence[str],
    keys_y: Sequence[str],
    *,
    sentence_end_x: Container[int],
    sentence_end_y: Container[int],
    runs: Sequence[tuple[int, int, int]] = (),
    params: FuzzyParams = DEFAULT_PARAMS,
) -> list[Pair]:
    """Passage pairs ``(x0, x1, y0, y1)`` (content positions, half-open) where ``y``
    reuses ``x`` with its words reordered, replaced or summarised.

    ``runs`` are exact shared runs ``(x0, y0, n)`` from the exact alignment: they seed
    the search too, so that passages found both ways come out as one.
    """
    found = _candidates(keys_x, keys_y, sentence_end_x, sentence_end_y, runs, params)
    ranked = sorted((c for c in found if _accept(c, params)), key=lambda c: -c.cosine)
    return _disjoint([c.pair for c in ranked])


def _candidates(
    keys_x: Sequence[str],
    keys_y: Sequence[str],
    sentence_end_x: Container[int],
    sentence_end_y: Container[int],
    runs: Sequence[tuple[int, int, int]],
    params: FuzzyParams,
) -> list[_Candidate]:
    """Every candidate passage pair, before validation and overlap resolution."""
    p = params
    vocab: dict[str, int] = {}
    sx = _Side(keys_x, sentence_end_x, p, vocab)
    sy = _Side(keys_y, sentence_end_y, p, vocab)
    nx, ny = len(sx.sents), len(sy.sents)
    if nx == 0 or ny == 0:
        return []
    n_terms = len(vocab)
    df = (np.bincount(sx.inc_t, minlength=n_terms) + np.bincount(sy.inc_t, minlength=n_terms))
    idf = np.log((nx + ny) / np.maximum(df, 1)).astype(np.float32)
    from_runs: set[tuple[int, int]] = set()
    for x0, y0, n in runs:
        if n >= p.run_seed:
            for k in range(0, n, max(1, p.min_sentence)):
                from_runs.add((int(sx.sent_of[x0 + k]), int(sy.sent_of[y0 + k])))
            from_runs.add((int(sx.sent_of[x0 + n - 1]), int(sy.sent_of[y0 + n - 1])))
    seed_cos = _seeds(sx, sy, idf, p, from_runs)
    if not seed_cos:
        return []
    seeds = list(seed_cos)

    clusters = [_trim(cl, seed_cos, p.trim) for cl in _cluster(sorted(seeds), p.gap, p.gap)]
    long_runs = [r for r in runs if r[2] >= 3]
    found: list[_Candidate] = []
    for cl in clusters:
        pair = first = _bounds(cl, sx, sy)
        x0, x1, y0, y1 = pair
        inside = runs_inside(long_runs, pair)
        shared = sum(n for _, _, n in inside)
        cov_x, cov_y = shared / (x1 - x0), shared / (y1 - y0)
        if min(cov_x, cov_y) >= p.snap:
            # Mostly copied word for word: the exact runs know the bounds best.
            pair = (min(r[0] for r in inside), max(r[0] + r[2] for r in inside),
                    min(r[1] for r in inside), max(r[1] + r[2] for r in inside))
        elif (x1 - x0 >= p.summary_ratio * (y1 - y0) and cov_y < p.snap) or (
                y1 - y0 >= p.summary_ratio * (x1 - x0) and cov_x < p.snap):
            # A summary: widen the long side over every seed of the short side's
            # sentences, with the wider gap.
            long_x = x1 - x0 > y1 - y0
            lo, hi = min(s[1 if long_x else 0] for s in cl), max(s[1 if long_x else 0] for s in cl)
            pool = sorted(s for s in seeds if lo <= s[1 if long_x else 0] <= hi)
            gx, gy = (p.summary_gap, p.gap) if long_x else (p.gap, p.summary_gap)
            sub = max(_cluster(pool, gx, gy), key=len)
            if len(sub) > len(cl):
                cl = sub
                pair = _bounds(sub, sx, sy)
        x0, x1, y0, y1 = pair
        if min(x1 - x0, y1 - y0) < p.min_words:
            continue
        sim = _passage_cosine(sx, sy, idf, (x0, x1), (y0, y1))
        if pair != first:  # snapped to the runs or widened as a summary
            shared = sum(n for _, _, n in runs_inside(long_runs, pair))
        found.append(_Candidate(pair, sim, shared, len(cl),
                                float(np.mean([seed_cos[s] for s in cl]))))
    return found


@dataclass(frozen=True)
class _Candidate:
    pair: Pair
    cosine: float  # of the two sides taken whole
    shared: int  # words inside exact runs (of >= 3 words) within the pair
    seeds: int
    seed_cosine: float  # mean over the seeds


def _accept(c: _Candidate, p: FuzzyParams) -> bool:
    if c.cosine < p.valid_cosine:
        return False
    return c.seeds >= 2 or c.shared >= p.min_shared


def combine(fuzzy: Sequence[Pair], exact: Sequence[tuple[int, int, int, int, int]],
            runs: Sequence[tuple[int, int, int]], nx: int, ny: int,
            params: FuzzyParams = DEFAULT_PARAMS) -> list[Pair]:
    """Fuzzy passage pairs and the exact alignment's passages ``(x0, x1, y0, y1,
    shared words)`` as one list of passage pairs, disjoint on each side.

    An exact passage of at least ``exact_min`` shared words widens the fuzzy pair it
    overlaps on both sides, or stands on its own. A pair whose words are mostly in
    exact runs ``(x0, y0, n)`` lying close together on both sides is a copy: it is cut
    down to those runs (sentences about the same thing next to a copied passage are
    not part of it). Then pairs that follow each other closely on one side but come
    from far apart on the other are a summary of that stretch, and are merged; a
    summary drawing on a large share of the long text is taken as a summary of all
    of it.
    """
    p = params
    out = list(fuzzy)
    for x0, x1, y0, y1, n in exact:
        if n < p.exact_min:
            continue
        e = (x0, x1, y0, y1)
        hit = [i for i, f in enumerate(out) if _meets(e, f)]
        if hit:
            f = out[hit[0]]
            out[hit[0]] = (min(x0, f[0]), max(x1, f[1]), min(y0, f[2]), max(y1, f[3]))
        elif not any(y0 < f[3] and f[2] < y1 for f in fuzzy):
            out.append(e)
    long_runs = [r for r in runs if r[2] >= 3]
    dense: set[Pair] = set()
    for i, q in enumerate(out):
        inside = runs_inside(long_runs, q)
        if not inside:
            continue
        n = sum(r[2] for r in inside)
        snapped = (min(r[0] for r in inside), max(r[0] + r[2] for r in inside),
                   min(r[1] for r in inside), max(r[1] + r[2] for r in inside))
        if n >= p.snap * max(snapped[1] - snapped[0], snapped[3] - snapped[2],
                             min(q[1] - q[0], q[3] - q[2])):
            out[i] = snapped
            dense.add(snapped)
    if p.summary_join >= 0:
        # Passages copied word for word are no summaries.
        out = _summaries(out, nx, ny, p, dense, long_x=True)
        out = _summaries(out, nx, ny, p, dense, long_x=False)
    return _disjoint(sorted(out, key=lambda q: -(q[1] - q[0] + q[3] - q[2])))


def _meets(e: Pair, f: Pair) -> bool:
    return e[0] < f[1] and f[0] < e[1] and e[2] < f[3] and f[2] < e[3]


def _summaries(pairs: list[Pair], nx: int, ny: int, p: FuzzyParams, dense: set[Pair],
               long_x: bool) -> list[Pair]:
    """Merge runs of pairs adjacent on the short side into summaries of the long side."""
    s0, s1, l0, l1 = (2, 3, 0, 1) if long_x else (0, 1, 2, 3)
    n_long = nx if long_x else ny
    pairs = sorted(pairs, key=lambda q: (q[s0], q[s1]))
    groups: list[list[Pair]] = []
    out: list[Pair] = []
    for q in pairs:
        if q in dense:
            out.append(q)
            continue
        if groups and q[s0] - max(g[s1] for g in groups[-1]) <= p.summary_join:
            groups[-1].append(q)
        else:
            groups.append([q])
    for g in groups:
        lo, hi = min(q[l0] for q in g), max(q[l1] for q in g)
        slo, shi = min(q[s0] for q in g), max(q[s1] for q in g)
        if (hi - lo < p.summary_ratio * (shi - slo) or shi - slo > p.summary_max
                or (p.summary_order and len(g) > 1 and not _in_order(g, l0))):
            out.extend(g)
            continue
        if hi - lo >= p.summary_whole * n_long:
            lo, hi = 0, n_long
        out.append((lo, hi, slo, shi) if long_x else (slo, shi, lo, hi))
    return out


def _in_order(group: list[Pair], at: int) -> bool:
    """Whether the pairs of a group (in order on one side) stand in order on the other
    side (``at`` 0 for x, 2 for y) too."""
    starts = [q[at] for q in group]
    return starts == sorted(starts)


def _bounds(cl: list[tuple[int, int]], sx: _Side, sy: _Side) -> Pair:
    i0, i1 = min(s[0] for s in cl), max(s[0] for s in cl)
    j0, j1 = min(s[1] for s in cl), max(s[1] for s in cl)
    return sx.sents[i0][0], sx.sents[i1][1], sy.sents[j0][0], sy.sents[j1][1]


def runs_inside(runs: Sequence[tuple[int, int, int]], pair: Pair) -> list[tuple[int, int, int]]:
    """The parts of exact runs that lie inside a passage pair on both sides."""
    x0, x1, y0, y1 = pair
    out = []
    for rx, ry, n in runs:
        lo = max(0, x0 - rx, y0 - ry)
        hi = min(n, x1 - rx, y1 - ry)
        if hi > lo:
            out.append((rx + lo, ry + lo, hi - lo))
    return out


def _cluster(seeds: list[tuple[int, int]], gap_x: int, gap_y: int) -> list[list[tuple[int, int]]]:
    """Split seeds into groups close together on both sides (alternating splits)."""
    todo = [(seeds, 0, False)]
    out = []
    while todo:
        group, axis, settled = todo.pop()
        gap = gap_x if axis == 0 else gap_y
        group = sorted(group, key=lambda s: (s[axis], s[1 - axis]))
        parts = [[group[0]]]
        for s in group[1:]:
            if s[axis] - parts[-1][-1][axis] > gap + 1:
                parts.append([s])
            else:
                parts[-1].append(s)
        if len(parts) == 1:
            if settled:
                out.append(group)
            else:
                todo.append((group, 1 - axis, True))
            continue
        todo.extend((part, 1 - axis, False) for part in parts)
    return out


def _trim(cl: list[tuple[int, int]], seed_cos: dict[tuple[int, int], float], ratio: float
          ) -> list[tuple[int, int]]:
    """Drop sentences at a cluster's edges (either side) whose best seed is much weaker
    than the cluster's typical seed: neighbours on the same topic, not reused text."""
    if len(cl) < 3 or ratio <= 0:
        return cl
    floor = ratio * float(np.median([seed_cos[s] for s in cl]))
    for axis in (0, 1):
        best: dict[int, float] = {}
        for s in cl:
            best[s[axis]] = max(best.get(s[axis], 0.0), seed_cos[s])
        order = sorted(best)
        lo, hi = 0, len(order)
        while hi - lo > 1 and best[order[lo]] < floor:
            lo += 1
        while hi - lo > 1 and best[order[hi - 1]] < floor:
            hi -= 1
        keep_lo, keep_hi = order[lo], order[hi - 1]
        cl = [s for s in cl if keep_lo <= s[axis] <= keep_hi]
    return cl


def _passage_cosine(sx: _Side, sy: _Side, idf: np.ndarray, rx: tuple[int, int],
                    ry: tuple[int, int]) -> float:
    """tf-idf cosine of two stretches of content positions taken as one bag each."""
    n = idf.shape[0]
    vx = np.bincount(sx.ids[rx[0]:rx[1]], minlength=n).astype(np.float32)
    vy = np.bincount(sy.ids[ry[0]:ry[1]], minlength=n).astype(np.float32)
    wx = np.where(vx > 0, 1 + np.log(np.maximum(vx, 1)), 0) * idf
    wy = np.where(vy > 0, 1 + np.log(np.maximum(vy, 1)), 0) * idf
    den = float(np.sqrt((wx * wx).sum() * (wy * wy).sum()))
    return float((wx * wy).sum()) / den if den > 0 else 0.0


def _disjoint(ranked: list[Pair]) -> list[Pair]:
    """Keep pairs best first, dropping any that overlaps a kept one on either side."""
    kept: list[Pair] = []
    for q in ranked:
        if any(q[0] < k[1] and k[0] < q[1] or q[2] < k[3] and k[2] < q[3] for k in kept):
            continue
        kept.append(q)
    kept.sort()
    return kept


def rewrite_within(al: Alignment, pairs: Sequence[Pair], x: Sequence[Hashable],
                   y: Sequence[Hashable]) -> Alignment:
    """``al`` with the deletions and insertions inside each passage pair turned into
    rewrites where they face each other.

    Inside a pair, the deleted stretches of x and the inserted stretches of y are
    matched in order by where they stand in the passage (as a share of its length on
    each side); matched stretches become one ``rewritten`` gap with its word-level
    edits, unmatched ones stay deleted or inserted. Runs and rewrites are untouched,
    so every word keeps exactly one place among runs and gaps.
    """
    if not pairs:
        return al
    by_x = sorted(range(len(pairs)), key=lambda k: pairs[k][0])
    by_y = sorted(range(len(pairs)), key=lambda k: pairs[k][2])
    dels: list[list[tuple[int, int, int]]] = [[] for _ in pairs]  # (x0, x1, anchor y)
    ins: list[list[tuple[int, int, int]]] = [[] for _ in pairs]  # (y0, y1, anchor x)
    kept: list[Gap] = []
    for g in al.gaps:
        if g.kind == "deleted":
            for lo, hi, k in _split(g.x0, g.x1, pairs, by_x, 0):
                if k < 0:
                    kept.append(Gap("deleted", lo, hi, g.y0, g.y1))
                else:
                    dels[k].append((lo, hi, g.y0))
        elif g.kind == "inserted":
            for lo, hi, k in _split(g.y0, g.y1, pairs, by_y, 2):
                if k < 0:
                    kept.append(Gap("inserted", g.x0, g.x1, lo, hi))
                else:
                    ins[k].append((lo, hi, g.x0))
        else:
            kept.append(g)
    for k, (px0, px1, py0, py1) in enumerate(pairs):
        ds, is_ = sorted(dels[k]), sorted(ins[k])
        i = j = 0
        while i < len(ds) or j < len(is_):
            if i < len(ds) and j < len(is_):
                d, n = ds[i], is_[j]
                d0, d1 = (d[0] - px0) / (px1 - px0), (d[1] - px0) / (px1 - px0)
                n0, n1 = (n[0] - py0) / (py1 - py0), (n[1] - py0) / (py1 - py0)
                if d1 + _SLACK < n0:
                    kept.append(Gap("deleted", d[0], d[1], d[2], d[2]))
                    i += 1
                elif n1 + _SLACK < d0:
                    kept.append(Gap("inserted", n[2], n[2], n[0], n[1]))
                    j += 1
                else:
                    kept.append(Gap("rewritten", d[0], d[1], n[0], n[1],
                                    word_edits(x, y, d[0], d[1], n[0], n[1])))
                    i += 1
                    j += 1
            elif i < len(ds):
                d = ds[i]
                kept.append(Gap("deleted", d[0], d[1], d[2], d[2]))
                i += 1
            else:
                n = is_[j]
                kept.append(Gap("inserted", n[2], n[2], n[0], n[1]))
                j += 1
    kept.sort(key=_GAP_ORDER)
    return Alignment(al.runs, tuple(kept))


# Stretches facing each other within this share of a passage's length pair up.
_SLACK = 0.1


def _split(lo: int, hi: int, pairs: Sequence[Pair], order: list[int], at: int
           ) -> list[tuple[int, int, int]]:
    """Cut [lo, hi) where passage pairs begin and end on one side (``at`` 0 for x, 2
    for y): pieces ``(lo, hi, k)`` with ``k`` the pair holding the piece, or -1."""
    out = []
    for k in order:
        s, e = pairs[k][at], pairs[k][at + 1]
        if e <= lo or s >= hi:
            continue
        if s > lo:
            out.append((lo, s, -1))
        out.append((max(lo, s), min(hi, e), k))
        lo = min(hi, e)
        if lo >= hi:
            break
    if lo < hi:
        out.append((lo, hi, -1))
    return out
