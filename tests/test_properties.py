"""Invariants of compare, checked by hypothesis on generated multi-script texts."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from syndetect import Comparison, compare
from syndetect.text import analyse, tokenize

WORDS = [
    "the",
    "river",
    "rose",
    "after",
    "three",
    "days",
    "of",
    "rain",
    "and",
    "thousands",
    "were",
    "evacuated",
    "from",
    "towns",
    "officials",
    "said",
    "on",
    "tuesday",
    "the",
    "chancellor",
    "promised",
    "an",
    "emergency",
    "fund",
    "of",
    "200",
    "million",
    "euros",
    "Kiev",
    "Kyiv",
    "Lukashenko",
    "Loukachenko",
    "4,300",
    "1.5",
    "أعلنت",
    "وزارة",
    "البيئة",
    "اليوم",
    "عن",
    "إطلاق",
    "مبادرة",
    "وطنيـة",
    "لزراعة",
    "٣٥٠",
    "مليون",
    "شجرة",
    "Центральный",
    "банк",
    "сохранил",
    "ключевую",
    "ставку",
    "на",
    "уровне",
    "процентов",
    "国家统计局今天发布数据",
    "工业增加值同比增长",
    "eﬃcient",
    "o\u200bfficials",
    "café",
    "naïve",
    "😀",
]
PUNCT = [
    " ",
    " ",
    " ",
    ", ",
    ". ",
    "\n",
    "\n\n",
    " - ",
    ' "',
    '" ',
    " \u00ab",
    "\u00bb ",
    "  ",
    "\t",
]

sentences = st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(" ".join)


@st.composite
def articles(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(sentences, st.sampled_from(PUNCT)), min_size=0, max_size=12))
    return "".join(s + p for s, p in parts)


@st.composite
def edited(draw: st.DrawFn) -> tuple[str, str]:
    """A text and a copy of it with random paragraph-level and word-level edits."""
    paras = draw(st.lists(sentences, min_size=1, max_size=8))
    copy = list(paras)
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(["drop", "insert", "swap", "word", "move"]))
        if op == "drop" and len(copy) > 1:
            copy.pop(draw(st.integers(0, len(copy) - 1)))
        elif op == "insert":
            copy.insert(draw(st.integers(0, len(copy))), draw(sentences))
        elif op == "swap" and len(copy) > 1:
            i = draw(st.integers(0, len(copy) - 2))
            copy[i], copy[i + 1] = copy[i + 1], copy[i]
        elif op == "word" and copy:
            i = draw(st.integers(0, len(copy) - 1))
            words = copy[i].split()
            j = draw(st.integers(0, len(words) - 1))
            words[j] = draw(st.sampled_from(WORDS))
            copy[i] = " ".join(words)
        elif op == "move" and len(copy) > 2:
            p = copy.pop(0)
            copy.append(p)
    sep_a = draw(st.sampled_from(["\n\n", "\n", ". "]))
    sep_b = draw(st.sampled_from(["\n\n", "\n", ". ", "\n\n\n"]))
    return sep_a.join(paras), sep_b.join(copy)


pairs = st.one_of(
    edited(),
    st.tuples(articles(), articles()),
    st.tuples(st.text(max_size=200), st.text(max_size=200)),
)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def keys(text: str) -> list[str]:
    return tokenize(text)[2]


def assert_spans_valid(a: str, b: str, c: Comparison) -> None:
    """Offsets in bounds, each divergence kind with the sides it must have, shared
    spans sorted by their place in a and disjoint on each side, coverage in [0, 1]."""
    for s in c.shared:
        assert 0 <= s.a_start < s.a_end <= len(a)
        assert 0 <= s.b_start < s.b_end <= len(b)
    for d in c.divergences:
        assert 0 <= d.a_start <= d.a_end <= len(a)
        assert 0 <= d.b_start <= d.b_end <= len(b)
        assert d.kind in ("deleted", "inserted", "rewritten", "moved")
        if d.kind == "deleted":
            assert d.b_start == d.b_end and d.a_start < d.a_end
        elif d.kind == "inserted":
            assert d.a_start == d.a_end and d.b_start < d.b_end
        else:
            assert d.a_start < d.a_end and d.b_start < d.b_end
    starts = [s.a_start for s in c.shared]
    assert starts == sorted(starts)
    for side in ("a", "b"):
        spans = sorted((getattr(s, f"{side}_start"), getattr(s, f"{side}_end")) for s in c.shared)
        for (_, e0), (s1, _) in zip(spans, spans[1:]):
            assert e0 <= s1
    assert 0.0 <= c.coverage_a <= 1.0 and 0.0 <= c.coverage_b <= 1.0


@SETTINGS
@given(pairs)
def test_offsets_in_bounds_sorted_and_disjoint(pair: tuple[str, str]) -> None:
    a, b = pair
    assert_spans_valid(a, b, compare(a, b))


@SETTINGS
@given(pairs)
def test_both_sides_of_a_shared_span_match_after_normalisation(pair: tuple[str, str]) -> None:
    a, b = pair
    c = compare(a, b)
    for s in c.shared:
        ka, kb = keys(a[s.a_start : s.a_end]), keys(b[s.b_start : s.b_end])
        assert ka == kb
        assert len(ka) == s.words


@SETTINGS
@given(pairs)
def test_shared_and_divergences_account_for_every_content_word(pair: tuple[str, str]) -> None:
    a, b = pair
    c = compare(a, b)
    for side, text in (("a", a), ("b", b)):
        t = analyse(text)
        covered = [0] * len(t.keys)
        ranges = [(getattr(s, f"{side}_start"), getattr(s, f"{side}_end")) for s in c.shared]
        ranges += [
            (getattr(d, f"{side}_start"), getattr(d, f"{side}_end"))
            for d in c.divergences
            if d.kind != "moved"
        ]
        for lo, hi in ranges:
            for i in t.content:
                if lo <= t.starts[i] and t.ends[i] <= hi:
                    covered[i] += 1
        assert all(covered[i] == 1 for i in t.content), side
        assert c.words_a == len(analyse(a).content)


@SETTINGS
@given(st.one_of(articles(), st.text(max_size=300)))
def test_a_text_compared_with_itself_is_verbatim(a: str) -> None:
    c = compare(a, a)
    assume(c.words_a > 0)
    assert c.verdict == "verbatim"
    assert c.coverage_a == 1.0 and c.coverage_b == 1.0
    assert c.divergences == ()


@SETTINGS
@given(pairs)
def test_coverage_is_symmetric(pair: tuple[str, str]) -> None:
    a, b = pair
    ab, ba = compare(a, b), compare(b, a)
    assert ab.coverage_a == ba.coverage_b
    assert ab.coverage_b == ba.coverage_a
    assert len(ab.shared) == len(ba.shared)
    flip = {"deleted": "inserted", "inserted": "deleted"}
    assert sorted(flip.get(d.kind, d.kind) for d in ab.divergences) == sorted(
        d.kind for d in ba.divergences
    )


@SETTINGS
@given(st.text(max_size=400))
def test_tokens_index_the_original_text(text: str) -> None:
    starts, ends, ks = tokenize(text)
    assert len(starts) == len(ends) == len(ks)
    prev = 0
    for s, e, k in zip(starts, ends, ks):
        assert prev <= s < e <= len(text)
        assert k  # no empty keys
        assert not text[s:e].isspace()
        prev = e
