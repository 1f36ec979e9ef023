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
whole batch is one numpy computation, in chunks of a few thousand shingles to stay in
cache.

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

from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from functools import lru_cache
from itertools import count
from typing import Any, NamedTuple

import numpy as np
import xxhash

from .errors import ConfigMismatchError, InputError
from .text import AnalysedText

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
_CHUNK = 4096  # shingles per MinHash block


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

    def describe_difference(self, other: FingerprintConfig) -> str:
        """``"shingle 3 != 4, seed 1 != 2"``: the fields where ``self`` and ``other`` differ."""
        parts = [
            f"{f.name} {getattr(self, f.name)!r} != {getattr(other, f.name)!r}"
            for f in fields(self)
            if getattr(self, f.name) != getattr(other, f.name)
        ]
        return ", ".join(parts)


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
    content = x.content if config.boilerplate else range(len(x.keys))
    n = len(content)
    if n == 0:
        return []
    pc = np.asarray(x.paragraph, dtype=np.int64)
    if config.boilerplate:
        pc = pc[np.asarray(content, dtype=np.int64)]
    cuts = (np.flatnonzero(pc[1:] != pc[:-1]) + 1).tolist()
    bounds = [0, *cuts, n]
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
    out: list[Unit] = []
    starts, ends = x.starts, x.ends
    mx = config.max_words
    for a, b in merged:
        pieces = -(-(b - a) // mx)
        for i in range(pieces):
            c0 = a + (b - a) * i // pieces
            c1 = a + (b - a) * (i + 1) // pieces
            out.append(Unit(c0, c1, starts[content[c0]], ends[content[c1 - 1]]))
    return out


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


def _token_hashes(keys: list[str], seed: int) -> np.ndarray:
    """xxh3 hash (seeded) of each token key, each distinct key hashed once."""
    # vocab maps each key to the position of its first occurrence; map() over a
    # bound C method keeps the per-token work out of the interpreter loop.
    vocab: dict[str, int] = {}
    first = np.fromiter(map(vocab.setdefault, keys, count()), dtype=np.int64,
                        count=len(keys))
    h = xxhash.xxh3_64_intdigest
    table = np.zeros(len(keys), dtype=np.int64)
    # Hash values are kept to 63 bits so numpy converts them on its fast path.
    table[np.fromiter(vocab.values(), dtype=np.int64, count=len(vocab))] = np.fromiter(
        (h(k.encode("utf-8"), seed) >> 1 for k in vocab), dtype=np.int64, count=len(vocab))
    return table.view(np.uint64)[first]


def shingle_hashes(tokens: np.ndarray, remaining: np.ndarray, shingle: int) -> np.ndarray:
    """64-bit hash of the ``shingle``-gram starting at each position.

    ``tokens`` are token hashes; ``remaining[p]`` is how many tokens of the same unit
    start at ``p`` or later, so a shingle never crosses a unit boundary (a unit shorter
    than ``shingle`` hashes all its tokens as one shorter shingle).
    """
    n = len(tokens)
    acc = tokens.copy()
    for j in range(1, shingle):
        nxt = np.zeros(n, dtype=np.uint64)
        nxt[: n - j] = tokens[j:]
        step = acc * _SHINGLE_MUL
        step += nxt
        acc = np.where(remaining > j, step, acc)
    return _mix64(acc)


def _permutations(config: FingerprintConfig) -> tuple[np.ndarray, np.ndarray]:
    a = np.empty(config.num_perm, dtype=np.uint32)
    b = np.empty(config.num_perm, dtype=np.uint32)
    for k in range(config.num_perm):
        v = xxhash.xxh3_64_intdigest(b"perm:%d" % k, config.seed)
        a[k] = (v & 0xFFFFFFFF) | 1
        b[k] = v >> 32
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
    keys: list[str] = []
    pick: list[np.ndarray] = []
    unit_doc: list[int] = []
    unit_words: list[int] = []
    for i, x in enumerate(texts):
        us = tuple(units(x, config))
        all_units.append(us)
        if not us:
            continue
        # Units partition the content tokens, so the text's tokens in unit order are
        # its content tokens.
        if config.boilerplate:
            pick.append(np.asarray(x.content, dtype=np.int64) + len(keys))
        else:
            pick.append(np.arange(len(keys), len(keys) + len(x.keys), dtype=np.int64))
        keys.extend(x.keys)
        unit_doc.extend([i] * len(us))
        unit_words.extend([u.c1 - u.c0 for u in us])
    nu = len(unit_doc)
    k = config.num_perm
    sigs = np.empty((nu, k), dtype=np.uint32)
    if nu:
        words = np.asarray(unit_words, dtype=np.int64)
        ends = np.cumsum(words)
        ustart = ends - words
        # remaining[p]: tokens of p's unit from p on (a shingle never crosses units)
        rem = np.repeat(ends, words) - np.arange(int(ends[-1]), dtype=np.int64)
        tokens = _token_hashes(keys, config.seed)[np.concatenate(pick)]
        sh = shingle_hashes(tokens, rem, config.shingle)
        # Keep shingles that start a full window, or the first of a short unit.
        first = np.zeros(len(rem), dtype=bool)
        first[ustart] = True
        keep = (rem >= config.shingle) | first
        sh32 = (sh[keep] >> _U64(32)).astype(np.uint32)
        per_unit = np.maximum(words - config.shingle + 1, 1)
        _minhash(sh32, per_unit, config, sigs)
    return Fingerprints(
        config=config,
        doc=np.asarray(unit_doc, dtype=np.int32),
        words=np.asarray(unit_words, dtype=np.int32),
        signatures=sigs,
        units=tuple(all_units),
    )


def _minhash(sh32: np.ndarray, per_unit: np.ndarray, config: FingerprintConfig,
             out: np.ndarray) -> None:
    a, b = _permutations(config)
    a = a[:, None]
    b = b[:, None]
    bounds = np.concatenate(([0], np.cumsum(per_unit)))
    nu = len(per_unit)
    u = 0
    while u < nu:
        # Take whole units up to about _CHUNK shingles.
        v = int(np.searchsorted(bounds, bounds[u] + _CHUNK, side="right")) - 1
        v = max(v, u + 1)
        lo, hi = int(bounds[u]), int(bounds[v])
        m = a * sh32[lo:hi][None, :]
        m += b
        out[u:v] = np.minimum.reduceat(m, bounds[u:v] - lo, axis=1).T
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
    acc = np.empty((n, bands), dtype=np.uint64)
    acc[:] = (np.arange(bands, dtype=np.uint64) + _U64(1)) * _U64(seed | 1)
    block = signatures[:, : bands * rows].reshape(n, bands, rows).astype(np.uint64)
    for r in range(rows):
        acc ^= block[:, :, r]
        acc *= _BAND_MUL
        acc ^= acc >> _U64(29)
    return _mix64(acc)


def estimate_jaccard(s1: np.ndarray, s2: np.ndarray) -> float:
    """Share of equal MinHash values: an estimate of the shingle sets' Jaccard similarity."""
    if s1.shape != s2.shape:
        raise ConfigMismatchError(
            f"signatures of different lengths ({s1.shape} and {s2.shape}): built with "
            "different num_perm"
        )
    return float(np.count_nonzero(s1 == s2)) / float(s1.shape[-1])
