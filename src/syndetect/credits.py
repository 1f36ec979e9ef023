"""Wire credits, datelines and bylines as published, and whether a copy credits the wire.

:func:`detect_credits` finds, in one text, every place where it names the agency or
the writer of a story: lead datelines ("PARIS (AFP) -", "Kiev - (AFP) -",
"MOSCOW, Dec 19 (Reuters) -", "الرياض (واس) -", "الرياض-واس", "جدة - وكالات:",
"МОСКВА, 3 ноября. /ТАСС/."), Saudi Press Agency dateline lines
("الرياض 12 ربيع الأول 1447 هـ الموافق 4 سبتمبر 2025 م واس"), closing credits
("— Agencies", "— Agence France-Presse", "— AFP, Reuters", "(AFP)", "(أ ف ب)",
"© AFP 2024", "- with AFP", "(avec AFP)", "AFP/Relaxnews"), credit lines ("Agencies",
"AFP and Reuters", "وكالات", "Source: Reuters", "المصدر: ...",
"The Associated Press contributed to this report.") and bylines
("By Jane Doe", "Par Jean Dupont", "بقلم: ...", "(Reporting by ...; Editing by ...)").
Every :class:`Credit` carries half-open offsets into the text as given, so
``text[c.start:c.end] == c.text``.

:func:`credit_status` answers the rights team's question for a wire and a copy: does
the copy credit the wire's agency (``"credits_wire"``), only someone else
(``"credits_other"``), or nobody (``"uncredited"``)?

How it decides (heuristics, documented in ``docs/wire.md``): an agency name counts as
a credit only where credits stand — at the start of a line before a dash or colon,
in parentheses or between slashes, alone on a line, at the end of a line after a
dash, in parentheses or after "©" / "with" / "avec" / "مع" — never in running text
("told AFP", "وقالت رويترز", "Reuters-Ipsos poll"), and never in a photo caption
("AFP PHOTO", "Getty Images"). Lines are examined with anchored regular expressions,
so the cost grows with the number of lines, not with the number of agency names known.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .errors import InputError

try:
    from . import _scan
except ImportError:  # pragma: no cover - built without a C compiler
    _scan = None  # type: ignore[assignment]

__all__ = [
    "CREDIT_KINDS",
    "CREDIT_STATUSES",
    "GENERIC_AGENCY",
    "Credit",
    "CreditStatus",
    "canonical_agency",
    "credit_status",
    "detect_credits",
    "line_credits",
    "status_from_credits",
]

CREDIT_KINDS = ("dateline", "credit", "byline")
CREDIT_STATUSES = ("credits_wire", "credits_other", "uncredited")

#: Canonical name of generic credits ("Agencies", "وكالات", "Staff and agencies").
GENERIC_AGENCY = "Agencies"


@dataclass(frozen=True, slots=True)
class Credit:
    """A credit, dateline or byline: ``text[start:end]`` as published.

    ``kind`` is ``"dateline"`` (a place, sometimes a date, and usually an agency
    opening the story: "PARIS (AFP) -"), ``"credit"`` (an agency credit without a
    place: "(Reuters)", "— Agencies", "© AFP") or ``"byline"`` ("By Jane Doe").
    ``agency`` is the canonical agency name ("AFP", "Reuters", "AP", "SPA", …,
    ``"Agencies"`` for generic credits), the source as published after "Source:" /
    "المصدر:" when it is not a known agency (a short name: no digits, addresses or
    references), or ``None`` (a byline or source line naming no agency).
    ``place`` is the dateline's place as published ("PARIS", "Kiev", "الرياض"), else
    ``None``.
    """

    start: int
    end: int
    kind: str
    agency: str | None
    place: str | None
    text: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``start``, ``end``, ``kind``, ``agency``, ``place``, ``text``."""
        return {"start": self.start, "end": self.end, "kind": self.kind,
                "agency": self.agency, "place": self.place, "text": self.text}


@dataclass(frozen=True, slots=True)
class CreditStatus:
    """Whether a copy credits the wire it reuses.

    ``status`` is ``"credits_wire"`` (the copy names the wire's agency, or credits
    "Agencies" generically, or credits some agency when the wire's own is unknown),
    ``"credits_other"`` (it credits only other agencies or sources) or
    ``"uncredited"`` (no agency credit at all; a staff byline does not count).
    ``wire_agency`` is the wire's agency (given, or inferred from the wire's own
    credits; ``None`` when unknown), ``credits`` every credit found in the copy,
    ``matched`` those that credit the wire, ``reason`` one line for a person.
    """

    status: str
    wire_agency: str | None
    credits: tuple[Credit, ...]
    matched: tuple[Credit, ...]
    reason: str

    @property
    def uncredited(self) -> bool:
        """True when the copy credits nobody: what rights teams look for."""
        return self.status == "uncredited"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready; credits by their index in ``credits`` (``matched``)."""
        return {"status": self.status, "wire_agency": self.wire_agency,
                "reason": self.reason, "credits": [c.to_dict() for c in self.credits],
                "matched": [self.credits.index(c) for c in self.matched]}


# --------------------------------------------------------------------------- #
# Agencies
# --------------------------------------------------------------------------- #

# Canonical name -> regular expression of the spellings that name it in a credit.
# Latin acronyms are case-sensitive ("AP", never "ap"), names allow their usual cases.
_AGENCY_PATTERNS: tuple[tuple[str, str], ...] = (
    ("AFP", r"AFP ?[/-] ?Relaxnews|Agence France[- ]Presse|AFP|Relaxnews|"
            r"[أا]\.? ?ف\.? ?ب|فرانس ?برس|وكالة الصحافة الفرنسية|АФП|Франс[- ]Пресс"),
    ("Reuters", r"Reuters|REUTERS|رويترز|Рейтер|Рейтерс"),
    ("AP", r"Associated Press|AP|[أا]سوشيتد ?برس|[أا]سوشييتد ?برس|[أا] ب"),
    ("SPA", r"Saudi Press Agency|SPA|وكالة الأنباء السعودية|واس"),
    ("dpa", r"dpa|DPA|د ب [أا]"),
    ("Xinhua", r"Xinhua|XINHUA|شينخوا|Синьхуа"),
    ("UPI", r"UPI|يو بي [آا]ي"),
    ("Anadolu", r"Anadolu(?: Agency)?|الأناضول"),
    ("EFE", r"EFE"),
    ("ANSA", r"ANSA"),
    ("Kyodo", r"Kyodo"),
    ("Yonhap", r"Yonhap"),
    ("PTI", r"PTI"),
    ("IANS", r"IANS"),
    ("Bernama", r"Bernama"),
    ("WAM", r"WAM|وام"),
    ("KUNA", r"KUNA|كونا"),
    ("QNA", r"QNA|قنا"),
    ("MENA", r"MENA|[أا] ش [أا]"),
    ("TASS", r"ITAR-TASS|ИТАР-ТАСС|TASS|ТАСС"),
    ("RIA Novosti", r"RIA Novosti|РИА Новости"),
    ("Interfax", r"Interfax|Интерфакс"),
    (GENERIC_AGENCY, r"[Ss]taff and agencies|[Ff]rom wire reports|[Ww]ire reports|"
                     r"[Ww]ire services|[Aa]gencies|AGENCIES|[Aa]gences|AGENCES|"
                     r"وكالات|متابعات|[Аа]гентства"),
)


def _agency_alternation() -> str:
    return "|".join(f"(?:{p})" for _, p in _AGENCY_PATTERNS)


@lru_cache(maxsize=2)
def _canonical_res(ignore_case: bool = False) -> tuple[tuple[str, re.Pattern[str]], ...]:
    flags = re.IGNORECASE if ignore_case else 0
    return tuple((name, re.compile(f"(?:{p})", flags)) for name, p in _AGENCY_PATTERNS)


def _canonical(name: str, *, ignore_case: bool = False) -> str | None:
    """The canonical agency of ``name`` as spelled (cases as in ``_AGENCY_PATTERNS``:
    what detection in running text uses), or in any case with ``ignore_case``."""
    name = " ".join(name.split()).strip("()[]/:.-–— ")
    for canon, rx in _canonical_res():
        if rx.fullmatch(name):
            return canon
    if ignore_case:
        for canon, rx in _canonical_res(True):
            if rx.fullmatch(name):
                return canon
    return None


def canonical_agency(name: str) -> str | None:
    """The canonical name of an agency as written, in any case ("Agence France-Presse"
    and "afp" -> "AFP", "reuters" -> "Reuters", "/ТАСС/" and "ИТАР-ТАСС" -> "TASS",
    "رويترز" -> "Reuters", "وكالات" -> "Agencies"), or ``None`` if unknown.

    This maps a name a caller gives; credits in a text are still found only in the
    cases agencies are written in ("AP", never "ap" in running text).
    Raises :class:`~syndetect.errors.InputError` when ``name`` is not a string.
    """
    if not isinstance(name, str):
        raise InputError(f"canonical_agency needs an agency name as a str, such as 'AFP' "
                         f"or 'Reuters', not {type(name).__name__}")
    return _canonical(name, ignore_case=True)


# --------------------------------------------------------------------------- #
# Patterns (compiled on first use)
# --------------------------------------------------------------------------- #

_DASH_CHARS = "-\u2013\u2014\u2012\u2015"
_DASH = r"\-" + _DASH_CHARS[1:]  # for character classes
# A place: one to four words of letters ("PARIS", "Kiev", "St. Petersburg", "مكة المكرمة").
_WORD = r"(?:[^\W\d_]{1,3}\.|[^\W\d_]+)"  # "St." may keep its dot, "said." may not
_PLACE = rf"{_WORD}(?:[ '\u2019\u00a0-]{{1,2}}{_WORD}){{0,3}}"
_DATE = rf"[^\W_][^\n()\[\]{_DASH}:,]{{0,28}}?"
_WITH = r"(?:[Ww]ith|WITH|[Aa]vec|AVEC|مع)"
# Between agencies credited together: "AFP/Reuters", "AFP, Reuters", "AFP and Reuters".
_AND = r"(?:\s*[,/;&]\s*|\s+(?:and|et|und|y|и)\s+|\s+و\s*)"
# TASS's "/Корр. ТАСС/", "/Спец. корр. ТАСС Иван Петров/".
_CORR = r"(?:(?:[Сс]пец\.\s*)?[Кк]орр\.\s*)?"


@dataclass(frozen=True)
class _Patterns:
    lead: re.Pattern[str]
    lead_bare: re.Pattern[str]
    spa_line: re.Pattern[str]
    spa_lead: re.Pattern[str]
    standalone: re.Pattern[str]
    source_line: re.Pattern[str]
    tail: re.Pattern[str]
    mid: re.Pattern[str]
    mid_place: re.Pattern[str]
    copyright: re.Pattern[str]
    byline: re.Pattern[str]
    reporting: re.Pattern[str]
    tail_words: frozenset[str]
    head_words: frozenset[str]
    photo: re.Pattern[str]
    line: re.Pattern[str]
    contributed: re.Pattern[str]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    ag = _agency_alternation()
    more = rf"(?:{_AND}(?:{ag}))*"  # further agencies credited with the first
    # "(AFP)", "(AFP/Reuters)", "/ТАСС/", "/Корр. ТАСС/", or a bare "AFP" (then a dash
    # or colon must follow: see _lead_credit).
    lead_agency = (
        rf"(?:[(\[]\s*(?P<pag>{ag}){more}\s*[)\]]|"
        rf"/\s*{_CORR}(?P<sag>{ag})(?:\s+{_WORD}){{0,3}}\s*/|(?P<bag>{ag}))(?!\w)"
        rf"(?P<end>\s*[{_DASH}:]+|\s*\.(?=\s|$)|\s+_(?=\s))?"
    )
    lead = re.compile(
        rf"(?:(?P<place>{_PLACE})(?:\s*,\s*(?P<date>{_DATE}))?\s*(?P<sep>[{_DASH},])?\s*)?"
        + lead_agency
    )
    lead_bare = re.compile(lead_agency)
    spa_body = (
        rf"(?P<place>[^\W\d_][^\d\n.!?\u061f]{{0,40}}?)\s*[{_DASH},]?\s*\d{{1,2}}\s"
        rf"[^\r.!?\u061f]{{2,90}}?[\s{_DASH}(.][\s.]*واس(?!\w)"
    )
    spa_line = re.compile(rf"{spa_body}\s*\)?\s*[:.{_DASH}]?")
    spa_lead = re.compile(rf"{spa_body}(?:\s*\))?(?:\s*[:.{_DASH}])?")
    standalone = re.compile(
        rf"(?:[{_DASH}]\s*|©\s*)?[(\[]?\s*(?:{_WITH}\s+)?(?P<ag>{ag}){more}(?!\w)\s*[)\]]?"
        rf"(?:\s*\d{{4}})?\s*[.:]?"
    )
    source_line = re.compile(
        r"(?:Source|Sources|SOURCE|Credit|Crédit|Источник|المصدر|مصدر)\s*[:：]\s*"
        r"(?P<src>[^\n]{2,60}?)\s*\.?"
    )
    tail = re.compile(
        rf"(?:[{_DASH}]\s*(?:{_WITH}\s+)?(?P<a1>{ag}){more}|"
        rf"[(\[]\s*(?:{_WITH}\s+)?(?P<a2>{ag}){more}\s*[)\]]|"
        rf"©\s*(?P<a3>{ag})(?:\s+\d{{4}})?|"
        rf"(?P<a4>AFP ?[/-] ?Relaxnews))(?!\w)\s*\.?\s*\Z"
    )
    mid = re.compile(rf"[(\[]\s*(?P<ag>{ag}){more}\s*[)\]]\s*[{_DASH}]+")
    mid_place = re.compile(
        rf"(?:^|(?<=[.!?\u061f\"\u201d]\s))(?P<place>[A-ZÀ-ÞА-ЯЁ][A-ZÀ-ÞА-ЯЁ'.\u2019 -]{{1,30}}?)"
        rf"(?:\s*,\s*{_DATE})?\s*[{_DASH}]?\s*\Z"
    )
    copyright = re.compile(rf"©\s*(?P<ag>{ag})(?!\w)(?:\s+\d{{4}})?")
    byline = re.compile(
        rf"(?P<kw>By|BY|Par|PAR|Von|VON|Por|POR|Автор|Текст|بقلم|كتب|إعداد)"
        rf"(?:\s*[:：{_DASH}]\s*|\s+)(?P<name>[^\n]{{2,80}}?)\s*\.?"
    )
    reporting = re.compile(
        r"\((?:Additional reporting|Reporting|Writing) by [^()\n]{2,300}\)"
    )
    words, heads = set(), set()
    for _, p in _AGENCY_PATTERNS:
        for alt in p.split("|"):
            # an optional group ("Anadolu(?: Agency)?") both left out and written out
            for group in (r"", r"\1"):
                opt = re.sub(r"\(\?:([^)]*)\)\?", group, alt)
                for variant in (r"\1", r"\2"):
                    plain = re.sub(r"\[(.)(.)?[^\]]*\]", variant, opt).replace("?", "")
                    parts = re.split(r"[ /-]", plain.replace("\\", ""))
                    words.add(parts[-1].lower())
                    heads.add(parts[0].lower())
    contributed = re.compile(
        rf"(?:(?:The|the)\s+)?(?P<ag>{ag})(?:\s*(?:,|and|&)\s*(?:the\s+)?(?:{ag}))*"
        r"\s+contributed(?:\s+reporting)?(?:\s+to\s+this\s+(?:report|story|article))?"
        r"\.?|(?:(?:Additional|With|with)\s+)?[Rr]eporting\s+(?:by|from)\s+"
        rf"(?:the\s+)?(?P<ag2>{ag})\.?|Information\s+from\s+(?:the\s+)?(?P<ag3>{ag})"
        r"\s+was\s+used\s+in\s+this\s+(?:report|story|article)\.?")
    line = re.compile(r"[^\s\u200b\u200e\u200f\ufeff](?:[^\n\r]*[^\s\u200b\u200e\u200f\ufeff])?")
    return _Patterns(lead, lead_bare, spa_line, spa_lead, standalone, source_line, tail, mid,
                     mid_place, copyright, byline, reporting, frozenset(words), frozenset(heads),
                     photo=re.compile(_PHOTO), line=line, contributed=contributed)


_BYLINE_CONNECTORS = frozenset({
    "and", "in", "for", "of", "de", "du", "des", "la", "le", "et", "with", "avec", "à",
    "und", "y", "e", "van", "von", "der", "al", "el", "bin", "ibn", "&", "/", ",", "-",
    "\u2013", "\u2014", "staff", "reporter", "correspondent", "writer", "editor",
})
_BYLINE_LATIN = frozenset({"By", "BY", "Par", "PAR", "Von", "VON", "Por", "POR"})
_PHOTO = r"(?i)\b(?:photo|photos|getty|image|images|caption|picture)\b|صورة|الصورة"
_STRIP = " \t\r\f\v\u00a0\u200b\u200e\u200f\ufeff"


# --------------------------------------------------------------------------- #
# Detection
# --------------------------------------------------------------------------- #


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _STRIP:
        s += 1
    while e > s and text[e - 1] in _STRIP:
        e -= 1
    return s, e


def _make(text: str, s: int, e: int, kind: str, agency: str | None,
          place: str | None) -> Credit:
    s, e = _strip_span(text, s, e)
    if place is not None:
        place = place.strip(_STRIP + _DASH_CHARS + ",") or None
    return Credit(s, e, kind, agency, place, text[s:e])


def _lead(text: str, s: int, e: int, pats: _Patterns) -> Credit | None:
    stop_at = min(e, s + 140)
    m = pats.lead.match(text, s, stop_at)
    if m is None:
        return None
    c = _lead_credit(text, s, e, m)
    if c is None and m.group("place"):
        m = pats.lead_bare.match(text, s, stop_at)
        if m is not None:
            c = _lead_credit(text, s, e, m)
    return c


def _arabic(name: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in name)


def _glued(text: str, i: int, j: int, e: int) -> bool:
    """Is the dash ``text[i:j]`` glued to words on both sides ("Reuters-Ipsos") in a
    line ending at ``e``?"""
    return j - i == 1 and i > 0 and j < e and not text[i - 1].isspace() \
        and not text[j].isspace()


def _lead_credit(text: str, s: int, e: int, m: re.Match[str]) -> Credit | None:
    groups = m.groupdict()
    place, sep, end = groups.get("place"), groups.get("sep"), m.group("end")
    name = m.group("pag") or m.group("sag") or m.group("bag")
    if place and len(place.split()) > 3:
        return None
    if m.group("bag") is not None:
        # A bare agency name opens a line only as "AFP -", "جدة - وكالات:" or
        # "МОСКВА, 19 дек — РИА Новости.": a dash or colon after it, and a dash
        # between it and any place before it. A dash glued to the words on both
        # sides counts only for an Arabic name ("واس-أعلنت", "الرياض-واس"), never in
        # "Reuters-Ipsos" or "Thomson-Reuters:"; an Arabic name after a place and a
        # dash needs nothing after it when the line ends or the dash is glued.
        dash_sep = sep is not None and sep != ","
        glued_sep = dash_sep and _glued(text, m.start("sep"), m.end("sep"), e)
        if not _arabic(name):
            if glued_sep or (end and _glued(text, m.start("end"), m.end("end"), e)):
                return None
        elif not end and place and dash_sep and (glued_sep or m.end() == e):
            end = ""
        if end is None or (place and not dash_sep):
            return None
    elif not end and place and not place.isupper():
        # "WASHINGTON (AP) The ..." needs no dash; "some words (AFP)" is a tail.
        return None
    if place and _patterns().photo.search(place):
        return None
    agency = _canonical(name)
    if agency is None:
        return None
    stop = m.end("end") if m.group("end") else m.end()
    return _make(text, s, stop, "dateline" if place else "credit", agency, place)


_BYLINE_STARTS = ("By ", "BY ", "By:", "Par ", "PAR ", "Von ", "VON ", "Por ", "POR ", "Автор",
                  "Текст", "بقلم", "كتب", "إعداد")
_SOURCE_STARTS = ("Source", "SOURCE", "Credit", "Crédit", "Источник", "المصدر", "مصدر")


def _source_name(src: str) -> bool:
    """Is this, after "Source:", the name of a publisher (kept as the credit's agency),
    rather than a data source, a reference or an address?"""
    return len(src.split()) <= 4 and not any(ch.isdigit() for ch in src) and \
        "www" not in src and "/" not in src and "." not in src


def _plain_place(place: str) -> bool:
    """A dateline's place: at most three words, no colon or quotation mark."""
    return len(place.split()) <= 3 and not any(q in place for q in ':"\u201c\u201d\u00ab\u00bb')


_WORD_BREAKS = str.maketrans("([/-", "    ")
_ARABIC_DASH = re.compile("[\u0600-\u06ff]-|-[\u0600-\u06ff]")


def _may_lead(head: str, pats: _Patterns) -> bool:
    """Cheap test: could an agency credit open a line starting with ``head``? A
    bracket, colon or dash (a hyphen with a space or an Arabic letter beside it, or
    ending ``head``), or a slash first or after a space ("/ТАСС/"), and an agency's
    first word among the first nine words (split at spaces, brackets, slashes and
    hyphens)."""
    if "(" not in head and "[" not in head and ":" not in head and "\u2013" not in head \
            and "\u2014" not in head and " -" not in head and "- " not in head \
            and not head.endswith("-") and " /" not in head and not head.startswith("/") \
            and not ("-" in head and _ARABIC_DASH.search(head)):
        return False
    heads = pats.head_words
    for w in head.translate(_WORD_BREAKS).lower().split()[:9]:
        w = w.strip(").]:,\u2013\u2014")
        if w in heads or ("." in w and w.split(".", 1)[0] in heads):
            return True
    return False


_CLOSE_DASH = (")-", ") -", ")\u2013", ") \u2013", ")\u2014", ") \u2014", "]-", "] -", ")\u00a0-")
_AFTER_CLOSE = {")": tuple(m[1:] for m in _CLOSE_DASH if m[0] == ")"),
                "]": tuple(m[1:] for m in _CLOSE_DASH if m[0] == "]")}


def _has_close_dash(text: str) -> bool:
    """Does any of ``_CLOSE_DASH`` occur in ``text``? (Found from the closing
    brackets: ten times faster than searching each mark in a non-ASCII text.)"""
    for bracket, tails in _AFTER_CLOSE.items():
        i = text.find(bracket)
        while i >= 0:
            if text.startswith(tails, i + 1):
                return True
            i = text.find(bracket, i + 1)
    return False
_TAIL_STRIP = ".)]:-\u2013\u2014 \u00a0"


def _line_credits(text: str, s: int, e: int, pats: _Patterns, out: list[Credit]) -> None:
    """Credits of the stripped line ``text[s:e]``."""
    n = e - s
    first = text[s]
    # The line's last word, for the cheap test "could a credit close this line?".
    tail_words = text[max(s, e - 24):e].rstrip(_TAIL_STRIP).rsplit(None, 1)
    last = tail_words[-1].lower().lstrip("([\u00a9") if tail_words else ""
    if last.isdigit() and len(last) == 4:  # "© AFP 2024"
        last = "\u00a9" if "\u00a9" in text[max(s, e - 40):e] else ""
    # "AFP/Relaxnews", "Agence France-Presse", "ИТАР-ТАСС", "الرياض-واس": the part
    # after the last slash or hyphen.
    agency_last = last in pats.tail_words or last == "\u00a9" or (
        ("/" in last or "-" in last)
        and last[max(last.rfind("/"), last.rfind("-")) + 1:] in pats.tail_words)
    # Bylines.
    if n <= 90 and text.startswith(_BYLINE_STARTS, s):
        m = pats.byline.fullmatch(text, s, e)
        if m is not None:
            b = _byline(text, m)
            if b is not None:
                out.append(b)
                return
    # "The Associated Press contributed to this report.", "Additional reporting by AFP".
    if n <= 160 and ("contributed" in text[s:e] or "eporting " in text[s:e]
                     or text.startswith("Information from", s)):
        m = pats.contributed.fullmatch(text, s, e)
        if m is not None:
            name = m.group("ag") or m.group("ag2") or m.group("ag3")
            out.append(_make(text, s, e, "credit", _canonical(name), None))
            return
    # A line that is only a credit: "Agencies", "(AFP)", "© Reuters 2024", "Source: SPA".
    if n <= 70:
        if agency_last:
            m = pats.standalone.fullmatch(text, s, e)
            if m is not None and not _patterns().photo.search(text, s, e):
                out.append(_make(text, s, e, "credit", _canonical(m.group("ag")), None))
                return
        if text.startswith(_SOURCE_STARTS, s):
            m = pats.source_line.fullmatch(text, s, e)
            if m is not None:
                src = m.group("src").strip()
                out.append(_make(text, s, e, "credit", _canonical(src) or (
                    src if _source_name(src) else None), None))
                return
    # An SPA dateline: "الرياض 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس", on a line
    # of its own or run into the first sentence, perhaps re-wrapped so that it starts
    # up to two lines up (same paragraph).
    spa_end = last == "\u0648\u0627\u0633" and n <= 160
    if spa_end or "\u0648\u0627\u0633" in text[s:s + 130]:
        starts = [s]
        while len(starts) < 3:
            prev = text.rfind("\n", 0, starts[-1])
            if prev <= 0:
                break
            ps, pe = _strip_span(text, text.rfind("\n", 0, prev) + 1, prev)
            if ps >= pe or s - ps > 120:
                break
            starts.append(ps)
        for ps in reversed(starts):
            m = pats.spa_line.fullmatch(text, ps, e) if spa_end else None
            if m is None:
                m = pats.spa_lead.match(text, ps, min(e, ps + 200))
                if m is not None and m.end() <= s:
                    m = None
            if m is not None and _plain_place(m.group("place")):
                out.append(_make(text, ps, m.end(), "dateline", "SPA", m.group("place")))
                return
    # A dateline or credit opening the line.
    lead = None
    if first in "([/" and _may_lead(text[s:s + 90], pats) or \
            first.isalpha() and _may_lead(text[s:s + 90], pats):
        lead = _lead(text, s, e, pats)
        if lead is not None:
            out.append(lead)
    # A credit closing the line.
    if agency_last:
        lo = max(s, e - 80, lead.end if lead is not None else s)
        m = pats.tail.search(text, lo, e)
        photo_from = s if n <= 80 else m.start() if m is not None else s
        if m is not None and not _patterns().photo.search(text, photo_from, m.end()):
            name = m.group("a1") or m.group("a2") or m.group("a3") or m.group("a4")
            agency = _canonical(name)
            if agency is not None:
                out.append(_make(text, m.start(), m.end(), "credit", agency, None))


def _byline(text: str, m: re.Match[str]) -> Credit | None:
    kw = m.group("kw")
    name = m.group("name")
    words = name.replace(",", " , ").split()
    if not words or len(words) > 10:
        return None
    agency = None
    if kw in _BYLINE_LATIN:
        # "By Jane Doe, AFP", not "By Tuesday, all was calm".
        if not words[0][:1].isupper():
            return None
        for w in words:
            if w[:1].isupper() or w.lower() in _BYLINE_CONNECTORS or _canonical(w):
                continue
            return None
    elif len(words) > 6:
        return None
    for k in range(1, min(3, len(words)) + 1):
        agency = _canonical(" ".join(words[-k:]))
        if agency is not None:
            break
    if agency is None and "," in name:
        agency = _canonical(name.rsplit(",", 1)[1])
    return _make(text, m.start(), m.end(), "byline", agency, None)




def _lines(text: str) -> list[tuple[int, int]]:
    """Non-blank lines, trimmed, as (start, end)."""
    return [m.span() for m in _patterns().line.finditer(text)]


def detect_credits(text: str, *, lines: Iterable[tuple[int, int]] | None = None
                   ) -> tuple[Credit, ...]:
    """Every wire credit, dateline and byline in ``text``, in reading order.

    ``lines``: the (start, end) spans of the trimmed lines that may hold a credit of
    their own, when the caller already knows them (:func:`syndetect.text.analyse`
    passes the first and last line of each paragraph: a line inside a hard-wrapped
    paragraph never does); by default every line.

    >>> [c.text for c in detect_credits("PARIS (AFP) - Talks resumed.\\n\\n— Agencies")]
    ['PARIS (AFP) -', '— Agencies']

    Raises :class:`~syndetect.errors.InputError` when ``text`` is not a string.
    """
    if not isinstance(text, str):
        hint = " (decode bytes with .decode('utf-8') first)" if isinstance(text, bytes) else ""
        raise InputError(f"detect_credits needs a str, not {type(text).__name__}{hint}")
    if not text:
        return ()
    pats = _patterns()
    found: list[Credit] = []
    spans = _lines(text) if lines is None else lines
    credit_lines = getattr(_scan, "credit_lines", None)  # None: no C, or an old build
    if credit_lines is not None:
        # The C filter drops the lines where every test of _line_credits would fail.
        spans = list(spans)
        spans = [spans[i] for i in credit_lines(text, spans, pats.tail_words,
                                                pats.head_words, _BYLINE_STARTS,
                                                _SOURCE_STARTS)]
    for s, e in spans:
        _line_credits(text, s, e, pats, found)
    # Credits in running text: a dateline after merged paragraphs ("... said. PARIS
    # (AFP) - ..."), "© AFP" anywhere, Reuters' "(Reporting by ...)".
    if _has_close_dash(text):
        for m in pats.mid.finditer(text):
            agency = _canonical(m.group("ag"))
            if agency is None:
                continue
            start, place = m.start(), None
            ls = text.rfind("\n", 0, start) + 1
            pm = pats.mid_place.search(text, max(ls, start - 48), start)
            if pm is not None:
                start, place = pm.start("place"), pm.group("place")
            found.append(_make(text, start, m.end(), "dateline" if place else "credit",
                               agency, place))
    if "ing by " in text:
        for m in pats.reporting.finditer(text):
            found.append(_make(text, m.start(), m.end(), "byline", "Reuters", None))
    if "\u00a9" in text:
        for m in pats.copyright.finditer(text):
            ls = text.rfind("\n", 0, m.start()) + 1
            if not _patterns().photo.search(text, ls, m.start()):
                found.append(_make(text, m.start(), m.end(), "credit",
                                   _canonical(m.group("ag")), None))
    return _resolve(found)


def line_credits(text: str, pos: int) -> tuple[Credit, ...]:
    """The credits of the one line of ``text`` holding offset ``pos``: a cheap test
    for code that only needs to know whether a few places stand inside a credit.
    (Datelines standing mid-line after merged paragraphs are not looked for.)"""
    ls = text.rfind("\n", 0, pos) + 1
    le = text.find("\n", pos)
    s, e = _strip_span(text, ls, len(text) if le < 0 else le)
    if s >= e:
        return ()
    found: list[Credit] = []
    _line_credits(text, s, e, _patterns(), found)
    return _resolve(found)


def _resolve(found: list[Credit]) -> tuple[Credit, ...]:
    """Sorted, without overlaps: of two overlapping finds the earlier (then longer)
    one stays, except that a byline wins over a credit inside it."""
    if not found:
        return ()
    found.sort(key=lambda c: (c.start, -c.end, c.kind != "byline"))
    out: list[Credit] = []
    for c in found:
        if out and c.start < out[-1].end:
            prev = out[-1]
            if c.kind == "byline" and prev.kind != "byline" and c.end >= prev.end:
                out[-1] = c
            continue
        out.append(c)
    return tuple(c for c in out if c.end > c.start)


# --------------------------------------------------------------------------- #
# Status
# --------------------------------------------------------------------------- #


def _names(text: str, agency: str) -> bool:
    """Does a credit's text name ``agency`` anywhere ("Reuters and AFP contributed")?"""
    for canon, rx in _canonical_res():
        if canon == agency:
            return any(not (m.start() and text[m.start() - 1].isalnum()) and
                       not (m.end() < len(text) and text[m.end()].isalnum())
                       for m in rx.finditer(text))
    return False


def _wire_agency(credits: tuple[Credit, ...]) -> str | None:
    """The wire's agency: the first named (non-generic) agency among its credits,
    datelines first."""
    for kinds in (("dateline", "credit"), ("byline",)):
        for c in credits:
            if c.kind in kinds and c.agency and c.agency != GENERIC_AGENCY \
                    and _canonical(c.agency) == c.agency:
                return c.agency
    return None


def status_from_credits(
    wire_credits: tuple[Credit, ...],
    copy_credits: tuple[Credit, ...],
    *,
    wire_agency: str | None = None,
) -> CreditStatus:
    """:func:`credit_status` from credits already detected (no text is re-read)."""
    if wire_agency is not None:
        if not isinstance(wire_agency, str):
            raise InputError(
                f"wire_agency must be an agency name as a str, such as 'AFP', 'Reuters', "
                f"'AP' or 'SPA' (or None to infer it from the wire), not "
                f"{type(wire_agency).__name__}")
        canon = canonical_agency(wire_agency)
        if canon is None:
            raise InputError(
                f"unknown wire_agency {wire_agency!r}; pass a canonical name such as "
                f"'AFP', 'Reuters', 'AP' or 'SPA' (see syndetect.credits.canonical_agency)"
            )
        wire_agency = canon
    else:
        wire_agency = _wire_agency(wire_credits)
    crediting = tuple(c for c in copy_credits if c.agency)
    if not crediting:
        return CreditStatus("uncredited", wire_agency, copy_credits, (),
                            "no agency credit in the copy")
    names = sorted({c.agency for c in crediting if c.agency})
    if wire_agency is not None:
        named = tuple(c for c in crediting
                      if c.agency == wire_agency or _names(c.text, wire_agency))
        if named:
            return CreditStatus("credits_wire", wire_agency, copy_credits, named,
                                f"the copy credits {wire_agency}")
    generic = tuple(c for c in crediting if c.agency == GENERIC_AGENCY)
    if generic:
        who = f"without naming {wire_agency}" if wire_agency else "generically"
        return CreditStatus("credits_wire", wire_agency, copy_credits, generic,
                            f"the copy credits agencies {who}")
    if wire_agency is None:
        return CreditStatus("credits_wire", None, copy_credits, crediting,
                            f"the wire's agency is unknown; the copy credits {', '.join(names)}")
    return CreditStatus("credits_other", wire_agency, copy_credits, (),
                        f"the copy credits {', '.join(names)}, not {wire_agency}")


def credit_status(wire: str, copy: str, *, wire_agency: str | None = None) -> CreditStatus:
    """Whether ``copy`` credits the agency of ``wire``.

    ``wire_agency`` names the wire's agency ("AFP", "Reuters", "SPA", or any spelling
    :func:`canonical_agency` knows, in any case: "afp"); by default it is inferred
    from the wire's own credits. Raises :class:`~syndetect.errors.InputError` for a
    non-string text or a ``wire_agency`` that is not a string or names no known agency.
    """
    if not isinstance(wire, str):  # read only without wire_agency, but checked always
        detect_credits(wire)
    copy_credits = detect_credits(copy)
    wire_credits = detect_credits(wire) if wire_agency is None else ()
    return status_from_credits(wire_credits, copy_credits, wire_agency=wire_agency)
