"""Pairwise alignment of two token sequences: shared runs, moves, and the gaps between.

Works on content tokens only (boilerplate already removed), as lists of tokens
compared for equality (ints, or the token keys themselves: strings are seeded by their
hash), and returns positions in those lists; :mod:`syndetect.compare` turns them into
character offsets. The steps:

1. **Seeds.** Every run of ``min_match`` tokens present in both sequences, found by
   hashing k-grams and joining the two hash arrays; seeds on one diagonal merge into
   maximal exact matches. k-grams that occur very often in ``x`` (a list of "Logo"
   lines, a refrain) are not used as seeds.
2. **Tiling.** Greedy string tiling: longest matches first, each token used at most
   once on each side, so repeated and moved text is matched once. Tokens are
   compared for real here: a match that a hash collision joined over two different
   tokens is split into its equal stretches, so the tiles never depend on the hash.
3. **Order.** The heaviest chain of tiles in the same order in both texts is the
   backbone; a tile off the chain of at least ``min_move`` tokens is a *move*, shorter
   ones are dropped as coincidences (stock phrases).
4. **Gaps.** Between backbone tiles, small gaps are aligned word by word (LCS via
   rapidfuzz) to recover short shared runs around substitutions.
5. **Divergences.** What is left on each side of a gap is a deletion, an insertion,
   or, when both sides have text that resembles each other sentence by sentence, a
   rewrite with word-level substitutions.

Steps 1-3 run in C where the optional ``syndetect._align`` was compiled (seeds,
tiling, the chain; it also builds the result objects): the numpy and Python code here
is the reference it is tested against and the fallback, with identical results.
"""

from __future__ import annotations

import dataclasses
import heapq
import operator
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Container, Hashable, Sequence
from dataclasses import dataclass
from typing import TypeVar, cast

import numpy as np
from rapidfuzz.distance import Indel

try:  # the optional C seeding and tiling (setup.py builds it where it can)
    from . import _align
except ImportError:  # pragma: no cover - exercised where no C compiler is available
    _align = None  # type: ignore[assignment]

__all__ = ["Run", "Gap", "Alignment", "align_tokens", "word_edits"]

# Seeds occurring more than this many times on one side are skipped.
_MAX_SEED_REPEAT = 32
# Gaps where both sides are at most this long are aligned word by word.
_SMALL_GAP = 80
# In gaps where both sides are at most this long, single shared words count too.
_TINY_GAP = 6


@dataclass(frozen=True, slots=True)
class Run:
    """Tokens ``x[x0:x0+n]`` equal ``y[y0:y0+n]``; ``moved`` when out of order."""

    x0: int
    y0: int
    n: int
    moved: bool = False


@dataclass(frozen=True, slots=True)
class Gap:
    """A divergence in token positions: kind, x range, y range, word-level edits.

    ``edits`` (rewrites only) lists (x0, x1, y0, y1) token ranges that differ inside
    the rewritten stretch.
    """

    kind: str
    x0: int
    x1: int
    y0: int
    y1: int
    edits: tuple[tuple[int, int, int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Alignment:
    """Shared runs (sorted by x) and divergences (sorted by x, then y)."""

    runs: tuple[Run, ...]
    gaps: tuple[Gap, ...]


_T = TypeVar("_T")


def fast_maker(cls: type[_T]) -> Callable[..., _T]:
    """A constructor of the frozen slotted dataclass ``cls`` taking one positional value
    per field: ``syndetect._align.Maker`` where it was compiled (it skips the generated
    ``__init__``'s ``object.__setattr__`` per field), else ``cls`` itself, as for any
    class Maker cannot build as ``cls(*values)`` would: no dataclass, fields that are
    not all positional ``__init__`` parameters, or classes Maker refuses (no slots,
    slots other than the fields, a ``__post_init__``, ``__new__`` or C base)."""
    if _align is None or not isinstance(cls, type) or not dataclasses.is_dataclass(cls):
        return cls
    if "__dataclass_fields__" not in vars(cls):
        return cls  # a plain subclass of a dataclass
    fields = dataclasses.fields(cls)
    if not all(f.init and not f.kw_only for f in fields):
        return cls
    try:
        return _align.Maker(cls, tuple(f.name for f in fields))
    except (TypeError, ValueError):
        return cls


_run = fast_maker(Run)
_gap = fast_maker(Gap)


# --------------------------------------------------------------------------- #
# 1. Seeds
# --------------------------------------------------------------------------- #

_P = np.uint64(0x9E3779B97F4A7C15)


def _kgram_hashes(ids: np.ndarray, k: int) -> np.ndarray:
    """One 64-bit hash per run of k token ids (the ids are string hashes already)."""
    n = ids.shape[0] - k + 1
    if n <= 0:
        return np.empty(0, dtype=np.uint64)
    u = ids.view(np.uint64)
    h = u[0:n].copy()
    with np.errstate(over="ignore"):
        for j in range(1, k):
            h *= _P
            h += u[j:j + n]
    return h


def _maximal_matches(x: np.ndarray, y: np.ndarray, k: int) -> list[tuple[int, int, int]]:
    """Maximal exact matches of at least ``k`` tokens as (x0, y0, length)."""
    hx = _kgram_hashes(x, k)
    hy = _kgram_hashes(y, k)
    if hx.size == 0 or hy.size == 0:
        return []
    ox = np.argsort(hx, kind="stable")
    sx = hx[ox]
    lo = np.searchsorted(sx, hy, side="left")
    hi = np.searchsorted(sx, hy, side="right")
    cnt = hi - lo
    # A k-gram repeated too often in x is no seed: this also bounds the number of
    # seed pairs by _MAX_SEED_REPEAT times the length of y.
    if cnt.max(initial=0) > _MAX_SEED_REPEAT:
        cnt = np.where(cnt > _MAX_SEED_REPEAT, 0, cnt)
    total = int(cnt.sum())
    if total == 0:
        return []
    yj = np.repeat(np.arange(hy.size), cnt)
    # Offsets within each [lo, hi) range.
    first = np.repeat(lo, cnt)
    step = np.arange(total) - np.repeat(np.cumsum(cnt) - cnt, cnt)
    xi = ox[first + step]
    d = yj - xi
    order = np.lexsort((xi, d))
    xi = xi[order]
    d = d[order]
    # A new run starts where the diagonal changes or x is not consecutive.
    brk = np.ones(total, dtype=bool)
    brk[1:] = (d[1:] != d[:-1]) | (xi[1:] != xi[:-1] + 1)
    starts = np.flatnonzero(brk)
    ends = np.append(starts[1:], total)  # exclusive, in seed indices
    x0 = xi[starts]
    length = xi[ends - 1] - x0 + k
    y0 = x0 + d[starts]
    return list(zip(x0.tolist(), y0.tolist(), length.tolist()))


# --------------------------------------------------------------------------- #
# 2. Tiling
# --------------------------------------------------------------------------- #


def _tile(
    matches: list[tuple[int, int, int]],
    x: Sequence[Hashable],
    y: Sequence[Hashable],
    min_len: int,
    occ_x: bytearray,
    occ_y: bytearray,
) -> list[tuple[int, int, int]]:
    """Greedy string tiling: longest first, no token used twice on either side."""
    heap = [(-n, x0, y0) for x0, y0, n in matches if n >= min_len]
    free_run = re.compile(b"\\x00{%d,}" % min_len)
    heapq.heapify(heap)
    tiles = []
    while heap:
        negn, x0, y0 = heapq.heappop(heap)
        n = -negn
        if occ_x.find(1, x0, x0 + n) == -1 and occ_y.find(1, y0, y0 + n) == -1:
            if x[x0:x0 + n] != y[y0:y0 + n]:
                # Seeds join on hashes, so a hash collision (two different tokens, or
                # k-grams, with the same hash) can pass for a match: requeue the
                # stretches inside whose tokens really are equal.
                _requeue_equal(heap, x, y, x0, y0, n, min_len)
                continue
            occ_x[x0:x0 + n] = b"\x01" * n
            occ_y[y0:y0 + n] = b"\x01" * n
            tiles.append((x0, y0, n))
            continue
        # Partly taken: requeue the free stretches that are still long enough.
        if occ_x.find(0, x0, x0 + n) == -1 or occ_y.find(0, y0, y0 + n) == -1:
            continue
        taken = bytes(map(operator.or_, occ_x[x0:x0 + n], occ_y[y0:y0 + n]))
        for m in free_run.finditer(taken):
            heapq.heappush(heap, (m.start() - m.end(), x0 + m.start(), y0 + m.start()))
    tiles.sort()
    return tiles


def _requeue_equal(heap: list[tuple[int, int, int]], x: Sequence[Hashable],
                   y: Sequence[Hashable], x0: int, y0: int, n: int, min_len: int) -> None:
    """Push the runs of at least ``min_len`` positions i with x[x0 + i] == y[y0 + i]."""
    run = 0
    for i in range(n + 1):
        if i < n and x[x0 + i] == y[y0 + i]:
            run += 1
            continue
        if run >= min_len:
            heapq.heappush(heap, (-run, x0 + i - run, y0 + i - run))
        run = 0


def _seed_tiles(x: Sequence[Hashable], y: Sequence[Hashable], k: int, occ_x: bytearray,
                occ_y: bytearray) -> list[tuple[int, int, int]]:
    """Steps 1 and 2: the tiles of maximal matches of at least ``k`` tokens (in C
    where ``syndetect._align`` was compiled, with the same results)."""
    if _align is not None and type(x) is list and type(y) is list:
        return _align.tile(_align.maximal_matches(x, y, k, _MAX_SEED_REPEAT), x, y, k,
                           occ_x, occ_y)
    return _tile(_maximal_matches(_ids(x), _ids(y), k), x, y, k, occ_x, occ_y)


def _ids(x: Sequence[Hashable]) -> np.ndarray:
    """Tokens as 64-bit ids for the k-gram hashes: ints as they are, others by hash(),
    str with their character width mixed in (see :func:`_str_id`)."""
    return np.fromiter((v if isinstance(v, int) else _str_id(v) if isinstance(v, str)
                        else hash(v) for v in x), dtype=np.int64, count=len(x))


def _str_id(s: str) -> int:
    """hash(s), told apart by the width of its characters: CPython's str hash reads the
    bytes of the code units only, so "in" and U+6E69 (one 2-byte unit holding the same
    bytes) collide, and they would count as one k-gram against ``_MAX_SEED_REPEAT``
    (the tiling splits matches at unequal tokens, but cannot undo that). The C
    seeding's str_hash mixes the width in as well, so both see the same collisions:
    none but the 64-bit accidents."""
    h = hash(s)
    if s.isascii():
        return h
    top = ord(max(s))  # (ASCII and Latin-1 share the 1-byte width, but not a byte)
    return h if top < 0x100 else h ^ (0x1B873593 if top < 0x10000 else 0x2545F491)


# --------------------------------------------------------------------------- #
# 3. Order: heaviest increasing chain
# --------------------------------------------------------------------------- #


def _heaviest_chain(tiles: list[tuple[int, int, int]]) -> list[bool]:
    """Flags for the tiles (sorted by x) on the heaviest chain increasing in y."""
    if _align is not None:
        return _align.heaviest_chain(tiles)
    return _heaviest_chain_py(tiles)


def _heaviest_chain_py(tiles: list[tuple[int, int, int]]) -> list[bool]:
    """:func:`_heaviest_chain` in Python (the reference)."""
    t = len(tiles)
    if t == 0:
        return []
    ranks = {v: i for i, v in enumerate(sorted({y0 for _, y0, _ in tiles}))}
    size = len(ranks)
    tree_w = [0] * (size + 1)
    tree_i = [-1] * (size + 1)
    best = [0] * t
    prev = [-1] * t
    for i, (_, y0, n) in enumerate(tiles):
        r = ranks[y0]  # query prefix [0, r) of ranks: tiles with smaller y
        w, j = 0, -1
        q = r
        while q > 0:
            if tree_w[q] > w:
                w, j = tree_w[q], tree_i[q]
            q -= q & -q
        best[i] = w + n
        prev[i] = j
        q = r + 1
        while q <= size:
            if best[i] > tree_w[q]:
                tree_w[q], tree_i[q] = best[i], i
            q += q & -q
    on = [False] * t
    i = max(range(t), key=best.__getitem__)
    while i >= 0:
        on[i] = True
        i = prev[i]
    return on


# --------------------------------------------------------------------------- #
# 4. Gap filling
# --------------------------------------------------------------------------- #


def _free_positions(occ: bytearray, lo: int, hi: int) -> list[int]:
    if occ.find(1, lo, hi) == -1:
        return list(range(lo, hi))
    return [p for p in range(lo, hi) if not occ[p]]


def _opcodes(a: list[Hashable], b: list[Hashable]) -> list[tuple[str, int, int, int, int]]:
    """rapidfuzz's word-level opcodes as plain tuples (tag, a0, a1, b0, b1)."""
    return cast("list[tuple[str, int, int, int, int]]", Indel.opcodes(a, b).as_list())


def _fill_gap(
    x: Sequence[Hashable],
    y: Sequence[Hashable],
    px: list[int],
    py: list[int],
) -> list[tuple[int, int, int]]:
    """Shared runs inside one small gap, from a word-level LCS of its free tokens."""
    if not px or not py:
        return []
    tiny = len(px) <= _TINY_GAP and len(py) <= _TINY_GAP
    min_len = 1 if tiny else 2
    sx = [x[p] for p in px]
    sy = [y[p] for p in py]
    out = []
    for tag, i, i1, j, _ in _opcodes(sx, sy):
        if tag != "equal":
            continue
        if px[i1 - 1] - px[i] == i1 - 1 - i and py[j + i1 - 1 - i] - py[j] == i1 - 1 - i:
            # Free positions consecutive on both sides: one run.
            if i1 - i >= min_len:
                out.append((px[i], py[j], i1 - i))
            continue
        # Split where free positions jump over a taken (moved) stretch.
        run_i, run_j, n = i, j, 0
        for off in range(i1 - i):
            a, b = i + off, j + off
            if n and (px[a] != px[a - 1] + 1 or py[b] != py[b - 1] + 1):
                if n >= min_len:
                    out.append((px[run_i], py[run_j], n))
                run_i, run_j, n = a, b, 0
            n += 1
        if n >= min_len:
            out.append((px[run_i], py[run_j], n))
    return out


# --------------------------------------------------------------------------- #
# 5. Divergences
# --------------------------------------------------------------------------- #


def _run_ends(positions: Sequence[int]) -> list[int]:
    """The index of the last item of each maximal run of consecutive ints in
    ``positions`` (sorted, distinct), found by bisecting each run."""
    out = []
    i, n = 0, len(positions)
    while i < n:
        p0 = positions[i]
        # positions[j] - j never decreases: the run from i ends at the last j where it
        # still equals p0 - i.
        j = n - 1
        if positions[j] - p0 != j - i:
            lo, hi = i, j
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if positions[mid] - p0 == mid - i:
                    lo = mid
                else:
                    hi = mid
            j = lo
        out.append(j)
        i = j + 1
    return out


def _runs(positions: list[int]) -> list[tuple[int, int]]:
    """Maximal runs of consecutive positions (sorted, distinct) as (first, last + 1)."""
    out = []
    i = 0
    for j in _run_ends(positions):
        out.append((positions[i], positions[j] + 1))
        i = j + 1
    return out


def _segments(positions: list[int], breaks_after: Container[int]) -> list[list[int]]:
    """Split sorted positions into runs of consecutive positions, cut after sentence ends."""
    if type(breaks_after) is frozenset and not breaks_after:
        return [list(range(a, b)) for a, b in _runs(positions)]
    segs = []
    for a, b in _runs(positions):
        for q in [q for q in range(a, b - 1) if q in breaks_after]:
            segs.append(list(range(a, q + 1)))
            a = q + 1
        segs.append(list(range(a, b)))
    return segs


def _similarity(x: Sequence[Hashable], y: Sequence[Hashable], sx: list[int], sy: list[int],
                keys_x: Sequence[str], keys_y: Sequence[str]) -> float:
    """Resemblance of two stretches, 0..1: word overlap in order, the same words in
    another order (a sentence turned around), or characters (respellings)."""
    wx = [x[p] for p in sx]
    wy = [y[p] for p in sy]
    word = Indel.normalized_similarity(wx, wy)
    if word >= 0.5:
        return word
    # The size of the multiset intersection, as sum((Counter(wx) & Counter(wy)).values())
    left = Counter(wx)
    common = 0
    for w in wy:
        if left[w] > 0:
            left[w] -= 1
            common += 1
    bag = 2 * common / (len(wx) + len(wy))
    if bag >= 0.5:
        return bag
    chars = Indel.normalized_similarity(" ".join(keys_x[p] for p in sx),
                                        " ".join(keys_y[p] for p in sy))
    return max(word, chars)


def word_edits(x: Sequence[Hashable], y: Sequence[Hashable], x0: int, x1: int, y0: int, y1: int
               ) -> tuple[tuple[int, int, int, int], ...]:
    """Word-level differences between ``x[x0:x1]`` and ``y[y0:y1]`` as (x0, x1, y0, y1)
    token ranges (replacements merged), for a rewrite's substitutions."""
    sx = x[x0:x1]
    sy = y[y0:y1]
    merged: list[tuple[int, int, int, int]] = []
    for tag, i0, i1, j0, j1 in _opcodes(sx if type(sx) is list else list(sx),
                                        sy if type(sy) is list else list(sy)):
        if tag == "equal":
            continue
        # Merge a deletion directly followed by an insertion into one replacement.
        if merged and merged[-1][1] == x0 + i0 and merged[-1][3] == y0 + j0:
            m = merged[-1]
            merged[-1] = (m[0], x0 + i1, m[2], y0 + j1)
        else:
            merged.append((x0 + i0, x0 + i1, y0 + j0, y0 + j1))
    return tuple(merged)


def _classify_gap(
    x: Sequence[Hashable],
    y: Sequence[Hashable],
    px: list[int],
    py: list[int],
    cursor: tuple[int, int],
    sent_x: Container[int],
    sent_y: Container[int],
    keys_x: Sequence[str],
    keys_y: Sequence[str],
) -> list[Gap]:
    """Turn the unshared tokens of one gap into deleted / inserted / rewritten parts.

    ``cursor`` is where the gap begins on each side; a deletion is anchored at the
    point of the other text where the deleted words would have stood, and so is an
    insertion (empty ranges such as ``y0 == y1``).
    """
    if not px and not py:
        return []
    if (px and py and len(px) <= 12 and len(py) <= 12 and px[-1] - px[0] == len(px) - 1
            and py[-1] - py[0] == len(py) - 1):
        # A short contiguous change on both sides: a rewrite, whatever its words.
        x0, x1, y0, y1 = px[0], px[-1] + 1, py[0], py[-1] + 1
        return [_gap("rewritten", x0, x1, y0, y1, word_edits(x, y, x0, x1, y0, y1))]
    segs_x = _segments(px, sent_x if py else frozenset())
    segs_y = _segments(py, sent_y if px else frozenset())
    nx, ny = len(segs_x), len(segs_y)
    if nx * ny > 400:
        # Too many sentences to pair one by one: what is left on each side is simply
        # gone from a and new in b.
        cx, cy = cursor
        return [_gap("deleted", a, b, cy, cy, ()) for a, b in _runs(px)] + [
            _gap("inserted", cx, cx, a, b, ()) for a, b in _runs(py)]
    short = False
    # Pair sentences monotonically where they resemble each other.
    sim: list[list[float]] | None = None
    if nx and ny and not short and nx * ny <= 400:
        sim = [[_similarity(x, y, a, b, keys_x, keys_y) for b in segs_y] for a in segs_x]
    score = [[0.0] * (ny + 1) for _ in range(nx + 1)]
    move = [[0] * (ny + 1) for _ in range(nx + 1)]
    for i in range(nx - 1, -1, -1):
        for j in range(ny - 1, -1, -1):
            best, how = score[i + 1][j], 1
            if score[i][j + 1] > best:
                best, how = score[i][j + 1], 2
            s = 1.0 if short else (sim[i][j] if sim is not None else 0.0)
            if s >= 0.5 and s + score[i + 1][j + 1] > best:
                best, how = s + score[i + 1][j + 1], 3
            score[i][j] = best
            move[i][j] = how
    out: list[Gap] = []
    i = j = 0
    cx, cy = cursor
    while i < nx or j < ny:
        how = move[i][j] if i < nx and j < ny else (1 if i < nx else 2)
        if how == 3:
            a, b = segs_x[i], segs_y[j]
            out.append(_gap("rewritten", a[0], a[-1] + 1, b[0], b[-1] + 1,
                           word_edits(x, y, a[0], a[-1] + 1, b[0], b[-1] + 1)))
            cx, cy = a[-1] + 1, b[-1] + 1
            i += 1
            j += 1
        elif how == 1:
            a = segs_x[i]
            if out and out[-1].kind == "deleted" and out[-1].x1 == a[0]:
                out[-1] = _gap("deleted", out[-1].x0, a[-1] + 1, cy, cy, ())
            else:
                out.append(_gap("deleted", a[0], a[-1] + 1, cy, cy, ()))
            cx = a[-1] + 1
            i += 1
        else:
            b = segs_y[j]
            if out and out[-1].kind == "inserted" and out[-1].y1 == b[0]:
                out[-1] = _gap("inserted", cx, cx, out[-1].y0, b[-1] + 1, ())
            else:
                out.append(_gap("inserted", cx, cx, b[0], b[-1] + 1, ()))
            cy = b[-1] + 1
            j += 1
    return out


# --------------------------------------------------------------------------- #
# Driver
# --------------------------------------------------------------------------- #


def align_tokens(
    x: Sequence[Hashable],
    y: Sequence[Hashable],
    *,
    keys_x: Sequence[str],
    keys_y: Sequence[str],
    sentence_end_x: Container[int] = frozenset(),
    sentence_end_y: Container[int] = frozenset(),
    min_match: int = 4,
    min_move: int = 8,
) -> Alignment:
    """Align two sequences of token ids. See the module docstring for the method.

    ``sentence_end_*`` hold the positions of tokens that end a sentence or paragraph;
    they guide how rewritten stretches are paired.
    """
    nx, ny = len(x), len(y)
    occ_x = bytearray(nx)
    occ_y = bytearray(ny)
    k = max(1, min(min_match, nx, ny))
    tiles: list[tuple[int, int, int]] = []
    if nx and ny:
        # A common beginning and end are shared whatever they contain (even a refrain
        # too repetitive to seed from), when long enough not to be a coincidence.
        forced = []
        head, tail = _common_ends(x, y)
        if head < min(nx, ny):
            head, tail = _sentence_bound_ends(x, y, head, tail, k, sentence_end_x,
                                              sentence_end_y)
        if head >= k or head == min(nx, ny):
            forced.append((0, 0, head))
        if tail and (tail >= k or tail == min(nx, ny) - head):
            forced.append((nx - tail, ny - tail, tail))
        for x0, y0, n in forced:
            occ_x[x0:x0 + n] = b"\x01" * n
            occ_y[y0:y0 + n] = b"\x01" * n
        if head < min(nx, ny):
            tiles = _seed_tiles(x, y, k, occ_x, occ_y)
        tiles = sorted(tiles + forced)
    chain = _heaviest_chain(tiles)
    backbone = [tile for tile, on in zip(tiles, chain) if on]
    moved = _moved_blocks([tile for tile, on in zip(tiles, chain) if not on], min_move)
    kept = set(moved)
    for tile, on in zip(tiles, chain):
        if not on and tile not in kept:  # an out-of-order coincidence: release it
            x0, y0, n = tile
            occ_x[x0:x0 + n] = bytes(n)
            occ_y[y0:y0 + n] = bytes(n)

    # Gaps between backbone tiles (and before the first, after the last).
    filled: list[tuple[int, int, int]] = []
    gaps: list[Gap] = []
    gx0 = gy0 = 0
    for gx1, gy1, n in backbone + [(nx, ny, 0)]:
        if gx1 > gx0 or gy1 > gy0:
            _one_gap(x, y, occ_x, occ_y, gx0, gx1, gy0, gy1, filled, gaps, k,
                     sentence_end_x, sentence_end_y, keys_x, keys_y)
        gx0, gy0 = gx1 + n, gy1 + n

    runs = [_run(x0, y0, n, False) for x0, y0, n in backbone + filled]
    runs += [_run(x0, y0, n, True) for x0, y0, n in moved]
    runs.sort(key=_RUN_ORDER)
    gaps.sort(key=_GAP_ORDER)
    return Alignment(tuple(_merge_runs(runs)), tuple(gaps))


_RUN_ORDER = operator.attrgetter("x0", "y0")
_GAP_ORDER = operator.attrgetter("x0", "y0", "x1", "y1")


def _one_gap(
    x: Sequence[Hashable],
    y: Sequence[Hashable],
    occ_x: bytearray,
    occ_y: bytearray,
    gx0: int,
    gx1: int,
    gy0: int,
    gy1: int,
    filled: list[tuple[int, int, int]],
    gaps: list[Gap],
    min_match: int,
    sent_x: Container[int],
    sent_y: Container[int],
    keys_x: Sequence[str],
    keys_y: Sequence[str],
) -> None:
    """Align one gap between backbone tiles: short shared runs, then divergences."""
    px = _free_positions(occ_x, gx0, gx1)
    py = _free_positions(occ_y, gy0, gy1)
    if not px or not py:
        if px:
            gaps.extend(_gap("deleted", a, b, gy0, gy0, ()) for a, b in _runs(px))
        elif py:
            gaps.extend(_gap("inserted", gx0, gx0, a, b, ()) for a, b in _runs(py))
        return
    if len(px) == 1 and len(py) == 1:
        # The commonest edit of all: one word for another between shared runs.
        p, q = px[0], py[0]
        if x[p] == y[q]:
            occ_x[p] = occ_y[q] = 1
            filled.append((p, q, 1))
        else:
            gaps.append(_gap("rewritten", p, p + 1, q, q + 1, ((p, p + 1, q, q + 1),)))
        return
    inner: list[tuple[int, int, int]] = []
    if len(px) <= _SMALL_GAP and len(py) <= _SMALL_GAP:
        inner = _fill_gap(x, y, px, py)
        if inner and _one_rewritten_sentence(px, py, inner, min_match, sent_x, sent_y):
            x0, x1, y0, y1 = px[0], px[-1] + 1, py[0], py[-1] + 1
            gaps.append(_gap("rewritten", x0, x1, y0, y1, word_edits(x, y, x0, x1, y0, y1)))
            return
        if inner:
            for x0, y0, n in inner:
                occ_x[x0:x0 + n] = b"\x01" * n
                occ_y[y0:y0 + n] = b"\x01" * n
            filled.extend(inner)
            px = [p for p in px if not occ_x[p]]
            py = [p for p in py if not occ_y[p]]
    if not inner:
        gaps.extend(_classify_gap(x, y, px, py, (gx0, gy0), sent_x, sent_y, keys_x, keys_y))
        return
    # Divergences between consecutive shared runs inside the gap, in order.
    cuts = [(gx0, gy0)] + [(r[0] + r[2], r[1] + r[2]) for r in inner]
    stops = [(r[0], r[1]) for r in inner] + [(gx1, gy1)]
    for (cx0, cy0), (cx1, cy1) in zip(cuts, stops):
        sub_x = px[bisect_left(px, cx0):bisect_left(px, cx1)]
        sub_y = py[bisect_left(py, cy0):bisect_left(py, cy1)]
        if sub_x or sub_y:
            gaps.extend(_classify_gap(x, y, sub_x, sub_y, (cx0, cy0), sent_x, sent_y,
                                      keys_x, keys_y))


# Tiles of one moved block lie at most this many words apart on each side.
_MOVE_GAP = 30


def _moved_blocks(rest: list[tuple[int, int, int]], min_move: int) -> list[tuple[int, int, int]]:
    """Tiles off the backbone that form moved passages.

    A passage moved *and* edited breaks into several short tiles; taken one by one
    they look like coincidences. So chains are drawn among the leftover tiles too,
    heaviest first, and cut where consecutive tiles stand more than ``_MOVE_GAP``
    words apart; a block counts as moved when it has ``min_move`` words in one tile,
    or half again as many over several dense tiles. Short isolated tiles are dropped.
    """
    out: list[tuple[int, int, int]] = []
    for _ in range(64):  # each round takes one chain out of the leftovers
        if not rest:
            break
        on = _heaviest_chain(rest)
        chain = [t for t, f in zip(rest, on) if f]
        rest = [t for t, f in zip(rest, on) if not f]
        blocks = [[chain[0]]]
        for tile in chain[1:]:
            px0, py0, pn = blocks[-1][-1]
            if tile[0] - (px0 + pn) <= _MOVE_GAP and tile[1] - (py0 + pn) <= _MOVE_GAP:
                blocks[-1].append(tile)
            else:
                blocks.append([tile])
        found = False
        for block in blocks:
            words = sum(n for _, _, n in block)
            if (len(block) == 1 and words >= min_move) or (
                    len(block) > 1 and 2 * words >= 3 * min_move):
                out.extend(block)
                found = True
        if not found:
            break  # the heaviest leftover chain held no block: lighter ones will not
    out.sort()
    return out


def _sentence_bound_ends(x: Sequence[Hashable], y: Sequence[Hashable], head: int, tail: int,
                         k: int, sent_x: Container[int], sent_y: Container[int]
                         ) -> tuple[int, int]:
    """The common beginning and end, cut back to a sentence end both texts share when
    they run fewer than ``k`` words past it.

    A common beginning stops at the first word that differs; when the next paragraphs
    of the two texts merely open with the same word ("The mayor ...", "The council
    ..."), forcing that word into the beginning would tear it from its own paragraph
    (a moved one, say): left free, the seeding matches it with the rest of its
    sentence. Words the beginning gives up may belong to the common end instead (a
    sentence inserted before one that opens with the same word): the end is measured
    again from there."""
    nx, ny = len(x), len(y)
    for q in range(head - 2, max(head - 1 - k, -1), -1):
        if q in sent_x and q in sent_y:
            head = q + 1
            tail = _common_tail(x, y, head)
            break
    for i in range(min(tail - 1, k - 1)):
        if nx - tail + i in sent_x and ny - tail + i in sent_y:
            tail -= i + 1
            break
    return head, tail


def _common_ends(x: Sequence[Hashable], y: Sequence[Hashable]) -> tuple[int, int]:
    """The common prefix of x and y, and the common suffix of what follows it."""
    if _align is not None and type(x) is list and type(y) is list:
        return _align.common_ends(x, y)
    head = _common_prefix(x, y)
    return head, _common_tail(x, y, head)


def _common_tail(x: Sequence[Hashable], y: Sequence[Hashable], head: int) -> int:
    """The common suffix of ``x[head:]`` and ``y[head:]``."""
    tail = _common_prefix(x[:head - 1:-1] if head else x[::-1],
                          y[:head - 1:-1] if head else y[::-1])
    return min(tail, len(x) - head, len(y) - head)


def _common_prefix(x: Sequence[Hashable], y: Sequence[Hashable]) -> int:
    n = min(len(x), len(y))
    if x[:n] == y[:n]:
        return n
    lo, hi = 0, n  # x[:lo] == y[:lo], x[:hi] != y[:hi]: bisect with C-level slices
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if x[lo:mid] == y[lo:mid]:
            lo = mid
        else:
            hi = mid
    return lo


def _one_rewritten_sentence(
    px: list[int],
    py: list[int],
    inner: list[tuple[int, int, int]],
    min_match: int,
    sent_x: Container[int],
    sent_y: Container[int],
) -> bool:
    """Whether a gap is one sentence reworded in several places: then it reads better
    as a single rewrite with word-level substitutions than as a string of small
    edits between two- and three-word shared scraps."""
    if px[-1] - px[0] != len(px) - 1 or py[-1] - py[0] != len(py) - 1:
        return False  # a moved passage sits inside
    if len(px) > 60 or len(py) > 60 or any(n >= min_match for _, _, n in inner):
        return False
    if any(map(sent_x.__contains__, px[:-1])) or any(map(sent_y.__contains__, py[:-1])):
        return False  # spans several sentences
    # Count the separate edits the scraps would leave.
    edits = 0
    cx, cy = px[0], py[0]
    for x0, y0, n in sorted(inner):
        edits += x0 > cx or y0 > cy
        cx, cy = x0 + n, y0 + n
    edits += cx <= px[-1] or cy <= py[-1]
    return edits >= 2


def _merge_runs(runs: list[Run]) -> list[Run]:
    out: list[Run] = []
    for r in runs:
        if out:
            m = out[-1]
            if (not m.moved and not r.moved and m.x0 + m.n == r.x0 and m.y0 + m.n == r.y0):
                out[-1] = _run(m.x0, m.y0, m.n + r.n, False)
                continue
        out.append(r)
    return out
