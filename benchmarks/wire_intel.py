"""Wire intelligence: credit and dateline detection, credit status, changed facts.

Ground truth comes from the wire-syndication generator (``synth_syndication``, used
read-only): ``make_copy_traced`` hands over each copy with the builder that made it,
so that this module can read, for every copy word, the base word it came from and the
edits that touched it. From that it derives:

- **credits**: the wire's dateline ("MOSCOW (AFP) -" on English DUC stories, the SPA
  dateline line on Arabic SaudiNewsNet wires), where it survives in each copy, the
  credit a "dateline and credit rewritten" edit puts in its place ("Agencies -",
  "جدة - وكالات:"), and the dateline of the other story a partial copy or distractor
  is built on. Detection precision/recall is by span overlap; agency accuracy on the
  matches.
- **credit status**: every light/heavy copy as generated (expected ``credits_wire``),
  the same copy with its credits cut out (``uncredited``) and with them replaced by
  another agency's dateline (``credits_other``).
- **changed facts**: word-level edits with their old and new words: "number change"
  must come out as ``number``; "word substitution" inside quotation marks (by
  ``syndetect.analyse``'s quotation flags) as ``quotation``; a capitalised word
  replaced by another capitalised word as ``name``/``place``; "respelling" as
  ``style``. A fact (non-style) change is a true positive when it overlaps a substance
  edit (number change, word substitution), a false positive when it overlaps none;
  changes inside sentence rewrites (where the generator substitutes random words) are
  left out of both counts.

A small hand-written set (English, Arabic, French; written for this project) checks
the same on the kinds the generator does not make: Kiev/Kyiv, "ten" -> "12", Arabic
digits, reporting-verb swaps, a quotation attributed to someone else.

Without the data folder only the hand-written set runs.
"""

from __future__ import annotations

import random
import re
import statistics
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import syndetect
from syndetect.credits import Credit, credit_status, detect_credits
from syndetect.facts import FactChange, changed_facts

from . import synth_syndication as synth
from .common import md_table, stable_key

__all__ = ["HAND_PAIRS", "run"]

MIXES = ("light", "heavy", "partial")
FACT_KINDS = ("number", "name", "place", "quotation")
SUBSTANCE = frozenset({"number change", "word substitution"})
_DATE_WORDS = frozenset([
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday"])


# --------------------------------------------------------------------------- #
# Ground truth derived from the generator
# --------------------------------------------------------------------------- #


@dataclass
class WordEdit:
    type: str
    old: str
    new: str
    a_span: tuple[int, int]
    b_span: tuple[int, int]
    expect: str | None  # "number", "quotation", "name/place", "style" or None


@dataclass
class Sample:
    lang: str
    wire: str
    copy: str
    mix: str
    wire_agency: str | None
    credits_wire: list[tuple[int, int, str | None]]  # expected credits in the wire
    credits_copy: list[tuple[int, int, str | None]]  # expected credits in the copy
    ambiguous_copy: list[tuple[int, int]]  # spans where detections are not scored
    word_edits: list[WordEdit]
    rewrites: list[tuple[int, int]]  # b spans of sentence rewrites


_CREDIT_AGENCY = {
    "Agencies -": "Agencies", "Staff and agencies -": "Agencies",
    "(Wire services) -": "Agencies", "From wire reports -": "Agencies",
    "وكالات -": "Agencies", "متابعات -": "Agencies", "الرياض - واس:": "SPA",
    "جدة - وكالات:": "Agencies",
}


def _agency_of(words: list[str], lang: str) -> str | None:
    if lang == "ar":
        return "SPA" if "واس" in [w.strip("\u200e\u200f.") for w in words] else None
    for w in words:
        if w.startswith("("):
            return syndetect.credits.canonical_agency(w)
    return None


def _new_dateline(words: list[str], lang: str) -> int:
    """Words of the dateline opening a paragraph (of another story), or 0."""
    if lang == "ar":
        head = [w.strip("\u200e\u200f.") for w in words[:16]]
        return head.index("واس") + 1 if "واس" in head else 0
    if len(words) > 2 and words[1].startswith("(") and words[2] == "-":
        return 3
    return 0


def _dateline_n(words: list[str], lang: str) -> int:
    return synth._dateline_words([synth.Word(w) for w in words], lang)  # type: ignore[arg-type]


def _sample(story: synth.Story, mix: str, pool: synth.StoryPool) -> Sample:
    wire, base_spans = synth.render_base(story)
    base_words = [w for p in story.paragraphs for w in p]
    # The generator's own rule, or ours where it misses one ("واس\u200f").
    n_base = _dateline_n(list(story.paragraphs[0]), story.lang) or \
        _new_dateline(list(story.paragraphs[0]), story.lang)
    agency = _agency_of(base_words[:n_base], story.lang) if n_base else None
    credits_wire = [(base_spans[0][0], base_spans[n_base - 1][1], agency)] if n_base else []
    seed = stable_key(story.id, mix, "wire_intel")
    page, b = synth.make_copy_traced(story, mix, pool, seed)
    _, spans = synth._render(b.paras)
    kinds = {e.id: e.type for e in page.edits}
    dl_edit = next((e.id for e in page.edits if e.type == "dateline and credit rewritten"), None)
    credits_copy: list[tuple[int, int, str | None]] = []
    ambiguous: list[tuple[int, int]] = []
    word_edits: list[WordEdit] = []
    rewrites: list[tuple[int, int]] = []
    quoted = _quoted_spans(page.text)
    k = 0
    for p in b.paras:
        pspans = spans[k:k + len(p.words)]
        k += len(p.words)
        if not p.words:
            continue
        texts = [w.text for w in p.words]
        # The credit a rewritten dateline put in place.
        new = [sp for w, sp in zip(p.words, pspans) if dl_edit is not None and dl_edit in w.edits]
        if new:
            credit = " ".join(w.text for w in p.words if dl_edit in w.edits)
            credits_copy.append((new[0][0], new[-1][1], _CREDIT_AGENCY.get(credit)))
        # The wire's own dateline, where it survives.
        kept = [(w, sp) for w, sp in zip(p.words, pspans)
                if w.lo is not None and w.lo < n_base and dl_edit not in w.edits]
        if kept and p.kind == "story":
            if any(kinds[e] == "sentence rewrite" for w, _ in kept for e in w.edits):
                ambiguous.append((kept[0][1][0], kept[-1][1][1]))
            else:
                credits_copy.append((kept[0][1][0], kept[-1][1][1], agency))
        # Datelines carried by material from other stories: the host story of a
        # partial copy, an added paragraph or lead taken from another wire.
        if p.kind == "new" and not new:
            n_other = _new_dateline(texts, story.lang)
            if n_other:
                credits_copy.append((pspans[0][0], pspans[n_other - 1][1],
                                     _agency_of(texts[:n_other], story.lang)))
        for w, sp in zip(p.words, pspans):
            for e in w.edits:
                t = kinds[e]
                if t == "sentence rewrite":
                    rewrites.append(sp)
                elif t in ("number change", "word substitution", "respelling") and w.lo is not None:
                    old = base_words[w.lo]
                    word_edits.append(WordEdit(t, old, w.text, base_spans[w.lo], sp,
                                               _expect(t, old, w.text, page.text, sp, quoted)))
    return Sample(story.lang, wire, page.text, mix, agency, credits_wire, credits_copy,
                  ambiguous, word_edits, rewrites)


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    t = syndetect.analyse(text, boilerplate=False)
    return [(t.starts[i], t.ends[i]) for i in range(len(t)) if t.quoted[i]]


def _expect(t: str, old: str, new: str, text: str, sp: tuple[int, int],
            quoted: list[tuple[int, int]]) -> str | None:
    if t == "number change":
        return "number"
    if t == "respelling":
        return "style"
    if any(s < sp[1] and sp[0] < e for s, e in quoted):
        return "quotation"
    o, n = old.strip(".,;:\"'()"), new.strip(".,;:\"'()")
    if o.lower() in _DATE_WORDS or n.lower() in _DATE_WORDS:
        return None
    before = text[:sp[0]].rstrip(" \n\"'(\u201c")
    if o[:1].isupper() and n[:1].isupper() and before and before[-1] not in ".!?":
        return "name/place"
    return None


def build(stories: dict[str, list[synth.Story]], per_lang: int) -> list[Sample]:
    samples = []
    for all_stories in stories.values():
        n = min(per_lang, len(all_stories) // 2)
        pool = synth.StoryPool(all_stories[n:])
        for story in all_stories[:n]:
            rng = random.Random(stable_key(story.id, "quote"))
            wire_story = story
            if len(samples) % 2 == 0:
                wire_story = synth.with_quote(story, pool.sentence(rng, story.id, 12, 30), rng)
            for mix in MIXES:
                samples.append(_sample(wire_story, mix, pool))
    return samples


# --------------------------------------------------------------------------- #
# Scoring
# --------------------------------------------------------------------------- #


def _overlap(x0: int, x1: int, y0: int, y1: int) -> bool:
    return x0 < y1 and y0 < x1


@dataclass
class CreditScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    agency_ok: int = 0
    fps: list[str] | None = None
    fns: list[str] | None = None

    def add(self, text: str, expected: list[tuple[int, int, str | None]],
            found: tuple[Credit, ...], ambiguous: list[tuple[int, int]]) -> None:
        if self.fps is None:
            self.fps, self.fns = [], []
        assert self.fns is not None
        for c in found:
            if any(_overlap(c.start, c.end, s, e) for s, e in ambiguous):
                continue
            match = [x for x in expected if _overlap(c.start, c.end, x[0], x[1])]
            if match:
                self.tp += 1
                self.agency_ok += c.agency == match[0][2]
            else:
                self.fp += 1
                self.fps.append(c.text[:60])
        for s, e, _ in expected:
            if not any(_overlap(c.start, c.end, s, e) for c in found):
                self.fn += 1
                self.fns.append(text[s:e][:60])

    def figures(self) -> dict[str, Any]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        # Unrounded: _pct formats them (rounding here first would round twice).
        return {"precision": p, "recall": r, "tp": self.tp, "fp": self.fp, "fn": self.fn,
                "agency_accuracy": self.agency_ok / self.tp if self.tp else None}


def _variants(s: Sample) -> list[tuple[str, str]]:
    """(expected status, copy text) for a light/heavy copy: as generated, with its
    credits cut, with them replaced by another agency's."""
    spans = sorted((a, b) for a, b, _ in s.credits_copy)
    if not spans or s.wire_agency is None or s.ambiguous_copy:
        return []
    out = [("credits_wire", s.copy)]
    other = ("LONDON (Reuters) -" if s.wire_agency != "Reuters" else "LONDON (AP) -") \
        if s.lang == "en" else "القاهرة (أ ف ب) -"
    for status, repl in (("uncredited", ""), ("credits_other", other)):
        text, pos = [], 0
        for a, b in spans:
            text.append(s.copy[pos:a])
            text.append(repl)
            pos = b
        text.append(s.copy[pos:])
        out.append((status, "".join(text)))
    return out


@dataclass
class FactScore:
    tp: int = 0
    fp: int = 0
    excluded: int = 0
    style_on_substance: int = 0

    def __post_init__(self) -> None:
        self.recall: dict[str, list[int]] = {}
        self.fps: list[str] = []
        self.misses: list[str] = []

    def add(self, s: Sample, facts: tuple[FactChange, ...]) -> None:
        substance = [e for e in s.word_edits if e.type in SUBSTANCE]
        for f in facts:
            hit = [e for e in s.word_edits if _overlap(f.b_start, f.b_end, *e.b_span)]
            if f.kind == "style":
                self.style_on_substance += any(e.type in SUBSTANCE for e in hit)
                continue
            if any(e.type in SUBSTANCE for e in hit) or (hit and f.kind == "quotation"):
                self.tp += 1
            elif any(_overlap(f.b_start, f.b_end, a, b) for a, b in s.rewrites):
                self.excluded += 1
            else:
                self.fp += 1
                self.fps.append(f"{f.kind}: {f.a_text[:30]!r} -> {f.b_text[:30]!r}")
        del substance
        for e in s.word_edits:
            if e.expect is None:
                continue
            kinds = {f.kind for f in facts if _overlap(f.b_start, f.b_end, *e.b_span)}
            # A changed name is right as a name, a place, or (next to a quotation) as
            # a quotation attributed to someone else; a name changed inside a quotation
            # is right as a quotation or as a name.
            want = {"name/place": {"name", "place", "quotation"}}.get(e.expect, {e.expect})
            if e.expect == "quotation" and (e.old[:1].isupper() or e.new[:1].isupper()):
                want = {"quotation", "name", "place"}
            ok = bool(kinds & want)
            row = self.recall.setdefault(e.expect, [0, 0])
            row[0] += ok
            row[1] += 1
            if not ok and len(self.misses) < 12:
                self.misses.append(f"{e.expect}: {e.old!r} -> {e.new!r} got {sorted(kinds)}")

    def figures(self) -> dict[str, Any]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        rec = {k: v[0] / v[1] for k, v in sorted(self.recall.items()) if v[1]}
        n = {k: v[1] for k, v in sorted(self.recall.items())}
        facts = [v for k, v in self.recall.items() if k != "style"]
        hit, tot = sum(v[0] for v in facts), sum(v[1] for v in facts)
        return {"precision": p, "recall": hit / tot if tot else None,
                "recall_by_kind": rec, "edits_by_kind": n, "tp": self.tp, "fp": self.fp,
                "in_sentence_rewrites": self.excluded,
                "style_on_substance_edits": self.style_on_substance}


# --------------------------------------------------------------------------- #
# Hand-written pairs
# --------------------------------------------------------------------------- #

# (wire, copy, expected facts as (kind, a_text, b_text), expected copy credit status)
HAND_PAIRS: tuple[tuple[str, str, tuple[tuple[str, str, str], ...], str], ...] = (
    (
        "KYIV (AFP) - Russian drones struck Kiev overnight, killing at least ten people and "
        "wounding 4,300, the city's mayor Vitali Klitschko said on Tuesday.\n\n"
        "\"We will rebuild every house,\" Klitschko told reporters near the damaged building "
        "in the Solomianskyi district.",
        "Russian drones struck Kyiv overnight, killing at least 12 people and wounding 4,500, "
        "the city's mayor Vitali Klitschko told AFP on Tuesday.\n\n"
        "\"We will restore every house,\" Klitschko told reporters near the damaged building "
        "in the Solomianskyi district.",
        (("style", "Kiev", "Kyiv"), ("number", "ten", "12"), ("number", "4,300", "4,500"),
         ("style", "said", "told AFP"), ("quotation", "rebuild", "restore")),
        "uncredited",
    ),
    (
        "MOSCOW, Dec 19 (Reuters) - Belarusian President Alexander Lukashenko met Russian "
        "President Vladimir Putin in Minsk on Monday for talks on economic ties and defence.\n\n"
        "\"Belarus and Russia stand together,\" Lukashenko said after the meeting, according "
        "to his press service.",
        "MOSCOW, Dec 19 (Reuters) - Belarusian President Alexander Loukachenko met Russian "
        "President Vladimir Putin in Grodno on Monday for talks on economic ties and defense.\n\n"
        "\"Belarus and Russia stand together,\" Putin said after the meeting, according "
        "to his press service.",
        (("style", "Lukashenko", "Loukachenko"), ("place", "Minsk", "Grodno"),
         ("style", "defence", "defense"), ("quotation", "Lukashenko", "Putin")),
        "credits_wire",
    ),
    (
        "الرياض 12 ربيع الأول 1447 هـ الموافق 4 سبتمبر 2025 م واس\n"
        "أعلنت وزارة الصحة اليوم تسجيل 120 إصابة جديدة في مدينة جدة خلال الأسبوع الماضي، "
        "مشيرة إلى أن جميع الحالات مستقرة.\n"
        "وقال المتحدث باسم الوزارة: \"إن الوضع تحت السيطرة التامة ولا داعي للقلق\" مؤكدا "
        "استمرار حملات التوعية في جميع المناطق.",
        "جدة - وكالات: أعلنت وزارة الصحة اليوم تسجيل ١٢٠ إصابة جديدة في مدينة الدمام خلال "
        "الأسبوع الماضي، مشيرة إلى أن جميع الحالات مستقرة.\n"
        "وقال المتحدث باسم الوزارة: \"إن الوضع تحت السيطرة الكاملة ولا داعي للقلق\" مؤكدا "
        "استمرار حملات التوعية في جميع المناطق.",
        (("place", "جدة", "الدمام"), ("quotation", "التامة", "الكاملة")),
        "credits_wire",
    ),
    (
        "PARIS (AFP) - Le gouvernement a annoncé mardi un plan de 1,5 milliard d'euros pour "
        "la reconstruction des écoles de la ville de Lyon, a indiqué le ministre.\n\n"
        "Les travaux doivent commencer en septembre et durer trois ans, selon le ministère.",
        "Le gouvernement a annoncé mercredi un plan de 2 milliards d'euros pour la "
        "reconstruction des écoles de la ville de Marseille, a précisé le ministre.\n\n"
        "Les travaux doivent commencer en septembre et durer trois ans, selon le ministère. "
        "(avec AFP)",
        (("number", "mardi", "mercredi"), ("number", "1,5 milliard", "2 milliards"),
         ("place", "Lyon", "Marseille"), ("style", "indiqué", "précisé")),
        "credits_wire",
    ),
    (
        "WASHINGTON (AP) - The Senate approved a $95 billion aid package on Tuesday after "
        "months of negotiations, sending it to the House.\n\n"
        "Senate Majority Leader Chuck Schumer said the vote showed that \"America keeps "
        "its word to its allies,\" and urged quick action.",
        "WASHINGTON - The Senate approved a $95bn aid package on Tuesday after months of "
        "negotiations, sending it to the House.\n\n"
        "Senate Majority Leader Chuck Schumer said the vote showed that \u201cAmerica keeps "
        "its promise to its allies,\u201d and urged quick action.\n\n(Reuters)",
        (("quotation", "word", "promise"),),
        "credits_other",
    ),
    (
        "The minister said on Sept 3 that two people had been evacuated from Kharkov after the "
        "floods, and that Mr Smith would visit the region with U.S. officials.\n\n"
        "\"We are doing everything we can,\" he told reporters. (AFP)",
        "The minister said on September 3 that 2 people had been evacuated from Kharkiv after "
        "the floods, and that Mr. Smith would visit the region with US officials.\n\n"
        "\u201cWe're doing everything we can,\u201d he told reporters.",
        (("style", "Sept", "September"), ("style", "two", "2"), ("style", "Kharkov", "Kharkiv"),
         ("style", "are", "re")),
        "uncredited",
    ),
    (
        "جدة (واس) - وقال وزير الخارجية الأمير فيصل بن فرحان إن المملكة تدعم الحل السياسي في "
        "اليمن بشكل كامل، وإن الرياض ستستضيف اجتماعا لعشرة وزراء الأسبوع المقبل.",
        "وقال وزير الخارجية الأمير خالد بن سلمان إن المملكة تدعم الحل السياسي في السودان بشكل "
        "كامل، وإن الرياض ستستضيف اجتماعا لاثني عشر وزيرا الأسبوع المقبل.\nالمصدر: صحيفة المدينة",
        (("name", "فيصل", "خالد"), ("name", "فرحان", "سلمان"), ("place", "اليمن", "السودان"),
         ("number", "لعشرة", "لاثني عشر")),
        "credits_other",
    ),
)


def _hand() -> dict[str, Any]:
    tp = fp = fn = 0
    status_ok = 0
    misses: list[str] = []
    for wire, copy, expected, status in HAND_PAIRS:
        c = syndetect.compare(wire, copy)
        got = {(f.kind, f.a_text, f.b_text) for f in changed_facts(c)}
        want = set(expected)
        tp += len(got & want)
        fp += len({g for g in got - want if g[0] != "style"})
        fn += len(want - got)
        misses += [f"missed {w}" for w in sorted(want - got)]
        misses += [f"extra {g}" for g in sorted(got - want)]
        status_ok += credit_status(wire, copy).status == status
    return {"pairs": len(HAND_PAIRS), "facts_expected": tp + fn, "facts_found": tp,
            "facts_extra": fp, "status_correct": status_ok, "notes": misses}


# --------------------------------------------------------------------------- #
# Runner
# --------------------------------------------------------------------------- #


# --------------------------------------------------------------------------- #
# Derived name edits (the generator seldom swaps one name for another)
# --------------------------------------------------------------------------- #

_CAP = re.compile(r"(?<=[a-z,] )[A-Z][a-z]{3,}(?=[ ,.;])")
_AR_PLACES = ("الرياض", "جدة", "الدمام", "مكة", "القاهرة", "دبي", "الكويت", "بيروت", "أبها",
              "تبوك", "الطائف", "بغداد", "دمشق", "عمان", "الخرطوم", "صنعاء")
_AR_PLACE = re.compile(r"(?<=[\s])(?:" + "|".join(_AR_PLACES) + r")(?=[\s.,،])")
_RESPELL = (("ie", "y"), ("ov", "ow"), ("sh", "ch"), ("ck", "k"), ("y", "i"), ("ou", "u"),
            ("ss", "s"), ("ll", "l"), ("ei", "ey"), ("ai", "ay"), ("k", "c"), ("c", "k"),
            ("i", "y"), ("o", "a"), ("e", "a"))


def _respell(name: str) -> str:
    """A transliteration-like variant of ``name`` (first letter kept)."""
    for old, new in _RESPELL:
        i = name.find(old, 1)
        if i > 0:
            return name[:i] + new + name[i + len(old):]
    return name + "e"


def _name_trials(samples: list[Sample]) -> dict[str, Any]:
    """Swap one kept name for another (expected name/place), respell another (expected
    style); in Arabic swap a known place (expected place)."""
    names = sorted({m.group() for s in samples if s.lang == "en" for m in _CAP.finditer(s.wire)
                    if m.group().lower() not in _DATE_WORDS})
    got: Counter[str] = Counter()
    for s in samples:
        if s.mix not in ("light", "heavy"):
            continue
        busy = [e.b_span for e in s.word_edits] + s.rewrites + [(a, b) for a, b, _ in
                                                                   s.credits_copy]
        kept = [(x.b_start, x.b_end) for x in syndetect.compare(s.wire, s.copy).shared]
        rx = _CAP if s.lang == "en" else _AR_PLACE
        cands = [m for m in rx.finditer(s.copy)
                 if not any(_overlap(m.start(), m.end(), a, b) for a, b in busy)
                 and any(a <= m.start() and m.end() <= b for a, b in kept)
                 and m.group().lower() not in _DATE_WORDS]
        rng = random.Random(stable_key(s.wire[:200], s.mix, "names"))
        if not cands:
            continue
        picks = rng.sample(cands, min(2, len(cands)))
        if len(picks) == 2 and abs(picks[0].start() - picks[1].start()) < 40:
            picks = picks[:1]  # two edits in one name would test neither
        edits: list[tuple[int, int, str, str]] = []  # start, end, new text, expected
        first = picks[0]
        if s.lang == "en":
            other = [n for n in names if n[0] != first.group()[0]]
            edits.append((first.start(), first.end(), rng.choice(other), "name/place"))
            if len(picks) > 1 and picks[1].group() != first.group():
                edits.append((picks[1].start(), picks[1].end(), _respell(picks[1].group()),
                              "style"))
        else:
            other = [n for n in _AR_PLACES if n != first.group()]
            edits.append((first.start(), first.end(), rng.choice(other), "place"))
        text = s.copy
        spans: list[tuple[int, int, str]] = []
        shift = 0
        for a, b, new, want in sorted(edits):
            text = text[:a + shift] + new + text[b + shift:]
            spans.append((a + shift, a + shift + len(new), want))
            shift += len(new) - (b - a)
        facts = changed_facts(syndetect.compare(s.wire, text))
        for a, b, want in spans:
            kinds = {f.kind for f in facts if _overlap(f.b_start, f.b_end, a, b)}
            # A name changed next to a quotation is reported as a quotation attributed
            # to someone else: right too.
            ok = {"name/place": {"name", "place", "quotation"}}.get(want, {want})
            got[f"{s.lang} {want}: tried"] += 1
            got[f"{s.lang} {want}: right kind"] += bool(kinds & ok)
            if want == "style":
                got[f"{s.lang} {want}: called a fact"] += bool(kinds - {"style"})
    return dict(sorted(got.items()))


def _plus_days(day: str, n: int) -> str:
    from datetime import date, timedelta

    try:
        return (date.fromisoformat(day) + timedelta(days=n)).isoformat()
    except ValueError:
        return day


def _real_republications(data_dir: Path | None) -> dict[str, Any] | None:
    """Unlabelled real pairs: SaudiNewsNet outlet articles published within two days
    after an SPA wire, sharing at least ten 8-word runs with it, that compare calls a
    republication; what ``changed_facts`` and ``credit_status`` say about them."""
    from .common import iter_jsonl

    path = data_dir / "saudinewsnet_ar" / "docs.jsonl.gz" if data_dir else None
    if path is None or not path.is_file():
        return None
    docs = list(iter_jsonl(path))
    wire_docs = [d for d in docs if d.get("source") == "was"]
    wires = [d["text"] for d in wire_docs]
    days = [str(d.get("date_extracted", ""))[:10] for d in wire_docs]

    def runs(text: str) -> set[str]:
        w = text.split()
        return {" ".join(w[i:i + 8]) for i in range(max(0, len(w) - 7))}

    where: dict[str, set[int]] = {}
    for i, w in enumerate(wires):
        for r in runs(w):
            where.setdefault(r, set()).add(i)
    kinds: Counter[str] = Counter()
    status: Counter[str] = Counter()
    pairs = 0
    for d in docs:
        if d.get("source") == "was":
            continue
        votes: Counter[int] = Counter()
        for r in runs(d["text"]):
            for i in where.get(r, ()):
                votes[i] += 1
        if not votes or votes.most_common(1)[0][1] < 10:
            continue
        best = votes.most_common(1)[0][0]
        day = str(d.get("date_extracted", ""))[:10]
        if not days[best] <= day <= _plus_days(days[best], 2):
            continue  # an older story on the same template, not a copy of this wire
        c = syndetect.compare(wires[best], d["text"])
        if not c.is_republication:
            continue
        pairs += 1
        status[credit_status(c.a, c.b).status] += 1
        for f in changed_facts(c):
            kinds[f.kind] += 1
    return {"pairs": pairs, "changes": dict(sorted(kinds.items())),
            "credit_status": dict(sorted(status.items()))}


_KNOWN = frozenset({"AFP", "Reuters", "AP", "SPA", "Xinhua", "Agencies", "dpa", "UPI"})


def _real_spa(data_dir: Path | None, quick: bool) -> dict[str, Any] | None:
    """Unlabelled real text: how many SaudiNewsNet SPA wires (source ``was``) carry a
    detected SPA dateline, and what credits a sample of outlet articles carries."""
    from .common import iter_jsonl

    path = data_dir / "saudinewsnet_ar" / "docs.jsonl.gz" if data_dir else None
    if path is None or not path.is_file():
        return None
    wires: list[str] = []
    outlets: list[str] = []
    for d in iter_jsonl(path):
        if d.get("source") == "was":
            wires.append(d["text"])
        elif len(outlets) < (500 if quick else 5000):
            outlets.append(d["text"])
    with_dateline = sum(1 for t in wires
                        if any(c.agency == "SPA" and c.kind == "dateline"
                               for c in detect_credits(t)))
    found: Counter[str] = Counter()
    for t in outlets:
        for c in detect_credits(t):
            found[f"{c.kind}:{c.agency}"] += 1
    pan: Counter[str] = Counter()
    pan_path = data_dir / "pan13_train" / "docs.jsonl.gz" if data_dir else None
    n_pan = 0
    if pan_path is not None and pan_path.is_file():
        for d in iter_jsonl(pan_path):
            if quick and n_pan >= 500:
                break
            n_pan += 1
            for c in detect_credits(d["text"]):
                who = c.agency if c.agency in _KNOWN else "other" if c.agency else None
                pan[f"{c.kind}:{who}"] += 1
    return {"spa_wires": len(wires), "spa_wires_with_dateline": with_dateline,
            "outlet_articles": len(outlets),
            "outlet_credits": dict(found.most_common(8)),
            "pan13_documents": n_pan, "pan13_credits": dict(pan.most_common(8))}


def _median_us(xs: list[float]) -> float:
    return statistics.median(xs) * 1e6 if xs else 0.0


def run(data_dir: Path | None, quick: bool) -> dict[str, Any]:
    from .syndication import load_stories  # the suite's story loader, read-only

    hand = _hand()
    stories: dict[str, list[synth.Story]] = {}
    if data_dir is not None and data_dir.is_dir():
        stories = load_stories(data_dir, 6 if quick else 60)
        stories.pop("generated", None)  # "CITY (WIRE)" placeholders carry no real credits
    if not stories:
        res: dict[str, Any] = {"hand": hand, "note": "no data folder: hand-written set only"}
        res["markdown"] = _markdown(res)
        return res
    samples = build(stories, 6 if quick else 60)

    credit = {lang: CreditScore() for lang in [*stories, "all"]}
    facts = {lang: FactScore() for lang in [*stories, "all"]}
    status: Counter[tuple[str, str]] = Counter()
    wire_agency = [0, 0]
    t_credit: list[float] = []
    t_facts: list[float] = []
    t_compare: list[float] = []
    seen_wires: set[str] = set()
    for s in samples:
        if s.wire not in seen_wires:
            seen_wires.add(s.wire)
            found = detect_credits(s.wire)
            for key in (s.lang, "all"):
                credit[key].add(s.wire, s.credits_wire, found, [])
            inferred = credit_status(s.wire, "").wire_agency
            wire_agency[0] += inferred == s.wire_agency
            wire_agency[1] += 1
        t0 = time.perf_counter()
        found = detect_credits(s.copy)
        t_credit.append(time.perf_counter() - t0)
        for key in (s.lang, "all"):
            credit[key].add(s.copy, s.credits_copy, found, s.ambiguous_copy)
        t0 = time.perf_counter()
        c = syndetect.compare(s.wire, s.copy)
        t_compare.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        fc = changed_facts(c)
        t_facts.append(time.perf_counter() - t0)
        for key in (s.lang, "all"):
            facts[key].add(s, fc)
        if s.mix in ("light", "heavy"):
            for want, text in _variants(s):
                got = credit_status(s.wire, text).status
                status[(want, got)] += 1
    n_status = sum(status.values())
    real = _real_spa(data_dir, quick)
    republications = None if quick else _real_republications(data_dir)
    name_trials = _name_trials(samples)
    res = {
        "samples": len(samples),
        "credits": {k: v.figures() for k, v in credit.items()},
        "credit_false_positives": (credit["all"].fps or [])[:8],
        "credit_misses": (credit["all"].fns or [])[:8],
        "wire_agency_accuracy": wire_agency[0] / wire_agency[1] if wire_agency[1] else None,
        "status_accuracy": sum(v for (w, g), v in status.items() if w == g) / n_status
        if n_status else None,
        "status_confusion": {f"{w}->{g}": v for (w, g), v in sorted(status.items())},
        "facts": {k: v.figures() for k, v in facts.items()},
        "fact_false_positives": facts["all"].fps[:8],
        "fact_misses": facts["all"].misses[:8],
        "hand": hand,
        "real_spa": real,
        "name_trials": name_trials,
        "real_republications": republications,
        "us_detect_credits_median": _median_us(t_credit),
        "us_changed_facts_median": _median_us(t_facts),
        "us_compare_median": _median_us(t_compare),
    }
    res["markdown"] = _markdown(res)
    return res


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f} %"


def _markdown(r: dict[str, Any]) -> str:
    out = ["## Wire intelligence: credits, credit status, changed facts", ""]
    if "credits" in r:
        out += [
            f"{r['samples']} generated pages (light, heavy and partial copies of real wires: "
            "English DUC with a dateline added, Arabic SPA). Ground truth derived from the "
            "generator's word provenance; see `benchmarks/wire_intel.py`.",
            "",
            "Credit and dateline detection (span overlap):",
            "",
            md_table(["language", "precision", "recall", "agency right", "tp", "fp", "fn"],
                     [[k, _pct(v["precision"]), _pct(v["recall"]),
                       _pct(v["agency_accuracy"]), v["tp"], v["fp"], v["fn"]]
                      for k, v in r["credits"].items()]),
            "",
            f"Wire agency inferred from the wire's own credits: {_pct(r['wire_agency_accuracy'])}."
            f" Credit status on copies as generated / credits cut / credits replaced by another "
            f"agency: {_pct(r['status_accuracy'])} right "
            f"({', '.join(f'{k}: {v}' for k, v in r['status_confusion'].items())}).",
            "",
            "Changed facts (fact kinds = number, name, place, quotation):",
            "",
            md_table(["language", "precision", "recall", "number", "quotation", "name/place",
                      "respelling as style", "tp", "fp"],
                     [[k, _pct(v["precision"]), _pct(v["recall"]),
                       _pct(v["recall_by_kind"].get("number")),
                       _pct(v["recall_by_kind"].get("quotation")),
                       _pct(v["recall_by_kind"].get("name/place")),
                       _pct(v["recall_by_kind"].get("style")), v["tp"], v["fp"]]
                      for k, v in r["facts"].items()]),
            "",
            f"Median time per copy: detect_credits {r['us_detect_credits_median']:.1f} µs, "
            f"changed_facts {r['us_changed_facts_median']:.1f} µs (compare itself: "
            f"{r['us_compare_median']:.1f} µs).",
            "",
        ]
    if r.get("name_trials"):
        t = r["name_trials"]

        def share(key: str) -> str:
            n = t.get(f"{key}: tried", 0)
            return f"{t.get(f'{key}: right kind', 0)}/{n}" if n else "–"

        out += [
            "Derived name edits on the light and heavy copies (the generator seldom swaps "
            "names): a kept capitalised name replaced by another from the corpus, reported as "
            f"name/place {share('en name/place')}; a kept name respelt (\"Kiev\"-style "
            f"letter swaps) reported as style {share('en style')} (called a fact "
            f"{t.get('en style: called a fact', 0)} times); an Arabic place replaced by "
            f"another, reported as place {share('ar place')}.",
            "",
        ]
    if r.get("real_republications"):
        x = r["real_republications"]
        out += [
            f"Real republications (SaudiNewsNet outlet articles within two days of an SPA wire "
            f"that compare calls a republication of it, unlabelled): {x['pairs']} pairs; "
            "changes reported "
            + ", ".join(f"{k} {v}" for k, v in x["changes"].items())
            + "; credit status " + ", ".join(f"{k} {v}" for k, v in x["credit_status"].items())
            + " (the corpus text carries few credits).",
            "",
        ]
    if r.get("real_spa"):
        x = r["real_spa"]
        out += [
            f"Real SPA wires (SaudiNewsNet source `was`, unlabelled): an SPA dateline found in "
            f"{x['spa_wires_with_dateline']} of {x['spa_wires']}; by hand, those without are "
            "continuation takes and council statements that carry none. Credits found in "
            f"{x['outlet_articles']} outlet articles: "
            + ", ".join(f"{k} {v}" for k, v in x["outlet_credits"].items()) + ". "
            f"Credits found in {x['pan13_documents']} PAN 2013 documents (DUC newswire and web "
            "pages): " + ", ".join(f"{k} {v}" for k, v in x["pan13_credits"].items()) + ".",
            "",
        ]
    h = r["hand"]
    out += [
        f"Hand-written pairs ({h['pairs']}, English, Arabic, French): "
        f"{h['facts_found']}/{h['facts_expected']} expected changes found with the right kind, "
        f"{h['facts_extra']} unexpected fact changes, credit status right on "
        f"{h['status_correct']}/{h['pairs']}.",
    ]
    return "\n".join(out)
