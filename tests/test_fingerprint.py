"""Fingerprints: units, MinHash accuracy, determinism across processes, LSH parameters."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

import numpy as np
import pytest
import xxhash
from conftest import FLOOD, WIRE_AR, join
from hypothesis import given, settings
from hypothesis import strategies as st

from syndetect import InputError
from syndetect.fingerprint import (
    FingerprintConfig,
    _fingerprint_c,
    _minhash,
    _paragraph_cuts,
    _token_hashes,
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
    fp = fingerprint([analyse(t) for t in texts], FingerprintConfig(seed=11))
    mine = hashlib.sha256(fp.signatures.tobytes() + fp.band_keys().tobytes()).hexdigest()
    assert digests == {mine}


# Written for this test. Tokens of 1 to 178 UTF-8 bytes (run-on Arabic, a German
# compound), a short line to merge, paragraphs to split with the second configuration.
PIN_TEXT = (
    "Harbour pilots at Tallinnport reported on Tuesday that the new breakwater had "
    "withstood its first winter storm, with waves of up to four metres recorded overnight "
    "and no damage found during the morning inspection of the outer wall.\n\n"
    "Short line.\n\n"
    "The port authority said the counter-intelligence-style monitoring system, "
    "internationalisation-ready and built by a consortium of three engineering firms, "
    "logged 1,284 readings per hour; a spokeswoman added that "
    "Supercalifragilisticexpialidocious-grade-hyper-extraordinarily-overengineered-"
    "sensor-arrays-with-redundant-fibre-optic-telemetry-and-solar-backup-power-units "
    "would be reviewed next spring by the "
    "Donaudampfschifffahrtselektrizitaetenhauptbetriebswerkbauunterbeamtengesellschaft.\n\n"
    "قال مسؤولون في هيئة الموانئ إن الحاجز الجديد صمد أمام العاصفة الأولى هذا الشتاء، "
    "وإن فرق الصيانة والمتابعةالميدانيةالمستمرة لم تسجل أي أضرار في الجدار الخارجي "
    "وقال خبير إن "
    "الحاجزالبحريالجديدالمقاومللأمواجالعاتيةوالعواصفالشتويةالقويةجداوالمتكررةفيالمنطقةالساحلية"
    " صمد خلال جولة التفتيش الصباحية التي شارك فيها مهندسون من ثلاث شركات.\n\n"
    "x y z\n"
)


@pytest.mark.parametrize("cfg, boilerplate, words, head, key0, digest", [
    (FingerprintConfig(), True, [38, 57, 44],
     [[218711811, 3996479, 501960630, 61426030],
      [33951684, 6147649, 58537445, 310281520],
      [186292221, 96636320, 38942580, 3061342]],
     [7801236739691921823, 17364517296488843360, 3978942209862805560],
     "6ea8c5c9f5f37af32cf414d9f641f0b6c0135d16034d4db20da6a1a36145c896"),
    (FingerprintConfig(shingle=2, seed=7, boilerplate=False, min_words=5, max_words=30,
                       num_perm=64), False, [19, 19, 28, 29, 22, 22],
     [[322540655, 25518802, 43086371, 75938420],
      [17554106, 213054583, 256981598, 328622672],
      [34461850, 42487912, 320690058, 368994793],
      [134237076, 174397879, 96513316, 105564796],
      [45265463, 197033112, 161931249, 270000695],
      [37705039, 62389834, 6406877, 65198756]],
     [7714558383970485940, 4097686687066672340, 6063602141852314682, 9968547033593599366,
      3895030419189228187, 16114119434020171073],
     "1d7c82fb630454de0e224690d886aed41501ec60bd615127a7a98dae61031ba8"),
])
def test_signatures_and_band_keys_are_pinned(cfg, boilerplate, words, head, key0, digest):
    # Saved and Redis indexes depend on these values: they were computed by the
    # fingerprinting code of 2026-11 (before the vectorised token hashing) and must never
    # change for the same configuration.
    x = analyse(PIN_TEXT, boilerplate=boilerplate)
    fp = fingerprint([x, analyse("")], cfg)
    keys = fp.band_keys()
    assert fp.words.tolist() == words and fp.doc.tolist() == [0] * len(words)
    assert fp.signatures[:, :4].tolist() == head
    assert keys[:, 0].tolist() == key0
    assert hashlib.sha256(fp.signatures.tobytes() + keys.tobytes()).hexdigest() == digest
    # A batch large enough for the vectorised token hashing gives the same values.
    many = fingerprint([x] * 12, cfg)
    assert np.array_equal(many.signatures, np.tile(fp.signatures, (12, 1)))
    assert np.array_equal(many.band_keys(), np.tile(keys, (12, 1)))


_KEY_CHARS = st.sampled_from(["a", "Z", "7", "\u00e9", "\u0635", "\u4e2d", "\U0001f600", "\0"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.text(_KEY_CHARS, max_size=70), max_size=30), max_size=6),
       st.sampled_from([0, 1, 11, 2**32 - 1, 2**32, 2**63 + 5, 2**64 - 1]))
def test_token_hashes_are_xxh3_of_each_key(keys, seed):
    expected = [xxhash.xxh3_64_intdigest(k.encode("utf-8"), seed) >> 1 for ks in keys for k in ks]
    # vectorise_from=0: numpy's XXH3 however few the keys (by default few go one by one)
    assert _token_hashes(keys, seed, vectorise_from=0, use_c=False).tolist() == expected
    assert _token_hashes(keys, seed, use_c=False).tolist() == expected
    assert _token_hashes(keys, seed).tolist() == expected  # the C path where compiled
    assert _token_hashes([tuple(k) for k in keys], seed).tolist() == expected


@pytest.mark.parametrize("use_c", [True, False])
def test_token_hashes_cover_every_length_case(use_c):
    # 0-3, 4-8, 9-16, 17-128, 129-240 bytes (each step of 16 or 32 bytes) and longer
    # keys, more keys than one numpy block; two- three- and four-byte characters.
    keys = ["\u0635" * (n // 2) + "a" * (n % 2) for n in range(0, 300)] * 60
    keys += ["\u4e2d" * (n // 3) + "\U0001f600" * (n % 3) for n in range(0, 300)]
    for seed in (0, 1, 2**32 + 7, 2**64 - 1):
        expected = [xxhash.xxh3_64_intdigest(k.encode("utf-8"), seed) >> 1 for k in keys]
        got = _token_hashes([keys[:100], [], keys[100:]], seed, use_c=use_c)
        assert got.tolist() == expected


@pytest.mark.skipif(_fingerprint_c is None, reason="syndetect._fingerprint was not compiled")
def test_c_token_hashes_reject_what_is_not_a_list_of_str():
    out = np.empty(4, dtype=np.uint64)
    with pytest.raises(TypeError):
        _fingerprint_c.hash_keys([["a", 1]], 0, out)
    with pytest.raises(TypeError):
        _fingerprint_c.hash_keys([("a",)], 0, out)
    with pytest.raises(ValueError):
        _fingerprint_c.hash_keys([["a"] * 5], 0, out)
    with pytest.raises(TypeError):
        _fingerprint_c.hash_keys([["a"]], 0, b"read-only buffer")
    # A lone surrogate cannot be UTF-8: left to the caller, like a key over 240 bytes.
    assert _fingerprint_c.hash_keys([["a", "\ud800", "b" * 241, "c" * 240]], 0, out) == [1, 2]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(0, 3), max_size=40), st.data())
def test_paragraph_cuts_by_bisection_match_token_by_token(steps, data):
    paragraph = np.cumsum(steps).tolist()
    content = sorted(data.draw(st.sets(st.integers(0, max(len(paragraph) - 1, 0)),
                                       max_size=len(paragraph)))) if paragraph else []
    for c in (None, content):
        n = len(paragraph) if c is None else len(c)
        if n:
            # A list takes the bisection path; a tuple the general numpy one.
            assert (_paragraph_cuts(paragraph, c, n, len(paragraph))
                    == _paragraph_cuts(tuple(paragraph), c, n, len(paragraph)))


def test_a_unit_shorter_than_the_shingle_is_one_shorter_shingle():
    x = analyse("a b")
    five = fingerprint([x], FingerprintConfig(shingle=5))
    two = fingerprint([x], FingerprintConfig(shingle=2))
    assert np.array_equal(five.signatures, two.signatures) and len(five) == 1


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


@pytest.mark.skipif(_fingerprint_c is None, reason="syndetect._fingerprint was not compiled")
@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 90), min_size=1, max_size=40),
       st.sampled_from([1, 2, 3, 5]), st.sampled_from([1, 16, 128, 200]), st.integers(0, 2**32))
def test_c_minhash_matches_numpy(words, shingle, num_perm, seed):
    rng = np.random.default_rng(seed)
    tokens = rng.integers(0, 2**63, size=sum(words), dtype=np.uint64)
    cfg = FingerprintConfig(num_perm=num_perm, shingle=shingle, seed=seed)
    w = np.asarray(words, dtype=np.int64)
    c = np.empty((len(words), num_perm), dtype=np.uint32)
    ref = np.empty_like(c)
    _minhash(tokens, w, cfg, c, use_c=True)
    _minhash(tokens, w, cfg, ref, use_c=False)
    assert np.array_equal(c, ref)


@pytest.mark.skipif(_fingerprint_c is None, reason="syndetect._fingerprint was not compiled")
def test_c_minhash_checks_its_buffers():
    sh = np.arange(4, dtype=np.uint32)
    a = b = np.ones(2, dtype=np.uint32)
    out = np.empty((2, 2), dtype=np.uint32)
    with pytest.raises(ValueError, match="out of order"):
        _fingerprint_c.minhash(sh, np.array([0, 3, 3], dtype=np.int64), a, b, out)
    with pytest.raises(ValueError, match="out of order"):
        _fingerprint_c.minhash(sh, np.array([0, 3, 5], dtype=np.int64), a, b, out)
    with pytest.raises(ValueError, match="do not agree"):
        _fingerprint_c.minhash(sh, np.array([0, 3, 4], dtype=np.int64), a, b, out[:1])
    _fingerprint_c.minhash(sh, np.array([0, 3, 4], dtype=np.int64), a, b, out)
    assert out.tolist() == [[1, 1], [4, 4]]
