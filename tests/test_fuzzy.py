"""The opt-in fuzzy pass of compare (``fuzzy=True``) and :mod:`syndetect.fuzzy`."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_properties import articles, assert_spans_valid, edited, keys

from syndetect import compare
from syndetect import fuzzy as fuzzy_module
from syndetect.align import Alignment, Gap, Run
from syndetect.errors import InputError
from syndetect.fuzzy import (
    combine,
    find_passages,
    fuzzy_passages,
    rewrite_within,
    runs_inside,
)
from syndetect.text import analyse

# --------------------------------------------------------------------------- #
# Texts
# --------------------------------------------------------------------------- #

_SYLLABLES = ["ka", "ro", "mi", "tu", "sen", "dal", "vor", "pi", "lek", "nas", "hu", "bre",
              "tol", "gan", "fi", "mor", "del", "kus"]
# Pseudo-words, drawn with Zipf-like frequencies, as in real text.
VOCAB = sorted({a + b + c for a in _SYLLABLES for b in _SYLLABLES for c in ("", "n", "ta")})
random.Random(0).shuffle(VOCAB)
WEIGHTS = [1 / (rank + 1) for rank in range(len(VOCAB))]
FILLER = ["the", "a", "of", "and", "to", "in", "on", "for", "with", "by", "at", "from"]


def _sentence(rng: random.Random, n: int) -> list[str]:
    words = rng.choices(VOCAB, weights=WEIGHTS, k=n)
    return [w if rng.random() < 0.6 else rng.choice(FILLER) for w in words]


def _document(rng: random.Random, sentences: int) -> list[list[str]]:
    return [_sentence(rng, rng.randint(12, 22)) for _ in range(sentences)]


def _text(sents: list[list[str]]) -> str:
    return " ".join(" ".join(s).capitalize() + "." for s in sents)


def _obfuscate(rng: random.Random, sent: list[str]) -> list[str]:
    """Shuffle words a little and replace a few: few exact runs of 3+ words remain."""
    words = list(sent)
    for _ in range(len(words) // 2):
        i, j = rng.randrange(len(words)), rng.randrange(len(words))
        words[i], words[j] = words[j], words[i]
    for _ in range(len(words) // 6):
        words[rng.randrange(len(words))] = rng.choice(FILLER)
    return words


def _reuse_case(seed: int) -> tuple[str, str, tuple[int, int], tuple[int, int]]:
    """A source of 30 sentences and a suspicious text of 30 other sentences with
    sentences 10-17 of the source, obfuscated, in the middle; and where the reused
    sentences stand in each."""
    rng = random.Random(seed)
    src = _document(rng, 30)
    other = _document(rng, 30)
    reused = [_obfuscate(rng, s) for s in src[10:18]]
    a, b = _text(src), _text(other[:15]) + " " + _text(reused) + " " + _text(other[15:])
    a0 = len(_text(src[:10])) + 1
    b0 = len(_text(other[:15])) + 1
    return a, b, (a0, a0 + len(_text(src[10:18]))), (b0, b0 + len(_text(reused)))


# --------------------------------------------------------------------------- #
# compare(..., fuzzy=True)
# --------------------------------------------------------------------------- #


def test_fuzzy_finds_an_obfuscated_passage_that_exact_alignment_misses() -> None:
    a, b, (a0, a1), (b0, b1) = _reuse_case(1)
    exact = compare(a, b)
    fuzzy = compare(a, b, fuzzy=True)
    big = [p for p in exact.passages if p.shared_words >= 16]
    assert not any(p.b_start < b1 and b0 < p.b_end for p in big)
    assert len(fuzzy.passages) == 1
    p = fuzzy.passages[0]
    # It covers most of the reused stretch on both sides, and little else.
    for lo, hi, d0, d1 in ((p.a_start, p.a_end, a0, a1), (p.b_start, p.b_end, b0, b1)):
        assert min(hi, d1) - max(lo, d0) >= 0.8 * (d1 - d0)
        assert hi - lo <= 1.25 * (d1 - d0)
    assert any(d.kind == "rewritten" and p.b_start <= d.b_start < p.b_end
               for d in fuzzy.divergences)
    assert fuzzy.shared == exact.shared


def test_fuzzy_keeps_verbatim_passages_exact() -> None:
    rng = random.Random(5)
    src, other = _document(rng, 20), _document(rng, 20)
    a = _text(src)
    copied = _text(src[5:10])
    b = _text(other[:10]) + " " + copied + " " + _text(other[10:])
    c = compare(a, b, fuzzy=True)
    assert len(c.passages) == 1
    p = c.passages[0]
    assert a[p.a_start:p.a_end].strip(" .") == copied.strip(" .")
    assert b[p.b_start:p.b_end].strip(" .") == copied.strip(" .")


def test_fuzzy_finds_nothing_between_unrelated_texts() -> None:
    for seed in range(5):
        rng = random.Random(100 + seed)
        a, b = _text(_document(rng, 25)), _text(_document(rng, 25))
        c = compare(a, b, fuzzy=True)
        assert c.passages == ()
        assert c.verdict == "unrelated"


def test_fuzzy_is_keyword_only_and_checked() -> None:
    with pytest.raises(InputError, match="fuzzy"):
        compare("a b c", "a b c", fuzzy="yes")
    assert compare("a b c", "a b c", fuzzy=True).options["fuzzy"] is True
    assert compare("a b c", "a b c").options["fuzzy"] is False


def test_a_summary_is_paired_with_the_whole_text_it_summarises() -> None:
    rng = random.Random(9)
    src = _document(rng, 40)
    # One sentence taken nearly whole from every fifth sentence of the source.
    summary = [s[: len(s) * 2 // 3] for s in src[::5]]
    other = _document(rng, 20)
    a, b = _text(src), _text(other[:10]) + " " + _text(summary) + " " + _text(other[10:])
    c = compare(a, b, fuzzy=True, min_match=3, passage_gap=150)
    assert len(c.passages) == 1
    p = c.passages[0]
    assert p.a_end - p.a_start >= 0.8 * len(a)
    b0 = len(_text(other[:10])) + 1
    assert p.b_start <= b0 + 5 and p.b_end >= b0 + len(_text(summary)) - 5
    # It may take in a neighbouring sentence or two of the other text, not more.
    assert p.b_end - p.b_start <= 1.5 * len(_text(summary))


# --------------------------------------------------------------------------- #
# Invariants (hypothesis)
# --------------------------------------------------------------------------- #


@st.composite
def reworded(draw: st.DrawFn) -> tuple[str, str]:
    """Texts built from shared sentences, some shuffled and some replaced, inside other
    text: what the fuzzy pass is for."""
    seed = draw(st.integers(0, 10_000))
    rng = random.Random(seed)
    src = _document(rng, draw(st.integers(1, 12)))
    out = []
    for s in src:
        how = draw(st.sampled_from(["keep", "shuffle", "drop", "other"]))
        if how == "keep":
            out.append(s)
        elif how == "shuffle":
            out.append(_obfuscate(rng, s))
        elif how == "other":
            out.append(_sentence(rng, len(s)))
    sep = draw(st.sampled_from([" ", "\n", "\n\n"]))
    return (sep.join(" ".join(s) + "." for s in src),
            _text(_document(rng, draw(st.integers(0, 4)))) + sep
            + sep.join(" ".join(s) + "." for s in out))


pairs = st.one_of(
    reworded(),
    edited(),
    st.tuples(articles(), articles()),
    st.tuples(st.text(max_size=200), st.text(max_size=200)),
)
SETTINGS = settings(max_examples=120, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(pairs)
def test_fuzzy_spans_are_in_bounds_sorted_and_disjoint(pair: tuple[str, str]) -> None:
    a, b = pair
    c = compare(a, b, fuzzy=True)
    assert_spans_valid(a, b, c)
    for s in c.shared:
        assert keys(a[s.a_start:s.a_end]) == keys(b[s.b_start:s.b_end])
    for side in ("a", "b"):  # fuzzy passages, too, are disjoint on each side
        spans = sorted((getattr(p, f"{side}_start"), getattr(p, f"{side}_end"))
                       for p in c.passages)
        for (_, e0), (s1, _) in zip(spans, spans[1:]):
            assert e0 <= s1
    for p in c.passages:
        assert 0 <= p.a_start < p.a_end <= len(a)
        assert 0 <= p.b_start < p.b_end <= len(b)
        assert 0 <= p.shared_words <= min(p.words_a, p.words_b)


@SETTINGS
@given(pairs)
def test_fuzzy_shared_and_divergences_account_for_every_content_word(
        pair: tuple[str, str]) -> None:
    a, b = pair
    c = compare(a, b, fuzzy=True)
    for side, text in (("a", a), ("b", b)):
        t = analyse(text)
        covered = [0] * len(t.keys)
        ranges = [(getattr(s, f"{side}_start"), getattr(s, f"{side}_end")) for s in c.shared]
        ranges += [(getattr(d, f"{side}_start"), getattr(d, f"{side}_end"))
                   for d in c.divergences if d.kind != "moved"]
        for lo, hi in ranges:
            for i in t.content:
                if lo <= t.starts[i] and t.ends[i] <= hi:
                    covered[i] += 1
        assert all(covered[i] == 1 for i in t.content), side


@SETTINGS
@given(pairs)
def test_fuzzy_changes_no_shared_span_and_is_symmetric(pair: tuple[str, str]) -> None:
    a, b = pair
    plain, ab, ba = compare(a, b), compare(a, b, fuzzy=True), compare(b, a, fuzzy=True)
    assert ab.shared == plain.shared
    assert ab.coverage_a == plain.coverage_a and ab.coverage_b == plain.coverage_b
    assert ab.coverage_a == ba.coverage_b
    assert sorted((p.a_start, p.a_end, p.b_start, p.b_end) for p in ab.passages) == sorted(
        (p.b_start, p.b_end, p.a_start, p.a_end) for p in ba.passages)
    flip = {"deleted": "inserted", "inserted": "deleted"}
    assert sorted(flip.get(d.kind, d.kind) for d in ab.divergences) == sorted(
        d.kind for d in ba.divergences)


@SETTINGS
@given(st.one_of(articles(), st.text(max_size=300)))
def test_a_text_compared_with_itself_is_verbatim_with_fuzzy(a: str) -> None:
    c = compare(a, a, fuzzy=True)
    assume(c.words_a > 0)
    assert c.verdict == "verbatim"
    assert c.divergences == ()


# --------------------------------------------------------------------------- #
# The module's pieces
# --------------------------------------------------------------------------- #


def test_fuzzy_passages_of_empty_texts() -> None:
    assert fuzzy_passages([], ["a"], sentence_end_x=set(), sentence_end_y=set()) == []
    assert find_passages([], [], sentence_end_x=set(), sentence_end_y=set(), runs=[],
                         exact=[]) == []


def test_the_seed_search_gives_the_same_passages_block_by_block(
        monkeypatch: pytest.MonkeyPatch) -> None:
    a, b, _, _ = _reuse_case(3)
    whole = compare(a, b, fuzzy=True)
    monkeypatch.setattr(fuzzy_module, "_BLOCK", 50)  # a few sentence pairs at a time
    assert compare(a, b, fuzzy=True).passages == whole.passages
    assert whole.passages


def test_runs_inside_clips_to_both_sides() -> None:
    assert runs_inside([(0, 10, 20)], (5, 50, 0, 18)) == [(5, 15, 3)]
    assert runs_inside([(0, 10, 5)], (6, 9, 0, 100)) == []


def test_combine_merges_an_exact_passage_into_the_fuzzy_one_it_overlaps() -> None:
    # Exact runs cover a third of the pair: it stays a fuzzy pair, widened.
    runs = [(30, 120, 10), (45, 135, 10)]
    out = combine([(10, 40, 100, 130)], [(30, 60, 120, 150, 30), (200, 230, 0, 30, 30)],
                  runs, 300, 300)
    assert out == [(10, 60, 100, 150), (200, 230, 0, 30)]
    # A short exact passage adds nothing.
    assert combine([], [(0, 5, 0, 5, 5)], [(0, 0, 5)], 10, 10) == []


def test_combine_cuts_a_copied_passage_down_to_its_exact_runs() -> None:
    # Sentences on the same topic widened the fuzzy pair beyond the copy in x.
    out = combine([(0, 100, 200, 255)], [(40, 90, 205, 255, 50)], [(40, 205, 50)], 300, 300)
    assert out == [(40, 90, 205, 255)]
    # Runs covering a third of the pair's shorter side: not a copy, left whole.
    runs = [(40, 205, 10), (60, 225, 10)]
    out = combine([(0, 100, 200, 260)], [], runs, 300, 300)
    assert out == [(0, 100, 200, 260)]


def test_combine_merges_pieces_of_a_summary_into_one_pair() -> None:
    # Three short passages in a row in y, from all over x: a summary of x.
    pieces = [(0, 20, 500, 520), (150, 170, 525, 545), (280, 300, 550, 570)]
    assert combine(pieces, [], [], 300, 1000) == [(0, 300, 500, 570)]
    # Spread over less than a tenth of x, they are merged over their own stretch only.
    assert combine(pieces, [], [], 4000, 1000) == [(0, 300, 500, 570)]
    far = [(0, 20, 100, 120), (150, 170, 525, 545)]
    assert combine(far, [], [], 300, 1000) == far


def test_combine_takes_no_run_of_separate_reused_passages_for_a_summary() -> None:
    # Close together in x but out of order in y: separate passages, not a summary.
    pieces = [(0, 20, 700, 720), (25, 45, 100, 120), (50, 70, 400, 420)]
    assert combine(pieces, [], [], 300, 1000) == pieces
    # In order, but far longer than a summary on the short side.
    long_pieces = [(0, 100, 500, 600), (400, 500, 600, 700), (900, 1000, 700, 800)]
    assert combine(long_pieces, [], [], 1000, 1000) == long_pieces


@SETTINGS
@given(st.lists(st.integers(0, 3), min_size=1, max_size=60),
       st.lists(st.integers(0, 3), min_size=1, max_size=60), st.data())
def test_rewrite_within_keeps_every_word_in_one_place(
        x: list[int], y: list[int], data: st.DataObject) -> None:
    # The unaligned words of x are deleted, of y inserted; a pair over parts of both.
    al = Alignment((), (Gap("deleted", 0, len(x), 0, 0), Gap("inserted", 0, 0, 0, len(y))))
    x0 = data.draw(st.integers(0, len(x) - 1))
    x1 = data.draw(st.integers(x0 + 1, len(x)))
    y0 = data.draw(st.integers(0, len(y) - 1))
    y1 = data.draw(st.integers(y0 + 1, len(y)))
    out = rewrite_within(al, [(x0, x1, y0, y1)], x, y)
    assert out.runs == ()
    seen_x = sorted(p for g in out.gaps for p in range(g.x0, g.x1) if g.kind != "inserted")
    seen_y = sorted(p for g in out.gaps for p in range(g.y0, g.y1) if g.kind != "deleted")
    assert seen_x == list(range(len(x)))
    assert seen_y == list(range(len(y)))
    assert [g.kind for g in out.gaps].count("rewritten") == 1
    rewritten = next(g for g in out.gaps if g.kind == "rewritten")
    assert (rewritten.x0, rewritten.x1, rewritten.y0, rewritten.y1) == (x0, x1, y0, y1)


def test_rewrite_within_leaves_runs_and_outside_gaps_alone() -> None:
    al = Alignment((Run(0, 0, 3),), (Gap("deleted", 3, 8, 3, 3),))
    assert rewrite_within(al, [(3, 8, 20, 30)], list(range(8)), list(range(40))) == Alignment(
        (Run(0, 0, 3),), (Gap("deleted", 3, 8, 3, 3),))
    assert rewrite_within(al, [], [], []) is al
