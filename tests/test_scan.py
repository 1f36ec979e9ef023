"""The C tokenizer (syndetect._scan) against the numpy reference in syndetect.text.

``_scan.scan`` gives a text's token table as bytes (see ``text.TokenTable``); the numpy
reference ``text._token_table_numpy`` must give the very same bytes.
"""

from __future__ import annotations

import unicodedata

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from syndetect import text as T

needs_c = pytest.mark.skipif(
    T._scan is None, reason="syndetect._scan was not compiled (no C compiler at install)")

def _c_parts(text: str) -> tuple[bytes, ...]:
    parts: tuple[bytes, ...] = T._scan.scan(text, T._class_table(), T._key_table(), T.fold,
                                            T._astral_class, T._key_of)
    return parts


def _same(text: str) -> None:
    c, ref = _c_parts(text), T._token_table_numpy(text)
    names = list(T.TokenTable.__dataclass_fields__)[1:]
    for name, x, y in zip(names, c, ref):
        assert x == y, name
    assert len(c) == len(ref) == len(names)


# Characters that exercise every rule: Latin with combining marks, Arabic letters,
# harakat, tatweel and digits, number separators, quotation marks, CJK/kana/Thai
# (one token per character), Hangul syllables and conjoining jamo, Greek sigma and
# ypogegrammeni, expansions (ß, ﬁ, lam-alef ligatures), zero-width and bidi
# controls, emoji and other astral characters, lone surrogates, odd whitespace.
ALPHABET = (
    "aZé ,.4-'’\u0301\u0308\u064b\u0651\u0627\u0623\u0625\u0640\u0629\u0661\u066b\u066c"
    "\u06f3\u00a0\u202f\n\r\t\u2028\"«»“”„「」ß\u200b\u200d\u200f\ufeff\u4e00\u3042"
    "\u30a2\u0e01\u0e31\uac00\u1100\u1161\u11a8\u3131\u314fΣσςᾳ\u0345İ\ufb01\ufefb"
    "\ufdf2Жё\u0419\u2460\u00b2\u00bd\u0966\uff11\uff21\U0001f600\U00020000"
    "\U0001d400\ud800"
    # NFKC turns these into a number with a stop or comma, or a space and a mark.
    "\u2488\u249b\U0001f101\u037a\ufe70\ufe72\ufc5e"
)


@needs_c
@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_c_tokenizer_matches_numpy(text: str) -> None:
    _same(text)


@needs_c
@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_c_tokenizer_matches_numpy_on_any_text(text: str) -> None:
    _same(text)


@needs_c
@pytest.mark.parametrize("text", [
    "",
    " \n\t ",
    "The toll rose to 4,300 on Monday, officials said.",
    "1.5% not 15%; 1,5 = 1.5; 43,00 != 4,300; 1,00,000 = 100,000; 15.03.2023; ٣12٫5 ⒈4",
    "قال المتحدث إن «الحصيلة ارتفعت إلى ٤٬٣٠٠ قتيل» يوم الاثنين.",
    "Президент Лукашенко заявил: «Мы готовы».",
    "習近平は東京で「協力」を約束した。2023年",
    "한국어 문장과 \u1100\u1161\u11a8 자모",
    "ß1\u00a0000 أß١\u00a04",
    "\u0301leading mark, e\u0301te\u0301",
    "emoji 😀 between words, 𠀀 astral",
])
def test_c_tokenizer_matches_numpy_on_examples(text: str) -> None:
    _same(text)


def _word_characters() -> list[str]:
    """Every BMP character the tokenizer counts as a word character, and those of
    the first astral plane (enclosed and mathematical alphanumerics, emoji...)."""
    table = T._class_table()
    out = [chr(cp) for cp in range(0x10000) if table[cp] & T._WORD and cp != 0x20]
    out += [chr(cp) for cp in range(0x10000, 0x20000) if T._astral_class(cp) & T._WORD]
    return out


@needs_c
@pytest.mark.parametrize("context", ["{}", "a{}1", "1{}2", "{}\u0301x", "x{} \u4e00"])
def test_c_tokenizer_matches_numpy_for_every_word_character(context: str) -> None:
    """Each word character on its own, inside a word, inside a number, before a
    combining mark, and in a text with CJK (one token per character): one text per
    context, C against numpy token by token."""
    text = " ".join(context.format(ch) for ch in _word_characters())
    c = T._table_of(text, _c_parts(text))
    ref = T._table_of(text, T._token_table_numpy(text))
    ck, rk = c.keys(), ref.keys()
    assert len(ck) == len(rk)
    bad = [(text[s:e], kc, kr) for s, e, kc, kr in zip(c.starts, c.ends, ck, rk) if kc != kr]
    assert not bad, bad[:10]
    _same(text)
    assert all(not any(map(str.isspace, k)) for k in ck)


@needs_c
def test_c_tokenizer_rejects_wrong_tables() -> None:
    args = (T.fold, T._astral_class, T._key_of)
    with pytest.raises(ValueError, match="65536"):
        T._scan.scan("text", b"\x00" * 10, T._key_table(), *args)
    with pytest.raises(BufferError):  # the key table is filled in as characters come
        T._scan.scan("text", T._class_table(), T._key_table().tobytes(), *args)
    with pytest.raises(TypeError, match="callable"):
        T._scan.scan("text", T._class_table(), T._key_table(), None, T._astral_class,
                      T._key_of)


@needs_c
def test_c_tokenizer_fills_the_key_table_as_characters_come() -> None:
    table = np.full(0x10000, T._KEY_UNKNOWN, dtype=np.uint32)
    asked: list[int] = []

    def key_of(cp: int) -> int:
        asked.append(cp)
        return T._key_of(cp)

    text = "Ab ab ß"
    out = T._scan.scan(text, T._class_table(), table, T.fold, T._astral_class, key_of)
    assert T._table_of(text, out).keys() == ["ab", "ab", "ss"]
    assert asked == [ord(c) for c in "Abaß"]  # each character asked for once
    assert table[ord("A")] == ord("a") and table[ord("ß")] == T._KEY_FULL
    with pytest.raises(ValueError, match="invalid entry"):
        T._scan.scan("é", T._class_table(), table, T.fold, T._astral_class,
                     lambda cp: T._KEY_UNKNOWN)


def test_key_table_agrees_with_fold() -> None:
    """Every character the table folds on its own folds the same way through ``fold``."""
    one = T.fold.__wrapped__
    for cp in range(0x10000):
        value = T._key_of(cp)
        assert value != T._KEY_UNKNOWN
        if value == T._KEY_FULL:
            continue
        assert one(chr(cp)) == (chr(value) if value else ""), hex(cp)


def test_composed_pairs_fold_like_their_halves() -> None:
    """Where both halves of a canonical composition fold on their own, the composed
    sequence folds to the two keys joined (what lets C fold character by character)."""
    for cp in range(0x10000):
        dec = unicodedata.decomposition(chr(cp))
        if not dec or dec.startswith("<"):
            continue
        parts = [int(x, 16) for x in dec.split()]
        values = [T._key_of(p) for p in parts]
        if len(parts) != 2 or T._KEY_FULL in values:
            continue
        joined = "".join(chr(v) for v in values if v)
        assert T.fold.__wrapped__(chr(parts[0]) + chr(parts[1])) == joined, hex(cp)


def test_number_keys_drop_group_separators_and_keep_decimal_marks() -> None:
    text = ("4,300 4.300 4\u00a0300 \u0664\u066c\u0663\u0660\u0660 1.5 1,5 "
            "\u0661\u066b\u0665 15 43,00 1,00,000")
    want = ["4300"] * 4 + ["1.5"] * 3 + ["15", "43.00", "100000"]
    assert T.tokenize(text)[2] == want
    assert T._scan_text_numpy(text)[2] == want
    assert [T.fold(w) for w in text.split(" ")] == want


NUMBER_ALPHABET = ("0123456789,.,.,. \u066b\u066c\u00a0\u202f\u0661\u0665\u06f3\u0967"
                   "\u0301\u200b\u0640\u00b2\u2488\U0001d7cf\uff11a\u0e51\u0e55\u0f21\u1041")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=NUMBER_ALPHABET, max_size=24))
def test_number_keys_are_the_fold_of_the_token_on_every_path(text: str) -> None:
    """Digits of several scripts, every separator, marks and zero-width characters
    inside numbers, characters that fold to a digit and a stop: the C tokenizer, the
    numpy one and fold() of each token's text give the same key."""
    starts, ends, keys = T._scan_text_numpy(text)[:3]
    assert keys == [T.fold(text[s:e]) for s, e in zip(starts, ends)]
    if T._scan is not None:
        _same(text)


def test_separators_inside_numbers_leave_no_space_in_keys() -> None:
    """A no-break space inside a number is dropped, even in a token that needs the
    full fold (NFKC would otherwise turn it into a space inside the key)."""
    for text in ("ß1\u00a0000", "أß١\u00a04 一"):
        keys = T._scan_text_numpy(text)[2]
        assert all(" " not in k for k in keys), keys
    assert T.tokenize("ß1\u00a0000")[2] == ["ss1000"]


LAYOUT_ALPHABET = "ab é\n\r\t\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\u00a0\u200b\u3000\u2003.,«»"


@needs_c
@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=LAYOUT_ALPHABET, max_size=60))
def test_c_layout_matches_python(text: str) -> None:
    _same(text)


@needs_c
def test_c_layout_of_a_wrapped_article() -> None:
    text = ("HEADLINE\r\n\r\nFirst line of a paragraph\nwrapped here.\n \u00a0\n"
            "Second paragraph\u2028same paragraph.\n\n\nThird.")
    _same(text)
    t = T.token_table(text)
    lines = t.lines.tolist()
    assert [text[s:e] for s, e in zip(lines[::2], lines[1::2])][:3] == [
        "HEADLINE", "First line of a paragraph", "wrapped here."]
    assert t.par_of_line.tolist() == [0, 1, 1, 2, 2, 3]
    assert text[t.pars[-2]:t.pars[-1]] == "Third."
    assert t.line_tok.tolist()[:2] == [0, 1]


def test_the_c_accelerators_are_built_where_they_can_be():
    # The extensions are optional, so a compile error would pass unnoticed: the
    # install still succeeds and every C test is skipped. Where a C compiler and the
    # Python headers are present (as in CI), they must have been built.
    import shutil
    import sysconfig
    from pathlib import Path

    from syndetect import align, fingerprint

    headers = Path(sysconfig.get_paths()["include"]) / "Python.h"
    if not (shutil.which("cc") or shutil.which("gcc")) or not headers.is_file():
        pytest.skip("no C compiler or no Python headers here")
    for module, names in ((T._scan, ("scan", "keys", "int_list", "clutter_lines", "joint_ids",
                                      "sentence_ends", "credit_lines")),
                          (fingerprint._fingerprint_c, ("hash_keys", "minhash")),
                          (align._align, ("maximal_matches", "tile"))):
        assert module is not None, "a C extension failed to compile: see the pip log"
        for name in names:  # an old build left in place lacks the newer functions
            assert hasattr(module, name), f"{module.__name__} is an old build: reinstall"


@needs_c
def test_token_lists_are_left_out_of_the_cyclic_collector():
    # They hold only ints, strs and tuples of ints: no cycle can run through them, and
    # a batch of kept texts would otherwise make every collection walk them again.
    import gc

    x = T.analyse("PARIS (AFP) - Talks resumed.\n\nThey said «yes».\n")
    for name in ("starts", "ends", "keys", "show_starts", "show_ends", "paragraph", "content"):
        assert not gc.is_tracked(getattr(x, name)), name
    assert x.keys == ["paris", "afp", "talks", "resumed", "they", "said", "yes"]
    x.keys.append("more")  # still an ordinary list
    assert x.keys[-1] == "more"


# The token-table helpers compare and analyse use, C against their Python reference.

def _without_c(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    from syndetect import compare as _  # noqa: F401 - (the module, below)

    monkeypatch.setattr(T, "_scan", None)
    monkeypatch.setattr(importlib.import_module("syndetect.compare"), "_scan", None)


def _analysis(text: str) -> tuple[object, ...]:
    x = T.analyse(text)
    return (x.starts, x.ends, x.keys, x.paragraph, bytes(x.quoted), x.content,
            x.paragraphs, x.boilerplate, x.show_starts, x.show_ends)


_CLUTTER_LINES = [
    "Logo", "Tags", "Tags: Austria, Floods", "Share your opinion", "Read also: more floods",
    "Wed 15 Oct 2025 8:17 pm", "12 March 2024", "Updated 14:05 GMT", "© AFP 2024",
    "Photo: Getty Images", "PHOTO: AFP PHOTO / Jane Doe", "Home | World | Sport",
    "WORLD NEWS", "By Jane Doe, Reuters", "PARIS (AFP) -", "— Agencies", "(Reuters)",
    "Copyright 2024 Reuters. All rights reserved.", "Topics on the agenda include rent, "
    "wages and the cost of heating in the coming winter months.", "3.95", "1,200",
    "الرياض 12 ربيع الأول 1447 هـ واس", "شارك", "اقرأ أيضا", "Читайте также",
    "İMAGE credit", "KELVIN \u212a photo", "The council met on Tuesday to weigh the plan.",
    "Officials said the river rose 40 cm overnight, flooding 1,200 homes in the valley.",
]


@st.composite
def _pages(draw: st.DrawFn) -> str:
    lines = draw(st.lists(st.sampled_from(_CLUTTER_LINES) | st.text(ALPHABET, max_size=30),
                          max_size=14))
    seps = draw(st.lists(st.sampled_from(["\n", "\n\n", "\n \n", "\r\n"]),
                         min_size=len(lines), max_size=len(lines)))
    return "".join(line + sep for line, sep in zip(lines, seps))


@needs_c
@settings(max_examples=300, deadline=None)
@given(_pages())
def test_analyse_with_c_filters_matches_python(page: str) -> None:
    """The C line filter (clutter_lines) passes over no line the Python loop would call
    clutter, and decides repeats exactly: analyse() is the same with and without C."""
    want = _analysis(page)
    with pytest.MonkeyPatch.context() as mp:
        _without_c(mp)
        assert _analysis(page) == want


def test_clutter_lines_on_a_scraped_page() -> None:
    page = ("Logo\nLogo\nLogo\n\nWORLD NEWS\n\nFloods hit the valley\n\nFloods hit the valley\n\n"
            "VIENNA (AFP) - The river rose 40 cm overnight, flooding 1,200 homes.\n\n"
            "Tags\nAustria\nFloods\n\nShare your opinion\n")
    x = T.analyse(page)
    reasons = [(page[b.start:b.end], b.reason) for b in x.boilerplate]
    assert reasons.count(("Logo", "repeated")) == 3  # a short line three times
    assert reasons.count(("Floods hit the valley", "repeated")) == 1  # the second only
    assert ("Austria", "clutter") in reasons and ("Share your opinion", "clutter") in reasons
    assert [x.keys[i] for i in x.content][:3] == ["floods", "hit", "the"]
    if T._scan is not None:  # the filter keeps every line that was clutter
        t = x.table
        visited = {li for li, _, _ in T._lines_to_visit(t)}
        lines = t.lines.tolist()
        for b in x.boilerplate:
            if b.reason not in ("credit", "dateline", "byline"):
                li = lines[::2].index(b.start)
                assert li in visited, page[b.start:b.end]


_TEXT = st.text(alphabet="ab .!?\n,\u061f\u3002\u2026\u0964\u00e9-\"", max_size=80)


@needs_c
@settings(max_examples=300, deadline=None)
@given(_TEXT, st.booleans())
def test_c_sentence_flags_match_python(text: str, holes: bool) -> None:
    import importlib

    cm = importlib.import_module("syndetect.compare")
    t = T.token_table(text)
    content = None
    if holes and len(t) > 2:  # content with holes, as boilerplate leaves
        content = memoryview(np.arange(0, len(t), 2, dtype=np.int64).tobytes()).cast("q")
    got = cm.sentence_flags(t, content)
    with pytest.MonkeyPatch.context() as mp:
        _without_c(mp)
        assert cm.sentence_flags(t, content) == got
    assert len(got) == (len(t) if content is None else len(content))
    assert not got or got[-1] == 1


_WORDS = st.sampled_from(["a", "b", "ab", "é", "Ab", "ß", "ss", "\u4e00", "1,5", "1.5", "x"])


@needs_c
@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=20), st.lists(_WORDS, max_size=20), st.booleans())
def test_c_joint_ids_match_python(a: list[str], b: list[str], holes: bool) -> None:
    import importlib

    cm = importlib.import_module("syndetect.compare")
    ta, tb = T.token_table(" ".join(a)), T.token_table(" ".join(b))
    ca = None
    if holes and len(ta) > 1:
        ca = memoryview(np.arange(1, len(ta), dtype=np.int64).tobytes()).cast("q")
    got = cm.joint_ids(ta, ca, tb, None)
    with pytest.MonkeyPatch.context() as mp:
        _without_c(mp)
        assert cm.joint_ids(ta, ca, tb, None) == got
    keys_a = ta.keys() if ca is None else [ta.keys()[i] for i in ca]
    swap, ix, iy, chars, ends = got
    assert swap == (tb.keys() < keys_a)
    vocab = cm._vocab_keys(chars, memoryview(ends).cast("q"))
    kx, ky = (tb.keys(), keys_a) if swap else (keys_a, tb.keys())
    assert [vocab[i] for i in memoryview(ix).cast("I")] == kx
    assert [vocab[i] for i in memoryview(iy).cast("I")] == ky
    assert len(set(vocab)) == len(vocab)


@needs_c
def test_c_table_helpers_refuse_bad_arrays() -> None:
    t = T.token_table("one two three")
    with pytest.raises(ValueError):
        T._scan.joint_ids(b"\x05\x00\x00\x00", t.vocab_chars, t.vocab_ends, None,
                          t.ids, t.vocab_chars, t.vocab_ends, None)
    with pytest.raises(ValueError):
        T._scan.joint_ids(t.ids, t.vocab_chars, t.vocab_ends, b"\x09" + bytes(7),
                          t.ids, t.vocab_chars, t.vocab_ends, None)
    with pytest.raises(ValueError):
        T._scan.sentence_ends(t.text, t.starts, b"", None, ".")
    with pytest.raises(ValueError):
        T._scan.sentence_ends(t.text, t.starts, t.ends, b"\x07" + bytes(7), ".")
    with pytest.raises(ValueError):
        T._scan.keys(t.vocab_chars, t.vocab_ends, b"\x09\x00\x00\x00")
    with pytest.raises(ValueError):
        T._scan.clutter_lines(t.text, t.ids, t.vocab_chars, t.vocab_ends, t.lines,
                              b"\x00" * 8 + b"\x09" + bytes(7), t.par_of_line,
                              T._lexicon_flags())
    with pytest.raises((ValueError, TypeError)):
        T._scan.clutter_lines(t.text, t.ids, t.vocab_chars, t.vocab_ends, t.lines,
                              t.line_tok, t.par_of_line, object())
