"""Fingerprints: units, MinHash accuracy, determinism across processes, LSH parameters."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest
from conftest import FLOOD, WIRE_AR, join
from hypothesis import given, settings
from hypothesis import strategies as st

from syndetect import InputError
from syndetect.fingerprint import (
    FingerprintConfig,
    band_keys,
    estimate_jaccard,
    fingerprint,
    lsh_params,
    units,
)
from syndetect.text import analyse

CFG = FingerprintConfig()
WORDS = [f"w{i}" for i in range(400)]


def _shingles(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + n]) for i in range(max(len(words) - n + 1, 1))}


@settings(max_examples=60, deadline=None)
@given(
    base=st.lists(st.sampled_from(WORDS), min_size=30, max_size=120),
    cut=st.integers(0, 100),
    extra=st.lists(st.sampled_from(WORDS), max_size=60),
)
def test_estimated_jaccard_is_close_to_exact(base, cut, extra):
    other = base[: max(cut, 3)] + extra
    cfg = FingerprintConfig(min_words=1, max_words=10_000)
    fp = fingerprint([analyse(" ".join(base)), analyse(" ".join(other))], cfg)
    a, b = _shingles(base, cfg.shingle), _shingles(other, cfg.shingle)
    exact = len(a & b) / len(a | b)
    est = estimate_jaccard(fp.signatures[0], fp.signatures[1])
    # 128 permutations: the standard error is at most 0.044; allow 4.5 of them.
    assert abs(est - exact) <= 0.2


def test_jaccard_error_matches_minhash_theory_on_average():
    rng = np.random.default_rng(7)
    cfg = FingerprintConfig(min_words=1, max_words=10_000)
    z = []
    for _ in range(150):
        base = list(rng.choice(WORDS, 100))
        tail = list(rng.choice(WORDS, int(rng.integers(0, 50))))
        other = base[: int(rng.integers(10, 100))] + tail
        fp = fingerprint([analyse(" ".join(base)), analyse(" ".join(other))], cfg)
        a, b = _shingles(base, 3), _shingles(other, 3)
        j = len(a & b) / len(a | b)
        if 0 < j < 1:
            z.append((estimate_jaccard(fp.signatures[0], fp.signatures[1]) - j)
                     / np.sqrt(j * (1 - j) / cfg.num_perm))
    assert abs(np.mean(z)) < 0.3  # unbiased
    assert 0.6 < np.std(z) < 1.4  # as precise as independent permutations


_CHILD = """
import hashlib, json, sys
from syndetect.fingerprint import FingerprintConfig, fingerprint
from syndetect.text import analyse
texts = json.loads(sys.stdin.read())
fp = fingerprint([analyse(t) for t in texts], FingerprintConfig(seed=11))
print(hashlib.sha256(fp.signatures.tobytes() + fp.band_keys().tobytes()).hexdigest())
"""


@settings(max_examples=3, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=300), min_size=1, max_size=4))
def test_signatures_are_identical_across_processes(texts):
    texts = texts + [join(FLOOD), join(WIRE_AR)]
    digests = set()
    for hashseed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hashseed}
        out = subprocess.run([sys.executable, "-c", _CHILD], input=json.dumps(texts),
                             capture_output=True, text=True, env=env, check=True)
        digests.add(out.stdout.strip())
    assert len(digests) == 1
    import hashlib

    fp = fingerprint([analyse(t) for t in texts], FingerprintConfig(seed=11))
    mine = hashlib.sha256(fp.signatures.tobytes() + fp.band_keys().tobytes()).hexdigest()
    assert digests == {mine}


def test_seed_changes_signatures():
    x = analyse(join(FLOOD))
    a = fingerprint([x], FingerprintConfig(seed=1)).signatures
    b = fingerprint([x], FingerprintConfig(seed=2)).signatures
    assert a.shape == b.shape and not np.array_equal(a, b)


def test_batch_signatures_equal_one_by_one():
    texts = [analyse(join(FLOOD)), analyse(""), analyse(join(WIRE_AR)), analyse("a b")]
    batch = fingerprint(texts, CFG)
    for i, x in enumerate(texts):
        alone = fingerprint([x], CFG)
        assert np.array_equal(batch.signatures[batch.doc == i], alone.signatures)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(0, 70), min_size=0, max_size=12),
       st.integers(1, 30), st.integers(30, 100))
def test_units_partition_the_content_in_order(par_lengths, min_words, max_words):
    text = "\n\n".join(" ".join(f"w{i}x{j}" for j in range(n)) for i, n in enumerate(par_lengths))
    x = analyse(text, boilerplate=False)
    cfg = FingerprintConfig(min_words=min_words, max_words=max_words)
    us = units(x, cfg)
    covered = [c for u in us for c in range(u.c0, u.c1)]
    assert covered == list(range(len(x.content)))
    for u in us:
        assert u.words <= max_words
        assert x.text[u.start:u.end].split()[0] == x.keys[x.content[u.c0]]
    if len(us) > 1:
        assert all(u.words >= min(min_words, max_words // 2) for u in us)


def test_short_lines_are_merged_and_clutter_left_out():
    text = "Logo\n\nShare\n\nBREAKING\n\n" + join(["A short line of six words."] + FLOOD[:2])
    x = analyse(text)
    us = units(x, CFG)
    assert len(us) == 2
    first = x.text[us[0].start:us[0].end]
    assert first.startswith("A short line") and "Logo" not in first and "Share" not in first


def test_band_keys_differ_between_bands_even_for_equal_rows():
    cfg = FingerprintConfig(bands=4, rows=2, num_perm=8)
    sig = np.zeros((1, 8), dtype=np.uint32)
    keys = band_keys(sig, cfg)
    assert keys.shape == (1, 4) and len(set(keys[0].tolist())) == 4


def test_lsh_params_find_pairs_around_the_threshold():
    for threshold in (0.2, 0.3, 0.5, 0.7):
        b, r = lsh_params(threshold, 128)
        assert b * r <= 128

        def p(s: float, b: int = b, r: int = r) -> float:
            return float(1 - (1 - s**r) ** b)

        assert p(threshold + 0.2) > 0.9
        assert p(max(threshold - 0.2, 0.02)) < 0.5
    default = FingerprintConfig()
    assert (default.bands, default.rows) == lsh_params(default.threshold, default.num_perm)


@pytest.mark.parametrize("options, message", [
    ({"bands": 40, "rows": 4}, "bands \\* rows"),
    ({"bands": 10}, "both bands and rows"),
    ({"num_perm": 0}, "num_perm must be a positive integer"),
    ({"threshold": 1.5}, "threshold"),
    ({"min_words": 50, "max_words": 10}, "max_words"),
    ({"seed": -1}, "seed"),
])
def test_config_errors_name_the_fix(options, message):
    with pytest.raises(InputError, match=message):
        FingerprintConfig(**options)


def test_config_round_trips_through_json():
    cfg = FingerprintConfig(shingle=4, threshold=0.4)
    assert FingerprintConfig.from_dict(json.loads(json.dumps(cfg.to_dict()))) == cfg
    assert hash(cfg) == hash(FingerprintConfig(shingle=4, threshold=0.4))
