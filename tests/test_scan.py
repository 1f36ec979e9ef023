"""The C tokenizer (syndetect._scan) against the numpy reference in syndetect.text."""

from __future__ import annotations

import unicodedata

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from syndetect import text as T

needs_c = pytest.mark.skipif(
    T._scan is None, reason="syndetect._scan was not compiled (no C compiler at install)")

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
    assert T._scan_text(text) == T._scan_text_numpy(text)


@needs_c
@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_c_tokenizer_matches_numpy_on_any_text(text: str) -> None:
    assert T._scan_text(text) == T._scan_text_numpy(text)


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
    assert T._scan_text(text) == T._scan_text_numpy(text)


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
    c, ref = T._scan_text(text), T._scan_text_numpy(text)
    assert len(c[2]) == len(ref[2])
    bad = [(text[s:e], kc, kr) for s, e, kc, kr in zip(c[0], c[1], c[2], ref[2]) if kc != kr]
    assert not bad, bad[:10]
    assert c == ref
    assert all(not any(map(str.isspace, k)) for k in c[2])


@needs_c
def test_c_tokenizer_rejects_wrong_tables() -> None:
    args = (T.fold, T._astral_class, T._key_of)
    with pytest.raises(ValueError, match="65536"):
        T._scan.tokenize("text", b"\x00" * 10, T._key_table(), *args)
    with pytest.raises(BufferError):  # the key table is filled in as characters come
        T._scan.tokenize("text", T._class_table(), T._key_table().tobytes(), *args)


@needs_c
def test_c_tokenizer_fills_the_key_table_as_characters_come() -> None:
    table = np.full(0x10000, T._KEY_UNKNOWN, dtype=np.uint32)
    asked: list[int] = []

    def key_of(cp: int) -> int:
        asked.append(cp)
        return T._key_of(cp)

    out = T._scan.tokenize("Ab ab ß", T._class_table(), table, T.fold, T._astral_class, key_of)
    assert out[2] == ["ab", "ab", "ss"]
    assert asked == [ord(c) for c in "Abaß"]  # each character asked for once
    assert table[ord("A")] == ord("a") and table[ord("ß")] == T._KEY_FULL
    with pytest.raises(ValueError, match="invalid entry"):
        T._scan.tokenize("é", T._class_table(), table, T.fold, T._astral_class,
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
        assert T._scan_text(text) == T._scan_text_numpy(text)


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
    starts = T._scan_text(text)[0]
    assert T._layout(text, starts) == T._layout_py(text, starts)


@needs_c
def test_c_layout_of_a_wrapped_article() -> None:
    text = ("HEADLINE\r\n\r\nFirst line of a paragraph\nwrapped here.\n \u00a0\n"
            "Second paragraph\u2028same paragraph.\n\n\nThird.")
    starts = T._scan_text(text)[0]
    lines, line_tok, par_of_line, pars, _ = T._layout(text, starts)
    assert T._layout(text, starts) == T._layout_py(text, starts)
    assert [text[s:e] for s, e in lines][:3] == [
        "HEADLINE", "First line of a paragraph", "wrapped here."]
    assert par_of_line == [0, 1, 1, 2, 2, 3]
    assert [text[s:e] for s, e in pars][-1] == "Third."
    assert line_tok[0] == (0, 1)


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
    for module, names in ((T._scan, ("tokenize", "layout", "credit_lines")),
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
    for name in ("starts", "ends", "keys", "show_starts", "show_ends", "paragraph"):
        assert not gc.is_tracked(getattr(x, name)), name
    assert x.keys == ["paris", "afp", "talks", "resumed", "they", "said", "yes"]
    x.keys.append("more")  # still an ordinary list
    assert x.keys[-1] == "more"
