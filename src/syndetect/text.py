"""Text analysis: tokens with offsets into the original text, paragraphs, quotations
and page clutter.

Everything here works on the text exactly as published. Normalisation (NFKC, case
folding, accent and Arabic letter folding, digit unification, zero-width and bidi
control removal) produces a *key* per token that is used for matching only; every
offset this module returns indexes the original string.

A token is a run of letters, digits and combining marks, except in scripts written
without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Myanmar, Tibetan),
where each character (with its marks) is a token of its own.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .credits import detect_credits
from .errors import InputError, InputTooLargeError

try:  # the optional C tokenizer (setup.py); the numpy code below gives the same results
    from . import _scan
except ImportError:  # pragma: no cover - built without a C compiler
    _scan = None  # type: ignore[assignment]

__all__ = [
    "AnalysedText",
    "Boilerplate",
    "Paragraph",
    "analyse",
    "fold",
    "tokenize",
]

#: Default upper bound on the length of one text, in characters.
DEFAULT_MAX_CHARS = 5_000_000


# --------------------------------------------------------------------------- #
# Character classes
# --------------------------------------------------------------------------- #

# Scripts written without spaces: one character, one token.
_NOSPACE_RANGES = (
    "\u0e00-\u0eff"  # Thai, Lao
    "\u0f00-\u0fff"  # Tibetan
    "\u1000-\u109f"  # Myanmar
    "\u1780-\u17ff"  # Khmer
    "\u3005-\u3007\u3021-\u3029\u3031-\u3035\u3038-\u303c"  # CJK marks and numerals
    "\u3040-\u30ff"  # Hiragana, Katakana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs
    "\uff66-\uff9f"  # half-width Katakana
    "\U00020000-\U0003134f"  # CJK extensions B..G
)


_WORD, _MARK, _NOSPACE, _DIGIT, _NUMSEP, _SPACE, _QUOTE = 1, 2, 4, 8, 16, 32, 64

_QUOTE_MARKS = ('"\u201c\u201d\u00ab\u00bb\u201e\u300c\u300d\u300e\u300f\u2039\u203a\uff02'
                '\u2018\u2019')

_NOSPACE_RE = re.compile(f"[{_NOSPACE_RANGES}]")


def _char_class(ch: str) -> int:
    """Class bits of one character: word, combining mark / format, space-less script."""
    bits = 0
    if ch.isalnum():
        bits = _WORD | (_DIGIT if unicodedata.category(ch) == "Nd" else 0)
    elif unicodedata.category(ch) in ("Mn", "Mc", "Me", "Cf"):
        bits = _WORD | _MARK
    if bits and _NOSPACE_RE.match(ch):
        bits |= _NOSPACE
    return bits


@lru_cache(maxsize=1)
def _class_table() -> np.ndarray:
    """Class bits of every BMP character, computed once on first use."""
    table = np.zeros(0x10000, dtype=np.uint8)
    for cp in range(0x10000):
        if cp < 0x80:
            ch = chr(cp)
            table[cp] = (_WORD | (_DIGIT if ch.isdigit() else 0)) if ch.isalnum() else 0
            continue
        table[cp] = _char_class(chr(cp))
    for cp in range(0x10000):
        if chr(cp).isspace():
            table[cp] |= _SPACE
    for ch in _QUOTE_MARKS:
        table[ord(ch)] |= _QUOTE
    # Separators inside numbers ("4,300", "1.5", Arabic "٣٫٥"): part of the number.
    for ch in ",.\u066b\u066c\u00a0\u202f":
        table[ord(ch)] |= _NUMSEP
    return table


@lru_cache(maxsize=1)
def _strip_re() -> re.Pattern[str]:
    table = _class_table()
    marks = np.flatnonzero(table & _MARK)
    body = "".join(f"\\u{int(cp):04x}" for cp in marks)
    return re.compile(f"[_{body}]+")


# --------------------------------------------------------------------------- #
# Folding (matching keys)
# --------------------------------------------------------------------------- #

_ARABIC_FOLD = str.maketrans(
    {
        "\u0622": "\u0627",  # آ -> ا
        "\u0623": "\u0627",  # أ -> ا
        "\u0625": "\u0627",  # إ -> ا
        "\u0671": "\u0627",  # ٱ -> ا
        "\u0649": "\u064a",  # ى -> ي
        "\u06cc": "\u064a",  # Persian ی -> ي
        "\u06a9": "\u0643",  # Persian ک -> ك
        "\u0629": "\u0647",  # ة -> ه
        "\u0624": "\u0648",  # ؤ -> و
        "\u0626": "\u064a",  # ئ -> ي
        "\u0640": None,  # tatweel
        "\u0451": "\u0435",  # Cyrillic ё -> е
        "\u00df": "ss",
    }
)


def _digit_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0x80, 0x10000):
        ch = chr(cp)
        if unicodedata.category(ch) == "Nd":
            table[cp] = str(unicodedata.digit(ch))
    return table


_DIGITS: dict[int, str] | None = None


@lru_cache(maxsize=1 << 17)
def fold(token: str) -> str:
    """Return the matching key of one token.

    ASCII is lower-cased; anything else is NFKC-normalised, case-folded, stripped of
    combining marks and invisible format characters, and has Arabic letter variants,
    tatweel and non-ASCII digits unified. ``fold("Kiev") == "kiev"``,
    ``fold("أحمد") == fold("احمد")``, ``fold("٢٠٢٣") == "2023"``.

    A key never holds whitespace: what NFKC turns into a space (the isolated forms of
    Arabic harakat, "ͺ") is dropped with the marks.
    """
    if token.isascii():
        return _finish(token.lower())
    return _finish(_fold_steps(token))


def _fold_steps(text: str) -> str:
    """The non-ASCII steps of :func:`fold`, on any string: each is a pass over
    characters that never joins two of them across a NUL."""
    global _DIGITS
    if _DIGITS is None:
        _DIGITS = _digit_table()
    key = unicodedata.normalize("NFKC", text).casefold()
    key = unicodedata.normalize("NFD", key)
    key = _strip_re().sub("", key)
    key = unicodedata.normalize("NFC", key)
    if len(key) < 64:
        return key.translate(_ARABIC_FOLD).translate(_DIGITS)
    # The same two maps through a code-point table: str.translate with a dict costs a
    # lookup per character, which dominates on a whole text. (The one mapping to two
    # characters, "ß" -> "ss", cannot occur after casefold.)
    points = code_points(key)
    mapped = _fold_table().take(points, mode="clip")
    wide = points > 0xFFFF
    if wide.any():  # beyond the table: kept as they are
        mapped = np.where(wide, points, mapped)
    kept = mapped[mapped != _DELETE]
    return str(kept.tobytes().decode("utf-32-le", "surrogatepass"))


_DELETE = 0xFFFFFFFF  # in _fold_table: no character (0 is NUL, which _fold_all keeps)


@lru_cache(maxsize=1)
def _fold_table() -> np.ndarray:
    """The one-character maps of :func:`fold` (Arabic letter variants, tatweel,
    non-ASCII digits) as a code-point table; ``_DELETE`` deletes."""
    global _DIGITS
    if _DIGITS is None:
        _DIGITS = _digit_table()
    table = np.arange(0x10000, dtype=np.uint32)
    for mapping in (_ARABIC_FOLD, _DIGITS):
        for cp, to in mapping.items():
            if to is None:
                table[cp] = _DELETE
            elif len(to) == 1:
                table[cp] = ord(to)
    return table


def _finish(key: str) -> str:
    """The last steps of :func:`fold`: no whitespace; in a number, digit-group
    separators dropped and a decimal mark written "." ("4,300", "4.300" and "4300"
    match; "1,5" and "1.5" match; "1.5" and "15" do not; see :func:`_is_decimal`)."""
    if not key.isalnum():
        if any(map(str.isspace, key)):
            key = "".join(key.split())
        if any(map(str.isdigit, key)):
            digit = [c.isdecimal() for c in key]
            key = "".join(
                ("." if 0 < i < len(key) - 1 and digit[i - 1] and digit[i + 1]
                 and _is_decimal(key, i, digit.__getitem__) else "")
                if c in _SEPARATOR_KEYS else c
                for i, c in enumerate(key))
    return key


def _is_decimal(text: str, i: int, digit: Callable[[int], bool]) -> bool:
    """Whether the separator ``text[i]``, between two digits (``digit(j)``: is
    ``text[j]`` a decimal digit), is a decimal mark rather than a digit-group
    separator.

    The Arabic decimal separator is one, its group separator and the no-break
    spaces never are. A comma or stop is a group separator when exactly three
    digits follow it ("4,300", "1.000.000"), or, for a comma, two digits and
    another comma ("1,00,000", Indian grouping); otherwise it is a decimal mark
    ("1.5", "1,5", "43,00", "15.03.2023").
    """
    ch = text[i]
    if ch == "\u066b":
        return True
    if ch not in ",.":
        return False
    j, n = i + 1, len(text)
    while j < n and digit(j):
        j += 1
    count = j - i - 1
    if count == 3:
        return False
    return not (ch == "," and count == 2 and j + 1 < n and text[j] == "," and digit(j + 1))


#: Characters whose key depends on their neighbours: conjoining Hangul jamo (NFC
#: recomposes them into syllables), surrogates and, from the Unicode data, the non-mark
#: second halves of canonical compositions.
_CONTEXT_RANGES = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xD7B0, 0xD7FF),
                   (0xD800, 0xDFFF))
_KEY_FULL = 0xFFFFFFFF  # only folding the whole token gives the key
_KEY_UNKNOWN = 0xFFFFFFFE  # not worked out yet
_SEPARATOR_KEYS = frozenset(",.\u066b\u066c\u00a0\u202f")


@lru_cache(maxsize=1)
def _key_table() -> np.ndarray:
    """The key character of every BMP code point for the C tokenizer, filled in as
    characters are met (:func:`_key_of`; ``_KEY_UNKNOWN`` until then), so that
    analysing a first text does not pay for all 65,536."""
    return np.full(0x10000, _KEY_UNKNOWN, dtype=np.uint32)


@lru_cache(maxsize=1)
def _compositions() -> tuple[np.ndarray, dict[int, tuple[tuple[int, int], ...]]]:
    """Characters whose key depends on their neighbours (see ``_CONTEXT_RANGES``),
    and the canonical two-character compositions each BMP character is part of."""
    context = np.zeros(0x10000, dtype=bool)
    for lo, hi in _CONTEXT_RANGES:
        context[lo:hi + 1] = True
    classes = _class_table()
    pairs: dict[int, list[tuple[int, int]]] = {}
    for dec in map(unicodedata.decomposition, map(chr, range(0x10000))):
        if dec and dec[0] != "<":
            parts = tuple(int(x, 16) for x in dec.split())
            if len(parts) == 2:
                first, second = parts
                pairs.setdefault(first, []).append((first, second))
                pairs.setdefault(second, []).append((first, second))
                if not classes[second] & _MARK:
                    context[second] = True
    return context, {cp: tuple(ps) for cp, ps in pairs.items()}


def _key_alone(cp: int) -> int:
    """``fold`` of code point ``cp`` on its own as a table entry: the one key
    character, 0 when it folds to nothing, ``_KEY_FULL`` otherwise (expansions such
    as "ß" → "ss", characters that compose with their neighbours, non-word
    characters, keys that would read as a number separator, characters whose fold
    holds one)."""
    if cp > 0xFFFF or not _class_table()[cp] & _WORD or _compositions()[0][cp]:
        return _KEY_FULL
    if not _SEPARATOR_KEYS.isdisjoint(_fold_steps(chr(cp))):
        return _KEY_FULL  # ("⒈" is "1.": whether the stop stays depends on what follows)
    key = fold.__wrapped__(chr(cp))
    if not key:
        return 0
    if len(key) == 1 and not key.isspace() and key not in _SEPARATOR_KEYS:
        return ord(key)
    return _KEY_FULL


def _key_of(cp: int) -> int:
    """The key table's entry for ``cp`` (the C tokenizer asks for each character it
    meets first): :func:`_key_alone`, unless ``cp`` is half of a canonical
    composition whose fold is not the fold of its halves (casefolding is not closed
    under composition everywhere), when only the full fold will do."""
    value = _key_alone(cp)
    if value != _KEY_FULL:
        for first, second in _compositions()[1].get(cp, ()):
            halves = (_key_alone(first), _key_alone(second))
            if _KEY_FULL in halves:
                continue
            if fold.__wrapped__(chr(first) + chr(second)) != "".join(
                    chr(h) for h in halves if h):
                return _KEY_FULL
    return value


def _fold_all(cleaned: str) -> list[str]:
    """Keys of the space-separated words of ``cleaned``: :func:`fold` of each word,
    computed on the words joined by NUL (each step is one C-level pass over the whole
    string, and none joins characters across a NUL), so word ``i`` gives key ``i``."""
    words = cleaned.split()
    if not words:
        return []
    keys = _fold_steps("\x00".join(words)).split("\x00")
    return [k if k.isalnum() else _finish(k) for k in keys]


# --------------------------------------------------------------------------- #
# Tokens
# --------------------------------------------------------------------------- #


def tokenize(text: str) -> tuple[list[int], list[int], list[str]]:
    """Split ``text`` into tokens: (starts, ends, keys), offsets into ``text``.

    One pass of the C tokenizer (``syndetect._scan``) where it was compiled at
    install, else the same in numpy (characters classified through a lookup table,
    boundaries found with array shifts, keys folded word by word in C-level string
    passes); both give identical results. Tokens whose key folds to nothing (a lone
    combining mark) are dropped.
    """
    if not text:
        return [], [], []
    t = token_table(text)
    return t.starts.tolist(), t.ends.tolist(), t.keys()


@dataclass(frozen=True, slots=True, eq=False)
class TokenTable:
    """The tokens, keys, lines and paragraphs of one text as flat arrays: what
    :func:`analyse` and :func:`~syndetect.compare.compare` work on (no Python object
    per token). Offsets index ``text``.

    Token ``i`` is ``text[starts[i]:ends[i]]`` (``show_starts``/``show_ends``: widened
    over the punctuation clinging to it); its key is number ``ids[i]`` of the text's
    vocabulary, the distinct keys numbered in order of first occurrence, whose code
    points are ``vocab_chars[vocab_ends[k - 1]:vocab_ends[k]]`` (so equal ids mean
    equal keys). ``quotes`` holds the offsets of quotation marks; ``lines`` and
    ``line_tok`` the (start, end) offsets and token ranges of the trimmed non-blank
    lines, pairs flattened; ``par_of_line`` and ``paragraph`` the paragraph of each
    line and token, ``pars`` the (start, end) of each paragraph, flattened.
    Integer arrays are memoryviews of int64 (``ids``: uint32).
    """

    text: str
    starts: memoryview
    ends: memoryview
    show_starts: memoryview
    show_ends: memoryview
    ids: memoryview
    vocab_chars: bytes
    vocab_ends: memoryview
    quotes: memoryview
    lines: memoryview
    line_tok: memoryview
    par_of_line: memoryview
    pars: memoryview
    paragraph: memoryview

    def __len__(self) -> int:
        return len(self.ids)

    def keys(self, t0: int = 0, t1: int | None = None) -> list[str]:
        """The keys of tokens ``t0 <= t < t1`` (one str object per distinct key)."""
        t1 = len(self.ids) if t1 is None else t1
        if _scan is not None:
            keys: list[str] = _scan.keys(self.vocab_chars, self.vocab_ends, self.ids, t0, t1)
            return keys
        vocab = self.vocab()
        return [vocab[i] for i in self.ids[t0:t1]]

    def vocab(self) -> list[str]:
        """Every distinct key, by number."""
        chars = self.vocab_chars
        out, s = [], 0
        for e in self.vocab_ends:
            out.append(chars[4 * s:4 * e].decode("utf-32-le", "surrogatepass"))
            s = e
        return out


_TABLE_PARTS = len(TokenTable.__dataclass_fields__) - 1  # (all but the text)


def _table_of(text: str, parts: tuple[bytes, ...]) -> TokenTable:
    q = [memoryview(b).cast("q") if i not in (4, 5) else memoryview(b)
         for i, b in enumerate(parts)]
    return TokenTable(text, q[0], q[1], q[2], q[3], q[4].cast("I"), parts[5], q[6], q[7],
                      q[8], q[9], q[10], q[11], q[12])


def token_table(text: str) -> TokenTable:
    """The :class:`TokenTable` of ``text``: from the C tokenizer where it was built,
    else from the numpy tokenizer (:func:`_token_table_numpy`), with identical bytes."""
    if _scan is not None:
        return _table_of(text, _scan.scan(text, _class_table(), _key_table(), fold,
                                          _astral_class, _key_of))
    return _table_of(text, _token_table_numpy(text))


def _token_table_numpy(text: str) -> tuple[bytes, ...]:
    """The parts of :func:`token_table` in numpy and Python: the reference the C
    tokenizer (``_scan.scan``) is tested against."""
    starts, ends, keys, show_starts, show_ends, quotes = _scan_text_numpy(text)
    return _table_parts(text, starts, ends, keys, show_starts, show_ends, quotes)


def _table_parts(text: str, starts: list[int], ends: list[int], keys: list[str],
                 show_starts: list[int], show_ends: list[int], quotes: list[int]
                 ) -> tuple[bytes, ...]:
    lines, line_tok, par_of_line, pars, paragraph = _layout_py(text, starts)
    vocab: dict[str, int] = {}
    ids = [vocab.setdefault(k, len(vocab)) for k in keys]

    def i64(values: list[int] | list[tuple[int, int]]) -> bytes:
        return np.asarray(values, dtype=np.int64).reshape(-1).tobytes()

    return (i64(starts), i64(ends), i64(show_starts), i64(show_ends),
            np.asarray(ids, dtype=np.uint32).tobytes(),
            "".join(vocab).encode("utf-32-le", "surrogatepass"),
            i64(np.cumsum([len(k) for k in vocab], dtype=np.int64).tolist()),
            i64(quotes), i64(lines), i64(line_tok), i64(par_of_line), i64(pars),
            i64(paragraph))


def _scan_text_numpy(
    text: str,
) -> tuple[list[int], list[int], list[str], list[int], list[int], list[int]]:
    """Tokens (starts, ends, keys, display starts, display ends) and the positions of
    quotation marks, in numpy: the reference of the C tokenizer."""
    if not text:
        return [], [], [], [], [], []
    codes = code_points(text)
    return (*_tokenize(text, codes), _quote_positions(text, codes))


def _astral_class(cp: int) -> int:
    return _char_class(chr(cp))


def code_points(text: str) -> np.ndarray:
    """The code points of ``text`` as a numpy array (lone surrogates included)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _tokenize(
    text: str, codes: np.ndarray
) -> tuple[list[int], list[int], list[str], list[int], list[int]]:
    n = len(text)
    ascii_text = text.isascii()
    cls = _class_table().take(codes, mode="clip")
    if not ascii_text:
        high = np.flatnonzero(codes > 0xFFFF)
        if high.size:
            cls[high] = [_astral_class(int(codes[i])) for i in high]
    word = (cls & _WORD).astype(bool)
    separators = None  # positions of separators inside numbers
    if n > 2:
        # A separator between two digits joins them: "4,300" is one token (not
        # between digits of scripts without spaces: each is a token of its own).
        digit = (cls & (_DIGIT | _NOSPACE)) == _DIGIT
        inner = (cls[1:-1] & _NUMSEP).astype(bool) & digit[:-2] & digit[2:]
        if inner.any():
            word[1:-1] |= inner
            separators = np.flatnonzero(inner) + 1
    after = np.empty_like(word)  # word[i + 1]
    after[-1] = False
    after[:-1] = word[1:]
    before = np.empty_like(word)  # word[i - 1]
    before[0] = False
    before[1:] = word[:-1]
    start = word & ~before
    end = word & ~after
    nospace = not ascii_text and bool((cls & _NOSPACE).any())
    if nospace:
        # In space-less scripts every base character is a token of its own; a
        # combining mark stays with the character before it.
        mark = (cls & _MARK).astype(bool)
        base = np.where(mark, 0, np.arange(n))
        np.maximum.accumulate(base, out=base)
        ns = (cls[base] & _NOSPACE).astype(bool)
        ns_before = np.empty_like(ns)
        ns_before[0] = False
        ns_before[1:] = ns[:-1]
        start |= word & ~mark & (ns | ns_before)
        end[:-1] |= start[1:] & word[:-1]
    starts_arr = np.flatnonzero(start)
    ends_arr = np.flatnonzero(end) + 1
    starts = starts_arr.tolist()
    ends = ends_arr.tolist()
    show = _display_bounds(codes, cls, word, starts_arr, ends_arr)
    if nospace:
        keys = list(map(fold, _token_texts(text, starts, ends)))
    else:
        # Blank out everything but word characters and let str.split cut the keys;
        # the separators inside numbers stay for _finish to judge (the no-break
        # spaces go: folding would make them spaces, which _finish drops first).
        blanked = np.where(word, codes, 32).astype(np.uint32)
        if separators is not None:
            spaces = separators[(codes[separators] == 0xA0) | (codes[separators] == 0x202F)]
            blanked = np.delete(blanked, spaces)
        cleaned = blanked.tobytes().decode("utf-32-le")
        if ascii_text:
            keys = cleaned.lower().split()
            if separators is not None:
                keys = [k if k.isalnum() else _finish(k) for k in keys]
        else:
            keys = _fold_all(cleaned)
        if len(keys) != len(starts):  # a word character Python counts as space
            keys = list(map(fold, _token_texts(text, starts, ends)))
    if not ascii_text and "" in keys:
        keep = [i for i, k in enumerate(keys) if k]
        starts = [starts[i] for i in keep]
        ends = [ends[i] for i in keep]
        keys = [keys[i] for i in keep]
        show = ([show[0][i] for i in keep], [show[1][i] for i in keep])
    return starts, ends, keys, show[0], show[1]


def _token_texts(text: str, starts: list[int], ends: list[int]) -> list[str]:
    """The text of every token."""
    return list(map(text.__getitem__, map(slice, starts, ends)))


def _display_bounds(
    codes: np.ndarray, cls: np.ndarray, word: np.ndarray, starts: np.ndarray, ends: np.ndarray
) -> tuple[list[int], list[int]]:
    """Token bounds widened over the punctuation between each token and whitespace
    (an opening quote before it; commas, stops and closing quotes after it), so that a
    span shown to a person reads '"We ... fast,"' rather than 'We ... fast'."""
    n = codes.size
    space = (cls & _SPACE).astype(bool)
    word_cum = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(word, out=word_cum[1:])
    space_idx = np.append(np.flatnonzero(space), n)
    k = np.searchsorted(space_idx, starts, side="left") - 1
    left = np.where(k >= 0, space_idx[np.maximum(k, 0)] + 1, 0)
    show_start = np.where(word_cum[starts] == word_cum[left], left, starts)
    right = space_idx[np.searchsorted(space_idx, ends, side="left")]
    show_end = np.where(word_cum[right] == word_cum[ends], right, ends)
    return show_start.tolist(), show_end.tolist()


# --------------------------------------------------------------------------- #
# Value types
# --------------------------------------------------------------------------- #


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph: ``text[start:end]``, numbered from 0 in reading order."""

    index: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """A stretch of page clutter, ``text[start:end]``, kept out of coverage and verdict.

    ``reason`` is one of ``"repeated"`` (a line that already appeared, such as a
    repeated headline or "Logo"), ``"clutter"`` (share/tags/related/advertising lines),
    ``"dateline"`` (a line that is only a date or time, or a dateline such as "PARIS
    (AFP) -" or an SPA dateline), ``"caption"`` (photo credits and captions),
    ``"byline"``, ``"credit"`` (a wire credit such as "(Reuters)" or "— Agencies") or
    ``"label"`` (a short all-capitals section label). Credits, datelines and bylines
    come from :func:`syndetect.credits.detect_credits`.
    """

    start: int
    end: int
    reason: str


@dataclass(frozen=True, eq=False)
class AnalysedText:
    """One text, tokenised and annotated. Produced by :func:`analyse`.

    Token ``i`` is ``text[starts[i]:ends[i]]`` with matching key ``keys[i]``.
    ``content`` lists the indices of tokens outside boilerplate, in order; ``quoted[i]``
    says whether token ``i`` stands inside quotation marks; ``paragraph[i]`` is the
    index of its paragraph. ``show_starts[i]:show_ends[i]`` is the token widened over
    the punctuation clinging to it, the bounds used when a span is shown.

    :func:`analyse` works on the text's :class:`TokenTable` and builds the token
    lists (``starts``, ``ends``, ``keys``, ``paragraph``, ``content``, ``show_starts``,
    ``show_ends``) only when one is first read: :func:`~syndetect.compare.compare`
    never needs them. The lists hold only ints and strs, and the cyclic garbage
    collector does not track the key lists (no cycle can run through them, and
    walking them at every collection slowed large batches), so a reference cycle
    built through one of them is never collected.
    """

    text: str
    starts: list[int]
    ends: list[int]
    keys: list[str]
    paragraph: list[int]
    quoted: bytearray
    content: list[int]
    paragraphs: tuple[Paragraph, ...]
    boilerplate: tuple[Boilerplate, ...]
    show_starts: list[int]
    show_ends: list[int]

    def __len__(self) -> int:
        return len(self.table)

    @property
    def table(self) -> TokenTable:
        """The text's :class:`TokenTable` (made from the lists when this analysis was
        built from them rather than by :func:`analyse`)."""
        t: TokenTable | None = self.__dict__.get("_table")
        if t is None:
            t = _table_of(self.text, _table_parts(
                self.text, self.starts, self.ends, self.keys, self.show_starts,
                self.show_ends, []))
            object.__setattr__(self, "_table", t)
        return t

    @property
    def content_index(self) -> memoryview | None:
        """``content`` as int64 (a memoryview), or None when every token is content."""
        d = self.__dict__
        if "_content" not in d:
            c = self.content
            full = len(c) == len(self.starts) and (not c or c[-1] == len(c) - 1)
            object.__setattr__(self, "_content", None if full else memoryview(
                np.asarray(c, dtype=np.int64).tobytes()).cast("q"))
        value: memoryview | None = d["_content"]
        return value

    def __getattr__(self, name: str) -> object:
        # Only called for an attribute not set yet: a token list of a lazy analysis.
        make = _LAZY_FIELDS.get(name)
        d = self.__dict__
        if make is None or "_table" not in d:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        value = make(d["_table"], d["_content"])
        object.__setattr__(self, name, value)
        return value

    @classmethod
    def _lazy(cls, table: TokenTable, quoted: bytearray, content: memoryview | None,
              paragraphs: tuple[Paragraph, ...], boilerplate: tuple[Boilerplate, ...]
              ) -> AnalysedText:
        """An analysis whose token lists are made from ``table`` when first read."""
        x = object.__new__(cls)
        x.__dict__.update(text=table.text, quoted=quoted, paragraphs=paragraphs,
                          boilerplate=boilerplate, _table=table, _content=content)
        return x


def _int_list(values: memoryview) -> list[int]:
    """A token array as a list (left out of the cyclic garbage collector where the C
    tokenizer is built: no cycle can run through a list of ints, and walking them at
    every collection slowed large batches of kept analyses)."""
    if _scan is not None:
        out: list[int] = _scan.int_list(values)
        return out
    return values.tolist()


def _content_list(t: TokenTable, content: memoryview | None) -> list[int]:
    if content is None:
        return _int_list(memoryview(np.arange(len(t), dtype=np.int64).tobytes()).cast("q"))
    return _int_list(content)


_LAZY_FIELDS: dict[str, Callable[[TokenTable, memoryview | None], object]] = {
    "starts": lambda t, c: _int_list(t.starts),
    "ends": lambda t, c: _int_list(t.ends),
    "keys": lambda t, c: t.keys(),
    "paragraph": lambda t, c: _int_list(t.paragraph),
    "content": _content_list,
    "show_starts": lambda t, c: _int_list(t.show_starts),
    "show_ends": lambda t, c: _int_list(t.show_ends),
}


# --------------------------------------------------------------------------- #
# Lines and paragraphs
# --------------------------------------------------------------------------- #

_LINE = re.compile(r"[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v\u00a0\u200b\u3000]*\n")


def _lines(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as (start, end), trimmed of surrounding whitespace."""
    out = []
    pos = 0
    for seg in text.splitlines(True):
        s = pos
        pos += len(seg)
        body = seg.strip()
        if body:
            s += seg.find(body[0])
            out.append((s, s + len(body)))
    return out


Layout = tuple[list[tuple[int, int]], list[tuple[int, int]], list[int], list[tuple[int, int]],
               list[int]]


def _layout_py(text: str, starts: list[int]) -> Layout:
    """(lines, token range per line, paragraph per line, paragraph bounds, paragraph
    per token) of ``text`` whose tokens start at ``starts``.

    Paragraphs are runs of lines between blank lines, or every line when the text has
    no blank lines at all. The reference the C layout is tested against.
    """
    lines = _lines(text)
    line_tok = [(bisect_left(starts, s), bisect_left(starts, e)) for s, e in lines]
    par_bounds: list[list[int]] = []  # [start, end] per paragraph
    par_of_line: list[int] = []
    blank_separated = _BLANK_LINE.search(text) is not None
    prev_end = -1
    for s, e in lines:
        if par_bounds and blank_separated:
            gap = text[prev_end:s]
            if gap.count("\n") + gap.count("\r") - gap.count("\r\n") < 2:
                par_bounds[-1][1] = e
                par_of_line.append(len(par_bounds) - 1)
                prev_end = e
                continue
        par_bounds.append([s, e])
        par_of_line.append(len(par_bounds) - 1)
        prev_end = e
    paragraph = [0] * len(starts)
    for (t0, t1), p in zip(line_tok, par_of_line):
        paragraph[t0:t1] = [p] * (t1 - t0)
    return lines, line_tok, par_of_line, [(s, e) for s, e in par_bounds], paragraph


# --------------------------------------------------------------------------- #
# Quotations
# --------------------------------------------------------------------------- #

_OPENERS = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201c", "\u300c": "\u300d",
            "\u300e": "\u300f", "\u2039": "\u203a", "\uff02": "\uff02"}
_CLOSERS = {"\u201d", "\u00bb", "\u300d", "\u300f", "\u203a"}


def _quote_positions(text: str, codes: np.ndarray) -> list[int]:
    if text.isascii() and '"' not in text:
        return []
    marks: list[int] = np.flatnonzero(_class_table().take(codes, mode="clip") & _QUOTE).tolist()
    return marks


def _quoted_regions(text: str, positions: list[int], end: int) -> list[tuple[int, int]]:
    """Regions inside quotation marks of one paragraph ending at ``end``, given the
    positions of its quotation marks.

    Straight double quotes toggle; typographic quotes nest by their pairs; a quote
    still open at the end of the paragraph closes there (news style opens each
    paragraph of a long quotation anew). British single quotes ‘…’ count too, told
    from apostrophes by where they stand: ‘ opens before a letter and after no
    letter or digit, ’ closes an open ‘ unless a letter or digit follows it.
    """
    regions: list[tuple[int, int]] = []
    stack: list[str] = []  # expected closing characters
    open_at = -1
    for pos in positions:
        ch = text[pos]
        if ch == "\u2019":
            # British single quotes close only where an apostrophe could not stand
            # (before a letter or digit: "don’t"), and only a ‘ they opened.
            after = text[pos + 1:pos + 2]
            if stack and stack[-1] == ch and not after.isalnum():
                stack.pop()
                if not stack:
                    regions.append((open_at, pos + 1))
            continue
        if ch == "\u2018":
            # ... and open only at the start of a word of letters ("‘90s" is no quote);
            # one inside another nests ("‘Rock ‘n’ roll is back,’ he said"), so a lone
            # ‘ inside one ("‘em") keeps the outer open to the paragraph's end.
            before = text[pos - 1:pos]
            after = text[pos + 1:pos + 2]
            if before.isalnum() or not after.isalpha():
                continue
            if not stack:
                open_at = pos
            stack.append("\u2019")
            continue
        if stack and ch == stack[-1]:
            stack.pop()
            if not stack:
                regions.append((open_at, pos + 1))
            continue
        if ch == '"' or ch == "\uff02":
            if not stack:
                open_at = pos
            stack.append(ch)
            continue
        if ch in _OPENERS:
            if not stack:
                open_at = pos
            stack.append(_OPENERS[ch])
        elif ch in _CLOSERS and stack:
            # A mismatched closer closes whatever is open.
            stack.clear()
            regions.append((open_at, pos + 1))
    if stack:
        regions.append((open_at, end))
    return regions


# --------------------------------------------------------------------------- #
# Boilerplate
# --------------------------------------------------------------------------- #

_CLUTTER_LINES_RAW = """
tags|tag|tags:|keywords|topics|share|share this|share this article|share this story|
share your opinion|share your comment|share on facebook|share on twitter|share on whatsapp|
tweet|print|email|e-mail|comments|comment|add comment|leave a comment|read more|read also|
see also|also read|related|related articles|related news|related stories|related topics|
more on this|more from|advertisement|advertising|sponsored|sponsored content|follow us|
follow us on|subscribe|subscribe now|newsletter|sign up|log in|login|logo|home|menu|search|
skip to content|skip to main content|photo|video|watch|listen|close|next|previous|
back to top|most read|most popular|trending|whatsapp|facebook|twitter|telegram|linkedin|
instagram|youtube|copy link|ads|font size|text size|your opinion|opinion|cookies|accept|
all rights reserved|
partager|lire aussi|à lire aussi|voir aussi|publicité|commentaires|imprimer|réagir|
поделиться|читайте также|реклама|теги|комментарии|
شارك|شارك برأيك|مشاركة|اقرأ أيضا|اقرأ أيضاً|إقرأ أيضا|الوسوم|كلمات مفتاحية|كلمات دلالية|
طباعة|تابعونا|إعلان|مواضيع ذات صلة|أخبار ذات صلة|الأكثر قراءة|تعليقات|انتهى|
شارك الخبر|أضف تعليقك|أضف تعليق|اضف تعليقك|التعليقات|أرسل لصديق
"""
_CLUTTER_PREFIXES_RAW = """
tags|tag|keywords|topics|read also|read more|related|also read|see also|follow us|
share on|subscribe to|copyright|all rights reserved|file photo|photo|image|picture|caption|
photograph|credit|lire aussi|читайте также|الوسوم|كلمات مفتاحية|اقرأ أيضا|صورة|الصورة|
المصدر|اقرأ|إقرأ|شارك
"""
_CAPTION_MARKERS = ("getty images", "afp photo", "reuters photo", "ap photo", "photo by",
                    "photo credit", "image credit", "pool photo")
_DATE_WORDS_RAW = """
mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|
jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|
july|august|september|october|november|december|am|pm|gmt|utc|time|updated|published|
posted|last|at|on|est|edt|cet|cest|bst|
lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|janvier|février|mars|avril|mai|juin|
juillet|août|septembre|octobre|novembre|décembre|mis|à|jour|le|publié|
январь|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|
يناير|فبراير|مارس|ابريل|أبريل|مايو|يونيو|يوليو|اغسطس|أغسطس|سبتمبر|اكتوبر|أكتوبر|نوفمبر|
ديسمبر|كانون|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين|الأول|الثاني|محرم|صفر|ربيع|
جمادى|رجب|شعبان|رمضان|شوال|ذو|القعدة|الحجة|هـ|م|الموافق|ت|السبت|الأحد|الاثنين|الثلاثاء|
الأربعاء|الخميس|الجمعة|واس|بتوقيت|مكة|المكرمة|غرينتش
"""
_TIME = re.compile(r"\d{1,2}[:.]\d{2}|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")


def _keyset(raw: str) -> frozenset[str]:
    out = set()
    for item in raw.replace("\n", "").split("|"):
        item = item.strip()
        if item:
            out.add(" ".join(tokenize(item)[2]))
    return frozenset(out)


_WEAK_DATE_WORDS_RAW = "time|updated|published|posted|last|at|on|mis|à|jour|le|ت|م|بتوقيت"


@lru_cache(maxsize=1)
def _strong_dates() -> frozenset[str]:
    """Date words that make a line a date line on their own (months, weekdays, eras)."""
    return _lexicon()[2] - _keyset(_WEAK_DATE_WORDS_RAW)


_LIST_FIRST = frozenset({"tags", "tag", "keywords", "topics"})
# Clutter prefixes that also open sentences of a story ("Topics on the agenda include",
# "Related talks", "Credit card spending", "Copyright lawyers said", Arabic "شارك" took
# part, "المصدر" the source, "الصورة" / "صورة" the picture): a line opening with one
# is story text when it reads as a sentence. English captions ("File photo of ...",
# "Photo shows ..."), "Read more ...", "Tags ..." read as sentences too, and are
# clutter all the same.
_SENTENCE_FIRST = frozenset({
    "topics", "related", "credit", "copyright", "\u0634\u0627\u0631\u0643",
    "\u0627\u0644\u0645\u0635\u062f\u0631", "\u0627\u0644\u0635\u0648\u0631\u0647",
    "\u0635\u0648\u0631\u0647"})
# What makes a line opening with "Copyright" a notice, not a sentence about copyright.
_RIGHTS_NOTICE = re.compile(r"\b(?:19|20)\d\d\b|reserved|reproduc|permission|\u00a9")
_CAPTION_FIRST = frozenset({"photo", "image", "picture", "caption", "photograph", "file", "credit"})


@lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[str], dict[str, tuple[tuple[str, ...], ...]], frozenset[str]]:
    lines = _keyset(_CLUTTER_LINES_RAW)
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for k in sorted(_keyset(_CLUTTER_PREFIXES_RAW)):
        words = tuple(k.split())
        if words:
            by_first.setdefault(words[0], []).append(words)
    prefixes = {first: tuple(ps) for first, ps in by_first.items()}
    dates = frozenset(k for k in _keyset(_DATE_WORDS_RAW) if k)
    return lines, prefixes, dates


_SENTENCE_STOPS = (".", "!", "?", "\u061f", "\u3002", "\uff01", "\uff1f", "\u2026")
_CLOSING = "\"'\u201d\u2019\u00bb)]\u300d\u300f"
# After a clutter prefix, one of these says "a label follows": "Tags: ...", "Photo - ...".
_LABEL_MARKS = frozenset(":|-\u2013\u2014>\u00bb/\u2022\u00b7\uff1a")


def _classify_line(text: str, s: int, e: int, keys: list[str],
                   starts: Sequence[int] | None = None, t0: int = 0) -> str | None:
    """Why the line ``text[s:e]`` with token keys ``keys`` is clutter, or None.

    ``starts[t0:]`` are the offsets of its tokens (without them, a line opening with
    a clutter word is taken for a label, whatever follows)."""
    n = len(keys)
    if n == 0 or (n > 15 and (n > 40 or keys[0] not in _LIST_FIRST)):
        return None  # body text: only "Tags: ..." lists run this long
    lines, prefixes, dates = _lexicon()
    if n <= 8:
        joined = " ".join(keys)
        if joined in lines:
            return "clutter"
    line = text[s:e]
    for p in prefixes.get(keys[0], ()):
        if tuple(keys[: len(p)]) == p and (n <= 12 or p[0] in _LIST_FIRST):
            if (starts is not None and p[0] in _SENTENCE_FIRST
                    and _sentence_after_prefix(text, line, starts, t0, len(p), n, p[0])):
                break
            return "caption" if p[0] in _CAPTION_FIRST else "clutter"
    low = line.lower()
    if n <= 15 and ("©" in line or (("photo" in low or "image" in low or "getty" in low)
                                    and any(mk in low for mk in _CAPTION_MARKERS))):
        return "caption"
    if n <= 14:
        digits = sum(map(_is_number_key, keys))
        strong = not _strong_dates().isdisjoint(keys)  # a month, a weekday, an era...
        if digits or strong:
            datey = digits + sum(map(dates.__contains__, keys))
            if datey * 2 >= n and (strong or _TIME.search(line)):
                return "dateline"
    if n <= 4 and line.isupper() and not line.rstrip().endswith((".", "!", "?")):
        return "label"
    if line.count("|") >= 2 and n <= 3 * (line.count("|") + 1):
        return "clutter"  # a menu: "Home | World | Sport | Business"
    return None


# --------------------------------------------------------------------------- #
# analyse
# --------------------------------------------------------------------------- #


def _check_text(text: object, name: str, max_chars: int) -> str:
    if not isinstance(text, str):
        kind = type(text).__name__
        hint = " (decode bytes with .decode('utf-8') first)" if isinstance(text, bytes) else ""
        raise InputError(f"{name} must be a str, not {kind}{hint}")
    if len(text) > max_chars:
        raise InputTooLargeError(
            f"{name} has {len(text):,} characters, over the limit of {max_chars:,}; "
            f"split it or raise max_chars"
        )
    return text


def _is_number_key(key: str) -> bool:
    """Whether a token key is a number: digits, with at most a decimal mark ("3.95")."""
    return key.isdigit() or (key[:1].isdigit() and key.replace(".", "", 1).isdigit())


def _sentence_after_prefix(text: str, line: str, starts: Sequence[int], t0: int, k: int,
                           n: int, first: str) -> bool:
    """Whether a line opening with the clutter words ``keys[:k]`` reads as a sentence of
    the story ("Topics on the agenda include ...", Arabic "شارك" "took part"): at
    least six more words, no label mark (":", "|", a dash) right after the clutter
    words, and a sentence stop at its end. A copyright notice (a year, "reserved",
    "reproduction", "permission") is never one."""
    if n - k < 6:
        return False
    if not line.rstrip(_CLOSING).endswith(_SENTENCE_STOPS):
        return False
    j = starts[t0 + k] - 1  # back over the characters between the prefix and the next word
    while j >= 0 and not text[j].isalnum():
        if text[j] in _LABEL_MARKS:
            return False
        j -= 1
    return not (first == "copyright" and _RIGHTS_NOTICE.search(line.lower()))


# Flags of lexicon words for the C line filter (_scan.clutter_lines).
_LX_LIST_FIRST, _LX_PREFIX_FIRST, _LX_LINE_WORD, _LX_STRONG_DATE = 1, 2, 4, 8


@lru_cache(maxsize=1)
def _lexicon_flags() -> object:
    """The words of the clutter lexicons with their flags, as ``_scan.lexicon`` wants
    them."""
    lines, prefixes, _ = _lexicon()
    flags: dict[str, int] = {}

    def mark(word: str, flag: int) -> None:
        flags[word] = flags.get(word, 0) | flag

    for w in _LIST_FIRST:
        mark(w, _LX_LIST_FIRST)
    for w in prefixes:
        mark(w, _LX_PREFIX_FIRST)
    for entry in lines:
        for w in entry.split():
            mark(w, _LX_LINE_WORD)
    for w in _strong_dates():
        mark(w, _LX_STRONG_DATE)
    return _scan.lexicon(flags)


def _lines_to_visit(t: TokenTable) -> list[tuple[int, int, int]]:
    """(line, repeated, rank) of the lines :func:`_find_boilerplate` must look at: in
    C (``_scan.clutter_lines``) those that could be clutter, else every line with
    words. ``repeated``: the line's keys are those of an earlier line, or of two
    others when it has at most 6 words; ``rank`` numbers the lines with words."""
    if _scan is not None:
        visit: list[tuple[int, int, int]] = _scan.clutter_lines(
            t.text, t.ids, t.vocab_chars, t.vocab_ends, t.lines, t.line_tok, t.par_of_line,
            _lexicon_flags())
        return visit
    line_tok = t.line_tok
    ids = t.ids
    groups = [tuple(ids[line_tok[2 * li]:line_tok[2 * li + 1]])
              for li in range(len(t.par_of_line))]
    counts = Counter(groups)
    seen: set[tuple[int, ...]] = set()
    out = []
    for li, g in enumerate(groups):
        if not g:
            continue
        out.append((li, int(g in seen or (len(g) <= 6 and counts[g] >= 3)), len(out)))
        seen.add(g)
    return out


def _find_boilerplate(
    t: TokenTable,
    found: list[Boilerplate],
    soft: list[int],
) -> None:
    """Append clutter lines and credits to ``found``; ``soft`` gets the indices of
    heuristic (non-repeat) finds."""
    text = t.text
    lines, line_tok, par_of_line = t.lines, t.line_tok, t.par_of_line
    last = len(par_of_line) - 1
    starts: Sequence[int] = t.starts
    tag_list = False  # inside a "Tags" block: the short lines after it are tags
    rank_before = -1
    for li, repeated, rank in _lines_to_visit(t):
        if rank != rank_before + 1:
            tag_list = False  # a line passed over (no clutter) stood in between
        rank_before = rank
        s, e = lines[2 * li], lines[2 * li + 1]
        t0, t1 = line_tok[2 * li], line_tok[2 * li + 1]
        size = t1 - t0
        reason: str | None = None
        # A line inside a hard-wrapped paragraph (neither its first nor its last line)
        # is body text, not page furniture, whatever its length.
        wrapped = 0 < li < last and par_of_line[li - 1] == par_of_line[li] == par_of_line[li + 1]
        keys = None
        if repeated:
            reason = "repeated"
        elif tag_list and size <= 4:
            reason = "clutter"
        else:
            keys = t.keys(t0, t1)
            if not wrapped and (size <= 15 or (size <= 40 and keys[0] in _LIST_FIRST)):
                reason = _classify_line(text, s, e, keys, starts, t0)
        if reason == "clutter" and not tag_list:
            tag_list = (keys or t.keys(t0, t0 + 1))[0] in _LIST_FIRST
        elif reason != "clutter":
            tag_list = False
        if reason is None:
            continue
        if reason != "repeated":
            soft.append(len(found))
        found.append(Boilerplate(s, e, reason))
    # Wire credits, datelines and bylines: one detector for the whole project.
    taken = [(b.start, b.end) for b in found]
    edges = [(lines[2 * li], lines[2 * li + 1]) for li in range(last + 1)
             if li in (0, last) or par_of_line[li - 1] != par_of_line[li]
             or par_of_line[li + 1] != par_of_line[li]]
    for cr in detect_credits(text, lines=edges):
        if any(s < cr.end and cr.start < e for s, e in taken):
            continue
        found.append(Boilerplate(cr.start, cr.end, cr.kind))
        soft.append(len(found) - 1)
    found.sort(key=lambda b: b.start)


def _quoted_tokens(t: TokenTable, paragraphs: tuple[Paragraph, ...]) -> bytearray:
    """One byte per token: 1 inside quotation marks (per paragraph)."""
    quoted = bytearray(len(t))
    qpos = t.quotes
    if not qpos or not quoted:
        return quoted
    text, starts = t.text, t.starts
    for par in paragraphs:
        i0, i1 = bisect_left(qpos, par.start), bisect_left(qpos, par.end)
        if i0 == i1:
            continue
        for qs, qe in _quoted_regions(text, qpos[i0:i1].tolist(), par.end):
            t0, t1 = bisect_left(starts, qs), bisect_left(starts, qe)
            quoted[t0:t1] = b"\x01" * (t1 - t0)
    return quoted


def analyse(
    text: str, *, max_chars: int = DEFAULT_MAX_CHARS, name: str = "text", boilerplate: bool = True
) -> AnalysedText:
    """Tokenise ``text`` and find its paragraphs, quotations and page clutter.

    With ``boilerplate=False`` no clutter is detected: every token is content.

    Raises :class:`~syndetect.errors.InputError` for a non-string and
    :class:`~syndetect.errors.InputTooLargeError` above ``max_chars`` characters.
    """
    t = token_table(_check_text(text, name, max_chars))
    n = len(t)
    pars = t.pars
    paragraphs = tuple([Paragraph(i, pars[2 * i], pars[2 * i + 1])
                        for i in range(len(pars) // 2)])
    quoted = _quoted_tokens(t, paragraphs)
    found: list[Boilerplate] = []
    soft: list[int] = []  # indices into found of heuristic (non-repeat) marks
    if boilerplate and n:
        _find_boilerplate(t, found, soft)

    def content_of(items: list[Boilerplate]) -> memoryview | None:
        if not items:
            return None
        starts = t.starts
        boiler = np.zeros(n, dtype=bool)
        for b in items:
            boiler[bisect_left(starts, b.start):bisect_left(starts, b.end)] = True
        kept = np.flatnonzero(~boiler)
        return None if kept.size == n else memoryview(kept.astype(np.int64).tobytes()).cast("q")

    content = content_of(found)
    if content is not None and not content and soft:
        # Heuristics must never leave a text with no content at all: a bare "Share
        # your opinion" compared with itself is still that text. Keep only repeats.
        soft_set = set(soft)
        found = [b for i, b in enumerate(found) if i not in soft_set]
        content = content_of(found)
    found.sort(key=lambda b: b.start)
    return AnalysedText._lazy(t, quoted, content, paragraphs, tuple(found))
