"""Paragraph fingerprints: shingles → seeded xxhash → vectorised MinHash → LSH band keys.

A text is cut into *units*: its paragraphs, with page clutter left out, paragraphs
shorter than ``min_words`` merged into the next one (a one-line paragraph on its own
would match every text that has the same stock line), and paragraphs longer than
``max_words`` split into near-equal pieces (so that a merged or split paragraph still
shares most of its shingles with one unit of the other version).

Each unit becomes a set of word ``shingle``-grams. A token's hash is
``xxh3_64(key, seed)``; a shingle's hash combines its tokens' hashes with a fixed
multiplier and the splitmix64 finaliser. MinHash permutation ``k`` maps a 32-bit
shingle hash ``x`` to ``(a_k * x + b_k) mod 2**32`` with ``a_k`` odd, and the unit's
signature keeps the minimum per permutation. The ``a_k, b_k`` come from xxhash of the
seed, so a signature depends on the configuration and the text only: the same in
every process and on every machine (Python's salted ``hash()`` is never used). The
whole batch is computed at once, block by block (whole units, about 8,000 shingles):
token keys hashed together, shingles in numpy, MinHash minima per unit. The two hot
loops, XXH3 of the token keys and the MinHash minimum, run in the optional C module
``syndetect._fingerprint``; without it, numpy does both (XXH3 written in numpy from
one UTF-8 buffer of the keys, the MinHash matrix in one reused buffer), with
bit-identical results: the tests check both against the xxhash package and each other.

LSH cuts a signature into ``bands`` bands of ``rows`` values; two units collide in a
band when all its rows agree, which happens with probability ``J**rows`` for units
whose shingle sets have Jaccard similarity ``J``. :func:`lsh_params` picks bands and
rows for a Jaccard ``threshold`` the way datasketch does (minimising the weighted
areas of false positives and false negatives), but the default threshold is low
(0.2) because the index looks for paragraph *containment*: a wire paragraph that an
outlet trimmed, extended or merged with another still reaches it. The defaults
(threshold 0.2, units of 20-120 words) were chosen on SaudiNewsNet against
exhaustive comparison (``benchmarks/index_recall.py``): 0.3 missed republications
whose paragraphs were cut differently (one 72-word SPA paragraph against the
outlet's three lines: unit Jaccard ~0.2); 50-word units found a few more partial
matches but made the index 1.6 times larger and its build slower.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from functools import lru_cache
from typing import Any, NamedTuple

import numpy as np
import xxhash

from .errors import ConfigMismatchError, InputError
from .text import AnalysedText

try:
    from . import _fingerprint as _fingerprint_c
except ImportError:  # pragma: no cover - built without a C compiler
    _fingerprint_c = None  # type: ignore[assignment]

__all__ = [
    "FingerprintConfig",
    "Fingerprints",
    "Unit",
    "band_keys",
    "estimate_jaccard",
    "fingerprint",
    "lsh_params",
    "shingle_hashes",
    "units",
]

_U64 = np.uint64
_MASK64 = (1 << 64) - 1
_SHINGLE_MUL = _U64(0x9E3779B97F4A7C15)
_BAND_MUL = _U64(0xC2B2AE3D27D4EB4F)
_CHUNK = 8192  # shingles per MinHash block (numpy runs the broadcast add faster on wide rows)
_KEY_BLOCK = 1024  # units per band-key block


@dataclass(frozen=True)
class FingerprintConfig:
    """How texts are fingerprinted. An index records it and refuses to mix others.

    ``num_perm``: MinHash permutations per unit. ``shingle``: words per shingle.
    ``seed``: seeds token hashing and permutations. ``threshold``: unit Jaccard
    similarity around which LSH turns from missing to finding a pair (used to pick
    ``bands`` and ``rows`` when they are not given). ``min_words`` / ``max_words``:
    paragraphs shorter are merged into the next, longer ones split.
    ``boilerplate``: leave detected page clutter out of the fingerprints.
    """

    num_perm: int = 128
    shingle: int = 3
    seed: int = 1
    threshold: float = 0.2
    bands: int | None = None
    rows: int | None = None
    min_words: int = 20
    max_words: int = 120
    boilerplate: bool = True

    def __post_init__(self) -> None:
        for name in ("num_perm", "shingle", "min_words", "max_words"):
            _positive_int(name, getattr(self, name))
        if not isinstance(self.seed, int) or isinstance(self.seed, bool) or not (
            0 <= self.seed <= _MASK64
        ):
            raise InputError(f"seed must be an integer in 0..2**64-1, got {self.seed!r}")
        if not isinstance(self.threshold, (int, float)) or not 0.0 < self.threshold < 1.0:
            raise InputError(f"threshold must be a number between 0 and 1, got {self.threshold!r}")
        if self.max_words < self.min_words:
            raise InputError(
                f"max_words ({self.max_words}) must be >= min_words ({self.min_words}); "
                "raise max_words or lower min_words"
            )
        if (self.bands is None) != (self.rows is None):
            raise InputError(
                "give both bands and rows, or neither (they are then chosen from threshold)"
            )
        if self.bands is None:
            bands, rows = lsh_params(float(self.threshold), self.num_perm)
            object.__setattr__(self, "bands", bands)
            object.__setattr__(self, "rows", rows)
        else:
            _positive_int("bands", self.bands)
            _positive_int("rows", self.rows)
            assert self.rows is not None
            if self.bands * self.rows > self.num_perm:
                raise InputError(
                    f"bands * rows ({self.bands} * {self.rows} = {self.bands * self.rows}) must "
                    f"be <= num_perm ({self.num_perm}); lower bands or rows, or raise num_perm"
                )
        object.__setattr__(self, "threshold", float(self.threshold))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, as recorded in saved and shared indexes."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> FingerprintConfig:
        """Inverse of :meth:`to_dict`; raises :class:`ConfigMismatchError` on unknown keys."""
        if not isinstance(data, dict):
            raise ConfigMismatchError(
                f"a fingerprint configuration must be an object, got {data!r}"
            )
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ConfigMismatchError(
                f"fingerprint configuration has unknown fields {unknown}: written by a newer "
                "syndetect? Upgrade syndetect to read it"
            )
        try:
            return cls(**data)
        except InputError as exc:
            raise ConfigMismatchError(
                f"recorded fingerprint configuration is invalid: {exc}"
            ) from exc

    def describe_difference(self, other: FingerprintConfig,
                            names: Iterable[str] | None = None) -> str:
        """``"shingle 3 != 4, seed 1 != 2"``: the fields where ``self`` and ``other`` differ
        (among ``names`` only, if given)."""
        among = [f.name for f in fields(self)] if names is None else list(names)
        parts = [
            f"{name} {getattr(self, name)!r} != {getattr(other, name)!r}"
            for name in among
            if getattr(self, name) != getattr(other, name)
        ]
        return ", ".join(parts)

    def adopt(self, given: FingerprintConfig | Mapping[str, Any], where: str,
              fix: str) -> FingerprintConfig:
        """This recorded configuration, once ``given`` agrees with it.

        ``given``: a whole configuration (every field must match), or some fields as
        keyword options (only those are compared; the others are taken from the
        record). A difference is a :class:`ConfigMismatchError` naming the fields:
        ``"{where} was built with other fingerprint options (...); {fix}"``.
        """
        if isinstance(given, FingerprintConfig):
            asked, names = given, None
        else:
            asked = FingerprintConfig(**given)  # validates the given values
            names = [f.name for f in fields(self) if f.name in given]
        diff = self.describe_difference(asked, names)
        if diff:
            raise ConfigMismatchError(
                f"{where} was built with other fingerprint options ({diff}, recorded != "
                f"given); {fix}"
            )
        return self


def _positive_int(name: str, value: Any) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise InputError(f"{name} must be a positive integer, got {value!r}")


# --------------------------------------------------------------------------- #
# LSH parameters
# --------------------------------------------------------------------------- #


def _area(f: Any, lo: float, hi: float) -> float:
    xs = np.linspace(lo, hi, 201)
    ys = f(xs)
    return float(np.sum((ys[1:] + ys[:-1]) * 0.5 * np.diff(xs)))


@lru_cache(maxsize=64)
def lsh_params(
    threshold: float,
    num_perm: int,
    *,
    false_positive_weight: float = 0.5,
    false_negative_weight: float = 0.5,
) -> tuple[int, int]:
    """Bands and rows for LSH around Jaccard ``threshold`` with ``num_perm`` permutations.

    Minimises ``fp_weight * P(collide | J < threshold) + fn_weight * P(miss | J >=
    threshold)``, integrated over J, over every ``bands * rows <= num_perm``. Pure and
    deterministic.
    """
    if not 0.0 < threshold < 1.0:
        raise InputError(f"threshold must be between 0 and 1, got {threshold!r}")
    best: tuple[float, int, int] | None = None
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            fp = _area(lambda s, b=b, r=r: 1.0 - (1.0 - s**r) ** b, 0.0, threshold)
            fn = _area(lambda s, b=b, r=r: (1.0 - s**r) ** b, threshold, 1.0)
            err = false_positive_weight * fp + false_negative_weight * fn
            if best is None or err < best[0] - 1e-12:
                best = (err, b, r)
    assert best is not None
    return best[1], best[2]


# --------------------------------------------------------------------------- #
# Units
# --------------------------------------------------------------------------- #


class Unit(NamedTuple):
    """One fingerprinted stretch of a text: content tokens ``c0 .. c1-1``.

    ``c0``/``c1`` index :attr:`AnalysedText.content`; ``start``/``end`` are the
    character offsets of its first and last word in the original text; ``words`` is
    ``c1 - c0``.
    """

    c0: int
    c1: int
    start: int
    end: int

    @property
    def words(self) -> int:
        return self.c1 - self.c0


def units(x: AnalysedText, config: FingerprintConfig) -> list[Unit]:
    """The units of one analysed text, in reading order (see the module docstring).

    Units partition the text's content tokens: every content token is in exactly one
    unit, in order.
    """
    return list(_units_of(x, _content(x, config), _unit_bounds(x, config)))


def _content(x: AnalysedText, config: FingerprintConfig) -> Sequence[int]:
    """The tokens units are made of: the content, or every token without clutter
    detection."""
    return x.content if config.boilerplate else range(len(x.keys))


def _units_of(x: AnalysedText, content: Sequence[int],
              bounds: list[tuple[int, int]]) -> tuple[Unit, ...]:
    """The :class:`Unit` of each ``(c0, c1)`` of ``bounds``."""
    new = tuple.__new__  # a Unit without the NamedTuple's Python-level __new__
    starts, ends = x.starts, x.ends
    if len(content) == len(x.keys):  # every token is content: content[i] == i
        return tuple([new(Unit, (c0, c1, starts[c0], ends[c1 - 1])) for c0, c1 in bounds])
    return tuple([new(Unit, (c0, c1, starts[content[c0]], ends[content[c1 - 1]]))
                  for c0, c1 in bounds])


def _unit_bounds(x: AnalysedText, config: FingerprintConfig) -> list[tuple[int, int]]:
    """``(c0, c1)`` of each unit of ``x``, in content-token positions."""
    content = x.content if config.boilerplate else None
    n = len(x.keys) if content is None else len(content)
    if n == 0:
        return []
    bounds = [0, *_paragraph_cuts(x.paragraph, content, n, len(x.keys)), n]
    # Merge short runs into the next; a short tail goes into the previous unit.
    merged: list[tuple[int, int]] = []
    pending = -1
    for a, b in zip(bounds, bounds[1:]):
        a0 = a if pending < 0 else pending
        if b - a0 < config.min_words:
            pending = a0
            continue
        merged.append((a0, b))
        pending = -1
    if pending >= 0:
        if merged:
            merged[-1] = (merged[-1][0], n)
        else:
            merged.append((pending, n))
    out: list[tuple[int, int]] = []
    mx = config.max_words
    for a, b in merged:
        pieces = -(-(b - a) // mx)
        if pieces == 1:
            out.append((a, b))
            continue
        out.extend((a + (b - a) * i // pieces, a + (b - a) * (i + 1) // pieces)
                   for i in range(pieces))
    return out


def _paragraph_cuts(paragraph: Sequence[int], content: Sequence[int] | None, n: int,
                    n_tokens: int) -> list[int]:
    """Content positions ``1 .. n-1`` whose paragraph differs from the previous one's.

    ``content`` lists the content tokens (increasing), ``None`` when every token is.
    """
    if (isinstance(paragraph, list) and 0 < len(paragraph) == n_tokens
            and sorted(paragraph) == paragraph):
        # Paragraph numbers never decrease along the text (analyse numbers them in
        # reading order): find where each run ends by bisection, not token by token.
        cuts = []
        pos = 0
        while (pos := bisect_right(paragraph, paragraph[pos], pos)) < n_tokens:
            cuts.append(pos)
        if content is None or n == n_tokens:  # every token is content: same positions
            return cuts
        return sorted({c for c in (bisect_left(content, t) for t in cuts) if 0 < c < n})
    pc = np.asarray(paragraph, dtype=np.int64)
    if content is not None:
        pc = pc[np.asarray(content, dtype=np.int64)]
    cut_array: list[int] = (np.flatnonzero(pc[1:] != pc[:-1]) + 1).tolist()
    return cut_array


# --------------------------------------------------------------------------- #
# Hashing
# --------------------------------------------------------------------------- #


def _mix64(v: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser, elementwise, in place on a uint64 array."""
    v ^= v >> _U64(30)
    v *= _U64(0xBF58476D1CE4E5B9)
    v ^= v >> _U64(27)
    v *= _U64(0x94D049BB133111EB)
    v ^= v >> _U64(31)
    return v


# XXH3 (64-bit, seeded) for many short keys at once, following the published
# specification (github.com/Cyan4973/xxHash, doc/xxhash_spec.md): the default secret,
# and the 0, 1-3, 4-8, 9-16 and 17-128 byte cases. Longer keys go to the xxhash
# package one by one. tests/test_fingerprint.py checks every length against xxhash.
_SECRET = bytes.fromhex(
    "b8fe6c3923a44bbe7c01812cf721ad1cded46de9839097db7240a4a4b7b3671f"
    "cb79e64eccc0e578825ad07dccff7221b8084674f743248ee03590e6813a264c"
    "3c2852bb91c300cb88d0658b1b532ea371644897a20df94e3819ef46a9deacd8"
    "a8fa763fe39c343ff9dcbbc7c70b4f1d8a51e04bcdb45931c89f7ec9d9787364"
)
_P64_1 = 0x9E3779B185EBCA87
_P64_2 = 0xC2B2AE3D27D4EB4F
_P64_3 = 0x165667B19E3779F9
_MX1 = 0x165667919E3779F9
_MX2 = 0x9FB21C651E98DF25
_LOW32 = _U64(0xFFFFFFFF)
_BLOCK = 8192  # keys per hashing block (temporaries of 64 KiB)
_VECTORISE_FROM = 1024  # fewer keys are hashed one by one (numpy's set-up costs more)


def _secret64(offset: int) -> int:
    return int.from_bytes(_SECRET[offset:offset + 8], "little")


def _secret32(offset: int) -> int:
    return int.from_bytes(_SECRET[offset:offset + 4], "little")


class _Xxh3Keys(NamedTuple):
    """The seed-dependent constants of XXH3's short-input cases, as uint64 scalars."""

    empty: np.uint64
    bitflip_1to3: np.uint64
    bitflip_4to8: np.uint64
    bitflip_9to16: tuple[np.uint64, np.uint64]
    mix: tuple[tuple[np.uint64, np.uint64], ...]  # per 16-byte secret block

    @classmethod
    @lru_cache(maxsize=16)
    def of(cls, seed: int) -> _Xxh3Keys:
        swapped = seed ^ (int.from_bytes((seed & 0xFFFFFFFF).to_bytes(4, "little"), "big")
                          << 32)
        return cls(
            empty=_U64(_avalanche64_int(seed ^ _secret64(56) ^ _secret64(64))),
            bitflip_1to3=_U64(((_secret32(0) ^ _secret32(4)) + seed) & _MASK64),
            bitflip_4to8=_U64(((_secret64(8) ^ _secret64(16)) - swapped) & _MASK64),
            bitflip_9to16=(_U64(((_secret64(24) ^ _secret64(32)) + seed) & _MASK64),
                           _U64(((_secret64(40) ^ _secret64(48)) - seed) & _MASK64)),
            mix=tuple((_U64((_secret64(o) + seed) & _MASK64),
                       _U64((_secret64(o + 8) - seed) & _MASK64)) for o in range(0, 128, 16)),
        )


def _avalanche64_int(h: int) -> int:
    h ^= h >> 33
    h = (h * _P64_2) & _MASK64
    h ^= h >> 29
    h = (h * _P64_3) & _MASK64
    return h ^ (h >> 32)


def _mul128_fold64(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Low 64 bits xor high 64 bits of the 128-bit products ``a * b``.

    From 32-bit halves, with as few new arrays as possible (each costs more than the
    arithmetic).
    """
    a_hi = a >> _U64(32)
    b_hi = b >> _U64(32)
    lo_hi = a & _LOW32
    hi_lo = b & _LOW32
    lo_lo = lo_hi * hi_lo  # a_lo * b_lo
    hi_lo *= a_hi  # a_hi * b_lo
    lo_hi *= b_hi  # a_lo * b_hi
    b_hi *= a_hi  # a_hi * b_hi
    cross = lo_lo >> _U64(32)
    cross += lo_hi
    np.bitwise_and(hi_lo, _LOW32, out=lo_hi)
    cross += lo_hi  # (lo_lo >> 32) + a_lo * b_hi + low half of a_hi * b_lo
    hi_lo >>= _U64(32)
    hi_lo += b_hi
    np.right_shift(cross, _U64(32), out=b_hi)
    hi_lo += b_hi  # the high 64 bits
    lo_lo &= _LOW32
    cross <<= _U64(32)
    lo_lo |= cross  # the low 64 bits
    lo_lo ^= hi_lo
    return lo_lo


def _xxh3_avalanche(h: np.ndarray) -> np.ndarray:
    h ^= h >> _U64(37)
    h *= _U64(_MX1)
    h ^= h >> _U64(32)
    return h


def _xxh3_upto3(raw: np.ndarray, s: np.ndarray, n: np.ndarray,
                keys: _Xxh3Keys) -> np.ndarray:
    h = raw[s].astype(np.uint64) << _U64(16)
    h |= raw[s + (n >> 1)].astype(np.uint64) << _U64(24)
    h |= raw[s + n - 1]
    h |= n.astype(np.uint64) << _U64(8)
    h ^= keys.bitflip_1to3
    h ^= h >> _U64(33)
    h *= _U64(_P64_2)
    h ^= h >> _U64(29)
    h *= _U64(_P64_3)
    h ^= h >> _U64(32)
    out: np.ndarray = np.where(n == 0, keys.empty, h)  # the empty key has its own case
    return out


def _xxh3_4to8(w32: np.ndarray, s: np.ndarray, n: np.ndarray, keys: _Xxh3Keys) -> np.ndarray:
    h: np.ndarray = w32[s].astype(np.uint64) << _U64(32)
    h += w32[s + n - 4]
    h ^= keys.bitflip_4to8
    h ^= ((h << _U64(49)) | (h >> _U64(15))) ^ ((h << _U64(24)) | (h >> _U64(40)))
    h *= _U64(_MX2)
    h ^= (h >> _U64(35)) + n.astype(np.uint64)
    h *= _U64(_MX2)
    h ^= h >> _U64(28)
    return h


def _xxh3_9to16(w64: np.ndarray, s: np.ndarray, n: np.ndarray, keys: _Xxh3Keys) -> np.ndarray:
    lo = w64[s] ^ keys.bitflip_9to16[0]
    hi = w64[s + n - 8] ^ keys.bitflip_9to16[1]
    h = _mul128_fold64(lo, hi)
    h += n.astype(np.uint64)
    h += lo.byteswap()
    h += hi
    return _xxh3_avalanche(h)


def _xxh3_17to128(w64: np.ndarray, s: np.ndarray, n: np.ndarray,
                  keys: _Xxh3Keys) -> np.ndarray:
    h = n.astype(np.uint64) * _U64(_P64_1)
    # 16-byte blocks from both ends: 1 to 4 pairs of them depending on the length.
    rows: np.ndarray | None = None  # the keys (rows of h) long enough for this pair
    for pair in range(4):
        if pair:
            keep = np.flatnonzero(n > 32 * pair)
            if not len(keep):
                break
            s, n = s[keep], n[keep]
            rows = keep if rows is None else rows[keep]
        front, back = s + 16 * pair, s + n - 16 * (pair + 1)
        (k0, k1), (k2, k3) = keys.mix[2 * pair], keys.mix[2 * pair + 1]
        part = _mul128_fold64(w64[front] ^ k0, w64[front + 8] ^ k1)
        part += _mul128_fold64(w64[back] ^ k2, w64[back + 8] ^ k3)
        if rows is None:
            h += part
        else:
            h[rows] += part
    return _xxh3_avalanche(h)


# Key lengths (bytes) of XXH3's cases: up to 3, 4-8, 9-16, 17-128, and longer.
_LENGTH_CASE = np.searchsorted(np.array([3, 8, 16, 128]), np.arange(130)).astype(np.uint8)


def _token_hashes(keys: Sequence[Sequence[str]], seed: int, *,
                  vectorise_from: int = _VECTORISE_FROM, use_c: bool = True) -> np.ndarray:
    """``xxh3_64(key, seed) >> 1`` of every token key of every list in ``keys``, in order.

    With the C accelerator (``syndetect._fingerprint``, unless ``use_c=False``) every key up
    to 240 UTF-8 bytes is hashed in C, longer ones by the xxhash package. Without it,
    from ``vectorise_from`` keys on, the keys are joined, NUL-separated, into one UTF-8
    buffer and hashed case by case (keys of similar length together) in numpy blocks;
    fewer keys are hashed one by one. All paths are bit-identical to the xxhash package.
    """
    out = np.empty(sum(map(len, keys)), dtype=np.uint64)
    _xxh3_into(out, keys, seed, vectorise_from, use_c)
    out >>= _U64(1)  # 63 bits, as the signatures have always been computed
    return out


def _xxh3_into(out: np.ndarray, keys: Sequence[Sequence[str]], seed: int,
               vectorise_from: int, use_c: bool) -> None:
    """``out[i] = xxh3_64(key i, seed)``, by the paths :func:`_token_hashes` describes."""
    n = len(out)
    if use_c and _fingerprint_c is not None:
        lists = [k if type(k) is list else list(k) for k in keys]
        long_keys = _fingerprint_c.hash_keys(lists, seed, out)
        if long_keys:
            flat = [k for ks in lists for k in ks]
            h = xxhash.xxh3_64_intdigest
            for j in long_keys:
                out[j] = h(flat[j].encode("utf-8"), seed)
        return
    if n < max(vectorise_from, 1):
        _hash_one_by_one(keys, seed, out)
        return
    # 8 NUL bytes end the buffer: a separator, and padding for 8-byte reads.
    joined = "\0".join(["\0".join(k) for k in keys if k] + ["\0" * 7]).encode("utf-8")
    raw = np.frombuffer(joined, dtype=np.uint8)
    ends = np.flatnonzero(raw == 0)
    if len(ends) != n + 7:  # a key holds a NUL character: no separator to split on
        _hash_one_by_one(keys, seed, out)
        return
    ends = ends[:n]
    starts = np.empty(n, dtype=np.int64)
    starts[0] = 0
    starts[1:] = ends[:-1] + 1
    lens = ends - starts
    w32 = np.ndarray((len(raw) - 3,), dtype="<u4", buffer=raw, strides=(1,))
    w64 = np.ndarray((len(raw) - 7,), dtype="<u8", buffer=raw, strides=(1,))
    xkeys = _Xxh3Keys.of(seed)
    case = _LENGTH_CASE[np.minimum(lens, 129)]
    for c in range(4):
        where = np.flatnonzero(case == c)
        for lo in range(0, len(where), _BLOCK):
            i = where[lo:lo + _BLOCK]
            s, ln = starts[i], lens[i]
            if c == 0:
                out[i] = _xxh3_upto3(raw, s, ln, xkeys)
            elif c == 1:
                out[i] = _xxh3_4to8(w32, s, ln, xkeys)
            elif c == 2:
                out[i] = _xxh3_9to16(w64, s, ln, xkeys)
            else:
                out[i] = _xxh3_17to128(w64, s, ln, xkeys)
    for j in np.flatnonzero(case == 4).tolist():
        a = int(starts[j])
        out[j] = xxhash.xxh3_64_intdigest(joined[a:a + int(lens[j])], seed)


def _hash_one_by_one(keys: Sequence[Sequence[str]], seed: int, out: np.ndarray) -> None:
    h = xxhash.xxh3_64_intdigest
    out[:] = [h(k.encode("utf-8"), seed) for ks in keys for k in ks]


def shingle_hashes(tokens: np.ndarray, remaining: np.ndarray, shingle: int) -> np.ndarray:
    """64-bit hash of the ``shingle``-gram starting at each position.

    ``tokens`` are token hashes; ``remaining[p]`` is how many tokens of the same unit
    start at ``p`` or later, so a shingle never crosses a unit boundary (a unit shorter
    than ``shingle`` hashes all its tokens as one shorter shingle).
    """
    n = len(tokens)
    acc = tokens.copy()
    for j in range(1, shingle):
        m = max(n - j, 0)
        step = acc[:m] * _SHINGLE_MUL
        step += tokens[j:]
        tail = acc[m:] * _SHINGLE_MUL  # no token j places on: as if it hashed to 0
        np.copyto(acc[:m], step, where=remaining[:m] > j)
        np.copyto(acc[m:], tail, where=remaining[m:] > j)
    return _mix64(acc)


@lru_cache(maxsize=16)
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``a_k`` (odd) and ``b_k`` of the MinHash permutations; read-only arrays."""
    a = np.empty(num_perm, dtype=np.uint32)
    b = np.empty(num_perm, dtype=np.uint32)
    for k in range(num_perm):
        v = xxhash.xxh3_64_intdigest(b"perm:%d" % k, seed)
        a[k] = (v & 0xFFFFFFFF) | 1
        b[k] = v >> 32
    a.flags.writeable = False
    b.flags.writeable = False
    return a, b


@dataclass(frozen=True, eq=False)
class Fingerprints:
    """Fingerprints of a batch of texts.

    Unit ``u`` belongs to text ``doc[u]`` (its position in the batch), has ``words[u]``
    words and MinHash ``signatures[u]`` (uint32, ``num_perm`` values). ``units[i]``
    lists text ``i``'s :class:`Unit` objects.
    """

    config: FingerprintConfig
    doc: np.ndarray
    words: np.ndarray
    signatures: np.ndarray
    units: tuple[tuple[Unit, ...], ...]

    def __len__(self) -> int:
        return int(self.doc.shape[0])

    def band_keys(self) -> np.ndarray:
        """LSH band keys of every unit: ``(units, bands)`` uint64, see :func:`band_keys`."""
        return band_keys(self.signatures, self.config)


def fingerprint(texts: Sequence[AnalysedText], config: FingerprintConfig) -> Fingerprints:
    """Fingerprint a batch of analysed texts in one vectorised pass."""
    all_units: list[tuple[Unit, ...]] = []
    keys: list[Sequence[str]] = []  # token keys of the texts that have units
    clutter: list[tuple[int, int, Sequence[int]]] = []  # (first token, tokens, content)
    per_text: list[int] = []
    unit_words: list[int] = []
    n_tokens = 0
    for x in texts:
        content = _content(x, config)
        bounds = _unit_bounds(x, config)
        per_text.append(len(bounds))
        all_units.append(_units_of(x, content, bounds))
        if not bounds:
            continue
        if len(content) != len(x.keys):
            clutter.append((n_tokens, len(x.keys), content))
        unit_words.extend([c1 - c0 for c0, c1 in bounds])
        keys.append(x.keys)
        n_tokens += len(x.keys)
    sigs = np.empty((len(unit_words), config.num_perm), dtype=np.uint32)
    if unit_words:
        tokens = _token_hashes(keys, config.seed)
        if clutter:
            # Units partition the content tokens, so the content tokens in text order
            # are the units' tokens in unit order.
            keep = np.ones(n_tokens, dtype=bool)
            for first, n, picked in clutter:
                keep[first:first + n] = False
                keep[np.asarray(picked, dtype=np.int64) + first] = True
            tokens = tokens[keep]
        _minhash(tokens, np.asarray(unit_words, dtype=np.int64), config, sigs)
    return Fingerprints(
        config=config,
        doc=np.repeat(np.arange(len(per_text), dtype=np.int32), per_text),
        words=np.asarray(unit_words, dtype=np.int32),
        signatures=sigs,
        units=tuple(all_units),
    )


def _minhash(tokens: np.ndarray, words: np.ndarray, config: FingerprintConfig,
             out: np.ndarray, *, use_c: bool = True) -> None:
    """MinHash signatures of consecutive units of ``words`` tokens each, into ``out``.

    Works through blocks of whole units of about ``_CHUNK`` shingles. The minimum
    over each unit's shingles is taken in C (``syndetect._fingerprint``) where it is
    compiled and ``use_c``, else in numpy through a ``num_perm x shingles`` matrix of
    a few megabytes, allocated once and reused.
    """
    a, b = _permutations(config.num_perm, config.seed)
    kernel = _fingerprint_c.minhash if use_c and _fingerprint_c is not None else None
    a_col, b_col = a[:, None], b[:, None]
    n = config.shingle
    per_unit = np.maximum(words - n + 1, 1)
    sh_bounds = np.concatenate(([0], np.cumsum(per_unit)))
    tok_bounds = np.concatenate(([0], np.cumsum(words)))
    starts = sh_bounds.tolist()
    buf = np.empty((config.num_perm, 0 if kernel else min(_CHUNK, starts[-1])), dtype=np.uint32)
    nu = len(words)
    u = 0
    while u < nu:
        # Take whole units up to about _CHUNK shingles.
        v = max(bisect_right(starts, starts[u] + _CHUNK) - 1, u + 1)
        t0 = int(tok_bounds[u])
        w = words[u:v]
        ends = tok_bounds[u + 1:v + 1] - t0
        # remaining[p]: tokens of p's unit from p on (a shingle never crosses units)
        rem = np.repeat(ends, w) - np.arange(int(ends[-1]), dtype=np.int64)
        block = tokens[t0:t0 + int(ends[-1])]
        if int(w.min()) >= n:
            # Every unit has full windows only: hash them directly, and mix only the
            # ones kept (the same values shingle_hashes gives at those positions).
            full = len(block) - n + 1
            acc = block[:full].copy()
            for j in range(1, n):
                acc *= _SHINGLE_MUL
                acc += block[j:j + full]
            sh = _mix64(acc[rem[:full] >= n])
        else:
            # Keep shingles that start a full window, or the first of a short unit.
            keep = rem >= n
            keep[ends - w] = True
            sh = shingle_hashes(block, rem, n)[keep]
        sh32 = (sh >> _U64(32)).astype(np.uint32)
        if kernel is not None:
            kernel(sh32, sh_bounds[u:v + 1] - sh_bounds[u], a, b, out[u:v])
            u = v
            continue
        m = buf[:, : len(sh32)] if len(sh32) <= buf.shape[1] else np.empty(
            (config.num_perm, len(sh32)), dtype=np.uint32)
        np.multiply(a_col, sh32[None, :], out=m)
        m += b_col
        np.minimum.reduceat(m, sh_bounds[u:v] - sh_bounds[u], axis=1, out=out[u:v].T)
        u = v


def band_keys(signatures: np.ndarray, config: FingerprintConfig) -> np.ndarray:
    """Band keys ``(units, bands)`` uint64: band ``j``'s rows hashed with ``j`` and the seed.

    Keys of different bands never meet by construction (the band number is hashed
    in), so all keys of an index can live in one table.
    """
    bands, rows = config.bands, config.rows
    assert bands is not None and rows is not None
    n = signatures.shape[0]
    seed = xxhash.xxh3_64_intdigest(b"bands", config.seed)
    out = np.empty((n, bands), dtype=np.uint64)
    start = (np.arange(bands, dtype=np.uint64) + _U64(1)) * _U64(seed | 1)
    if signatures.dtype.kind != "u":
        signatures = signatures.astype(np.uint64)
    for lo in range(0, n, _KEY_BLOCK):
        acc = out[lo:lo + _KEY_BLOCK]
        acc[:] = start
        sig = signatures[lo:lo + _KEY_BLOCK]
        for r in range(rows):
            acc ^= sig[:, r:bands * rows:rows]  # row r of every band
            acc *= _BAND_MUL
            acc ^= acc >> _U64(29)
        _mix64(acc)
    return out


def estimate_jaccard(s1: np.ndarray, s2: np.ndarray) -> float:
    """Share of equal MinHash values: an estimate of the shingle sets' Jaccard similarity."""
    if s1.shape != s2.shape:
        raise ConfigMismatchError(
            f"signatures of different lengths ({s1.shape} and {s2.shape}): built with "
            "different num_perm"
        )
    return float(np.count_nonzero(s1 == s2)) / float(s1.shape[-1])
