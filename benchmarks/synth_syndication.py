"""Generator of the wire-syndication benchmark: republications of real news stories
with the edits outlets make, and exact ground truth of where every word came from.

A *base* story (the wire) is a list of paragraphs of words taken from a real article.
A *copy* is built word by word: every copy word records the range of base words it
derives from (``lo``..``hi``; ``None`` for new material) and the edits that touched it,
so after rendering we know exactly which base characters survive where in the copy.
Ground-truth *cases* (for plagdet) are the maximal stretches of the copy that derive
in order and without a gap from the base; stretches shorter than ``MIN_CASE_WORDS``
words are not cases, and neither is the wire's dateline and credit (``PARIS (AFP) -``,
an SPA dateline line), which issue 2 keeps out of coverage as boilerplate.

Nothing here ships corpus text: stories are read from the data folder at run time.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "Case",
    "Edit",
    "Page",
    "Story",
    "StoryPool",
    "make_copy",
    "make_distractor",
    "render_base",
]

#: Shortest ground-truth case, in words: compare's default ``min_passage``, below which it
#: deliberately reports nothing (a shorter shared stretch is not evidence of reuse).
MIN_CASE_WORDS = 12
Lang = Literal["en", "ar"]

#: Divergence kinds (or "shared"/"boilerplate") that count as reporting an edit right.
EXPECTED: dict[str, frozenset[str]] = {
    "tail truncation": frozenset({"deleted"}),
    "middle paragraph dropped": frozenset({"deleted"}),
    "new local lead": frozenset({"inserted"}),
    "context paragraph inserted": frozenset({"inserted"}),
    "sentence rewrite": frozenset({"rewritten"}),
    "word substitution": frozenset({"rewritten"}),
    "respelling": frozenset({"rewritten"}),
    "orthographic respelling": frozenset({"shared"}),
    "number change": frozenset({"rewritten"}),
    "paragraph reorder": frozenset({"moved"}),
    "paragraph merge": frozenset({"shared"}),
    "paragraph split": frozenset({"shared"}),
    "re-wrap and whitespace": frozenset({"shared"}),
    "typographic restyling": frozenset({"shared"}),
    "page clutter: menu": frozenset({"boilerplate"}),
    "page clutter: share": frozenset({"boilerplate"}),
    "page clutter: tags": frozenset({"boilerplate"}),
    "page clutter: related links": frozenset({"boilerplate"}),
    "page clutter: repeated headline": frozenset({"boilerplate"}),
    "dateline and credit rewritten": frozenset({"rewritten", "deleted", "inserted", "boilerplate"}),
    "partial reuse": frozenset({"shared"}),
}


@dataclass(frozen=True)
class Story:
    """A real article: id, title, paragraphs (each a list of words), day, language."""

    id: str
    title: str
    paragraphs: tuple[tuple[str, ...], ...]
    day: str
    lang: Lang


@dataclass
class Word:
    text: str
    lo: int | None = None  # base word range this word derives from (inclusive)
    hi: int | None = None
    edits: list[int] = field(default_factory=list)


@dataclass
class Para:
    words: list[Word]
    kind: str = "story"  # "story" (derives from base), "new" or "clutter"
    wrap: int = 0  # break lines every ``wrap`` words (0: one line)
    spaces: bool = False  # doubled spaces and trailing blanks


@dataclass
class Edit:
    id: int
    type: str
    base_words: tuple[int, int] | None = None  # base word range removed (deletions)
    a_span: tuple[int, int] | None = None  # filled in after rendering
    b_span: tuple[int, int] | None = None
    b_words: list[tuple[int, int]] = field(default_factory=list)  # char spans of touched words


@dataclass(frozen=True)
class Case:
    a_start: int
    a_end: int
    b_start: int
    b_end: int


@dataclass
class Page:
    """A generated text with its ground truth relative to one base story."""

    text: str
    mix: str  # "light", "heavy", "partial" or a distractor kind
    base_id: str
    cases: list[Case]
    edits: list[Edit]
    host_id: str | None = None  # other story a partial copy or distractor is built on
    shared_words: list[tuple[int, int]] = field(default_factory=list)  # b spans of wire words


# --------------------------------------------------------------------------- #
# Base stories
# --------------------------------------------------------------------------- #

_SENT_END = re.compile(r"[.!?\u061f]['\"\u201d\u00bb)]?$")
_DIGITS = re.compile(r"\d")
CITIES_EN = ("WASHINGTON", "LONDON", "PARIS", "MOSCOW", "BRUSSELS", "GENEVA", "TOKYO")
AGENCIES_EN = ("AP", "AFP", "Reuters", "UPI")
CREDITS_EN = ("Agencies -", "Staff and agencies -", "(Wire services) -", "From wire reports -")
CREDITS_AR = ("وكالات -", "متابعات -", "الرياض - واس:", "جدة - وكالات:")
QUOTE_LEAD_EN = ("the spokesman said.", "a statement said.", "the minister told reporters.")
QUOTE_LEAD_AR = ("وقال المتحدث:", "وجاء في البيان:", "وقال الوزير للصحفيين:")
CLUTTER_EN = (
    ("Home", "|", "World", "|", "Business", "|", "Sport", "|", "Opinion"),
    ("Share", "this", "article"),
    ("Share", "your", "opinion"),
    ("Advertisement",),
    ("Sign", "up", "for", "our", "newsletter"),
)
CLUTTER_AR = (
    ("الرئيسية", "|", "محليات", "|", "اقتصاد", "|", "رياضة", "|", "مقالات"),
    ("شارك", "الخبر"),
    ("أضف", "تعليقك"),
    ("إعلان",),
    ("اشترك", "في", "النشرة", "البريدية"),
)
RESPELL_EN = ((r"ize$", "ise"), (r"izes$", "ises"), (r"ized$", "ised"), (r"or$", "our"),
              (r"ter$", "tre"), (r"ense$", "ence"), (r"eled$", "elled"), (r"yze$", "yse"))
_QUOTE_CHARS = frozenset('"\u201c\u201d\u00ab\u00bb\u2018\u2019`')
_AR_ORTHO = {"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي"}


def render_base(story: Story) -> tuple[str, list[tuple[int, int]]]:
    """The base text (paragraphs joined by blank lines) and each word's char span."""
    return _render([Para([Word(w) for w in p]) for p in story.paragraphs])


def _render(paras: list[Para]) -> tuple[str, list[tuple[int, int]]]:
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for pi, p in enumerate(paras):
        if pi:
            out.append("\n\n")
            pos += 2
        for wi, w in enumerate(p.words):
            if wi:
                sep = "\n" if p.wrap and wi % p.wrap == 0 else ("  " if p.spaces and wi % 7 == 0
                                                                 else " ")
                out.append(sep)
                pos += len(sep)
            out.append(w.text)
            spans.append((pos, pos + len(w.text)))
            pos += len(w.text)
        if p.spaces:
            out.append(" ")
            pos += 1
    return "".join(out), spans


def _sentences(words: list[Word]) -> list[tuple[int, int]]:
    """Index ranges [i, j) of sentences in a paragraph's words."""
    out, start = [], 0
    for i, w in enumerate(words):
        if _SENT_END.search(w.text):
            out.append((start, i + 1))
            start = i + 1
    if start < len(words):
        out.append((start, len(words)))
    return out


# --------------------------------------------------------------------------- #
# Stories available for new material
# --------------------------------------------------------------------------- #


class StoryPool:
    """Other stories of the same language, in two disjoint parts: *material* (the last
    ``material`` stories: added leads, context paragraphs, related-link titles) and
    *hosts* (the rest: each page built on another story gets one of its own, and each
    quoted statement comes from one that then serves nothing else). So a generated page
    shares text only with its own wire, and the ground truth holds."""

    def __init__(self, stories: list[Story], material: int = 30) -> None:
        k = min(material, max(1, len(stories) // 4))
        self.stories = stories[:-k] if len(stories) > k else stories
        self.material = stories[-k:]
        self.used_hosts: set[str] = set()
        self.vocab = sorted({w for s in stories for p in s.paragraphs for w in p
                             if w.isalpha() and len(w) > 3})

    def other(self, rng: random.Random, not_id: str, day: str | None = None) -> Story:
        """A material story (same day when possible)."""
        free = [s for s in self.material if s.id != not_id]
        same = [s for s in free if day is None or s.day == day]
        return rng.choice(same or free or self.material)

    def quote(self, rng: random.Random, not_id: str) -> list[str]:
        """A sentence to be quoted, from an unused host story that then serves nothing
        else, so that the quote is all a wire and its quoting distractor share."""
        for _ in range(20):
            src = self.host(rng, not_id)
            words = self._sentence(rng, [src], 12, 30, unquoted=True)
            if words:
                return words
        return list(self.vocab[:12])

    def host(self, rng: random.Random, not_id: str, day: str | None = None) -> Story:
        """An unused host story (same day when possible); reused only when the pool
        runs out (the benchmark sizes itself so that it does not)."""
        free = [s for s in self.stories if s.id not in self.used_hosts and s.id != not_id]
        same = [s for s in free if day is None or s.day == day]
        h = rng.choice(same or free or self.stories)
        self.used_hosts.add(h.id)
        return h

    def paragraph(self, rng: random.Random, not_id: str) -> list[str]:
        s = self.other(rng, not_id)
        body = s.paragraphs[1:] or s.paragraphs
        return list(max(rng.sample(body, min(3, len(body))), key=len))

    def sentence(self, rng: random.Random, not_id: str, lo: int = 10, hi: int = 30) -> list[str]:
        return self._sentence(rng, [s for s in self.material if s.id != not_id] or
                              self.material, lo, hi)

    def _sentence(self, rng: random.Random, sources: list[Story], lo: int, hi: int,
                  unquoted: bool = False) -> list[str]:
        """A sentence of ``lo``-``hi`` words (none with quotation marks if
        ``unquoted``: it is about to be quoted itself); empty when none is found."""
        for _ in range(50):
            s = rng.choice(sources)
            words = [Word(w) for p in s.paragraphs for w in p]
            del words[:_dateline_words([Word(w) for w in s.paragraphs[0]], s.lang)]
            cands = [(i, j) for i, j in _sentences(words) if lo <= j - i <= hi
                     and not (unquoted and any(_QUOTE_CHARS & set(w.text) for w in words[i:j]))]
            if cands:
                i, j = rng.choice(cands)
                return [w.text for w in words[i:j]]
        return [] if unquoted else list(self.vocab[:lo])


def with_quote(story: Story, quote: list[str], rng: random.Random) -> Story:
    """The story with a quoted statement as its third paragraph (wire and distractor
    then quote the same words independently)."""
    q = _quote_para(quote, story.lang, rng)
    paras = list(story.paragraphs)
    paras.insert(min(2, len(paras)), tuple(q))
    return Story(story.id, story.title, tuple(paras), story.day, story.lang)


def _quote_para(quote: list[str], lang: Lang, rng: random.Random) -> list[str]:
    body = [w.rstrip(".") for w in quote]
    if lang == "ar":
        return [*rng.choice(QUOTE_LEAD_AR).split(), '"' + body[0], *body[1:-1], body[-1] + '".']
    return ['"' + body[0], *body[1:-1], body[-1] + ',"', *rng.choice(QUOTE_LEAD_EN).split()]


# --------------------------------------------------------------------------- #
# Copies
# --------------------------------------------------------------------------- #


class _Builder:
    def __init__(self, story: Story, pool: StoryPool, rng: random.Random) -> None:
        self.story, self.pool, self.rng = story, pool, rng
        self.paras: list[Para] = []
        idx = 0
        for p in story.paragraphs:
            ws = []
            for w in p:
                ws.append(Word(w, idx, idx))
                idx += 1
            self.paras.append(Para(ws))
        self.edits: list[Edit] = []
        # Base words of the dateline and credit: page furniture, never part of a case
        # (issue 2 keeps datelines and credits out of coverage).
        self.skip = _dateline_words(self.paras[0].words, story.lang) if self.paras else 0

    def edit(self, type_: str, base_words: tuple[int, int] | None = None) -> Edit:
        e = Edit(len(self.edits), type_, base_words)
        self.edits.append(e)
        return e

    def story_paras(self) -> list[int]:
        return [i for i, p in enumerate(self.paras) if p.kind == "story" and p.words]

    def new_para(self, words: list[str], kind: str, e: Edit | None) -> Para:
        return Para([Word(w, edits=[e.id] if e else []) for w in words], kind)

    # -- paragraph-level edits --------------------------------------------------

    def truncate_tail(self, keep: float) -> None:
        """Drop the last paragraphs, keeping about ``keep`` of the story's words (and
        at least two paragraphs plus a quarter of the words)."""
        sp = self.story_paras()
        if len(sp) < 4:
            return
        sizes = [len(self.paras[i].words) for i in sp]
        total = sum(sizes)
        kept, n = 0, 0
        while n < len(sp) and (n < 2 or kept < max(keep, 0.25) * total):
            kept += sizes[n]
            n += 1
        cut = sp[n:]
        if not cut:
            return
        lo = self.paras[cut[0]].words[0].lo
        hi = self.paras[cut[-1]].words[-1].hi
        self.edit("tail truncation", (lo, hi))  # type: ignore[arg-type]
        self.paras = [p for i, p in enumerate(self.paras) if i not in set(cut)]

    def drop_middle(self) -> None:
        sp = self.story_paras()
        if len(sp) < 5:
            return
        i = self.rng.choice(sp[1:-1])
        p = self.paras[i]
        if p.words[0].lo is None or p.words[-1].hi is None:
            return
        self.edit("middle paragraph dropped", (p.words[0].lo, p.words[-1].hi))
        del self.paras[i]

    def new_lead(self) -> None:
        e = self.edit("new local lead")
        words = self.pool.sentence(self.rng, self.story.id, 12, 35)
        self.paras.insert(0, self.new_para(words, "new", e))

    def context_paragraph(self) -> None:
        sp = self.story_paras()
        if len(sp) < 3:
            return
        e = self.edit("context paragraph inserted")
        at = self.rng.choice(sp[1:])
        self.paras.insert(at, self.new_para(self.pool.paragraph(self.rng, self.story.id),
                                            "new", e))

    def reorder(self) -> None:
        sp = self.story_paras()
        clean = [i for i in sp[2:] if not any(w.edits for w in self.paras[i].words)]
        if len(sp) < 5 or not clean:
            return
        i = self.rng.choice(clean)
        p = self.paras.pop(i)
        # Land after the lead paragraph and at least one paragraph earlier than before.
        j = self.rng.choice([k for k in sp[1:] if k < i - 1] or [sp[1]])
        e = self.edit("paragraph reorder", (p.words[0].lo, p.words[-1].hi))  # type: ignore[arg-type]
        for w in p.words:
            w.edits.append(e.id)
        self.paras.insert(j, p)

    def merge(self) -> None:
        sp = self.story_paras()
        pairs = [(i, j) for i, j in zip(sp, sp[1:], strict=False) if j == i + 1]
        if not pairs:
            return
        i, j = self.rng.choice(pairs)
        e = self.edit("paragraph merge")
        self.paras[i].words[-1].edits.append(e.id)
        self.paras[j].words[0].edits.append(e.id)
        self.paras[i].words.extend(self.paras[j].words)
        del self.paras[j]

    def split(self) -> None:
        sp = self.story_paras()
        cands = [i for i in sp if len(_sentences(self.paras[i].words)) >= 2]
        if not cands:
            return
        i = self.rng.choice(cands)
        cut = _sentences(self.paras[i].words)[0][1]
        e = self.edit("paragraph split")
        p = self.paras[i]
        p.words[cut - 1].edits.append(e.id)
        p.words[cut].edits.append(e.id)
        self.paras[i:i + 1] = [Para(p.words[:cut], p.kind, p.wrap, p.spaces),
                               Para(p.words[cut:], p.kind, p.wrap, p.spaces)]

    # -- word-level edits -------------------------------------------------------

    def _story_words(self, pred: object = None) -> list[Word]:
        out = []
        for i in self.story_paras():
            ws = self.paras[i].words
            out += [w for w in ws[1:-1] if w.lo is not None and not w.edits
                    and (w.hi or 0) >= self.skip
                    and (pred is None or pred(w.text))]  # type: ignore[operator]
        return out

    def substitute(self) -> None:
        cands = self._story_words(lambda t: t.isalpha() and len(t) > 3)
        if cands:
            w = self.rng.choice(cands)
            e = self.edit("word substitution")
            w.text = self.rng.choice(self.pool.vocab)
            w.edits.append(e.id)

    def respell(self) -> None:
        if self.story.lang == "ar":
            cands = self._story_words(lambda t: any(c in _AR_ORTHO for c in t) and len(t) > 3)
            if not cands:
                return
            w = self.rng.choice(cands)
            e = self.edit("orthographic respelling")
            w.text = "".join(_AR_ORTHO.get(c, c) for c in w.text)
            w.edits.append(e.id)
            return
        rules = []
        for w in self._story_words(lambda t: t.isalpha() and len(t) > 5):
            for pat, rep in RESPELL_EN:
                if re.search(pat, w.text):
                    rules.append((w, pat, rep))
        if rules:
            w, pat, rep = self.rng.choice(rules)
            e = self.edit("respelling")
            w.text = re.sub(pat, rep, w.text)
            w.edits.append(e.id)

    def change_number(self) -> None:
        cands = self._story_words(lambda t: bool(_DIGITS.search(t)))
        if not cands:
            return
        w = self.rng.choice(cands)
        e = self.edit("number change")
        w.text = re.sub(r"\d+", lambda m: str(int(m.group()) + self.rng.randint(1, 9)), w.text,
                        count=1) if re.search(r"[0-9]", w.text) else w.text + "1"
        w.edits.append(e.id)

    def rewrite_sentence(self) -> None:
        cands = []
        for i in self.story_paras():
            ws = self.paras[i].words
            for s, t in _sentences(ws):
                if t - s >= 10 and all(w.lo is not None and not w.edits for w in ws[s:t]):
                    cands.append((i, s, t))
        if not cands:
            return
        i, s, t = self.rng.choice(cands)
        if t - s > 30:
            # A long sentence (a whole SPA paragraph is often one): reword a clause-sized
            # window of it, not all of it.
            n = self.rng.randint(12, 20)
            s = self.rng.randint(s, t - n)
            t = s + n
        ws = self.paras[i].words
        lo, hi = ws[s].lo, ws[t - 1].hi
        e = self.edit("sentence rewrite")
        texts = [w.text for w in ws[s:t]]
        rng = self.rng
        # Reorder clauses around a comma, drop some short words, substitute a third.
        comma = [k for k, x in enumerate(texts[:-1]) if x.endswith(",") and 3 < k < len(texts) - 3]
        if comma:
            k = rng.choice(comma)
            last = texts[-1]
            texts = texts[k + 1:-1] + [last.rstrip(".!?") + ","] + texts[:k + 1]
            texts[-1] = texts[-1].rstrip(",") + "."
        texts = [x for x in texts if len(x) > 3 or rng.random() > 0.3]
        for k in rng.sample(range(len(texts)), len(texts) // 3):
            texts[k] = rng.choice(self.pool.vocab)
        new = [Word(x, lo, hi, [e.id]) for x in texts]
        ws[s:t] = new

    # -- page-level edits -------------------------------------------------------

    def rewrap(self) -> None:
        e = self.edit("re-wrap and whitespace")
        for p in self.paras:
            if p.kind == "story":
                p.wrap = self.rng.randint(9, 15)
                p.spaces = self.rng.random() < 0.5
                for k in range(p.wrap, len(p.words), p.wrap * 3):
                    p.words[k].edits.append(e.id)

    def typography(self) -> None:
        e = self.edit("typographic restyling")
        table = str.maketrans({'"': "\u201c", "'": "\u2019", "-": "\u2013"})
        for p in self.paras:
            if p.kind != "story":
                continue
            for w in p.words:
                t = w.text.translate(table)
                if t != w.text and w.lo is not None:
                    if w.text.endswith('"') or w.text.endswith(',"'):
                        t = t.replace("\u201c", "\u201d")
                    w.text = t
                    w.edits.append(e.id)
        if not any(e.id in w.edits for p in self.paras for w in p.words):
            self.edits.pop()

    def dateline(self) -> None:
        sp = self.story_paras()
        if not sp:
            return
        p = self.paras[sp[0]]
        n = _dateline_words(p.words, self.story.lang)
        if not n:
            return
        e = self.edit("dateline and credit rewritten")
        lo, hi = p.words[0].lo, p.words[n - 1].hi
        credits = CREDITS_AR if self.story.lang == "ar" else CREDITS_EN
        new = [Word(x, lo, hi, [e.id]) for x in self.rng.choice(credits).split()]
        if self.story.lang == "ar":
            self.paras.insert(sp[0], Para(new, "new"))
            for w in new:
                w.lo = w.hi = None
            del p.words[:n]
            if not p.words:
                self.paras.remove(p)
            e.base_words = (lo, hi)  # type: ignore[assignment]
        else:
            p.words[:n] = new

    def clutter(self, title: str | None = None) -> None:
        """Menu line and headline on top; share, tags, related links and the repeated
        headline below. Each clutter line is its own edit; the first headline is the
        page's own title, not clutter."""
        ar = self.story.lang == "ar"
        lines = CLUTTER_AR if ar else CLUTTER_EN
        head = (title if title is not None else self.story.title).split()
        if not head:
            head = ["News"]
        tag_words = ["الوسوم:" if ar else "Tags:", *self.rng.sample(self.pool.vocab, 3)]
        related = ["اقرأ" if ar else "Related:",
                   *self.pool.other(self.rng, self.story.id).title.split()[:10]]
        top = [self.new_para(list(lines[0]), "clutter", self.edit("page clutter: menu")),
               self.new_para(head, "clutter", None)]
        bottom = [
            self.new_para(list(lines[self.rng.randint(1, 2)]), "clutter",
                          self.edit("page clutter: share")),
            self.new_para(tag_words, "clutter", self.edit("page clutter: tags")),
            self.new_para(related, "clutter", self.edit("page clutter: related links")),
            self.new_para(head, "clutter", self.edit("page clutter: repeated headline")),
        ]
        self.paras = top + self.paras + bottom

    # -- result ----------------------------------------------------------------

    def page(self, mix: str, base_spans: list[tuple[int, int]], host_id: str | None = None
             ) -> Page:
        text, spans = _render(self.paras)
        words = [w for p in self.paras for w in p.words]
        kinds = [p.kind for p in self.paras for _ in p.words]
        for w, sp in zip(words, spans, strict=False):
            for eid in w.edits:
                self.edits[eid].b_words.append(sp)
        for e in self.edits:
            if e.b_words:
                e.b_span = (min(s for s, _ in e.b_words), max(t for _, t in e.b_words))
            if e.base_words is not None:
                lo, hi = e.base_words
                e.a_span = (base_spans[lo][0], base_spans[hi][1])
        cases: list[Case] = []
        cur: list[int] | None = None  # lo, hi, b_start, b_end, words
        for w, sp, kind in zip(words, spans, kinds, strict=False):
            if kind != "story" or w.lo is None or w.hi is None or w.hi < self.skip:
                cur = _close(cur, cases, base_spans)
                continue
            if cur is not None and w.lo <= cur[1] + 1 and w.hi >= cur[1]:
                cur[1], cur[3], cur[4] = w.hi, sp[1], cur[4] + 1
            else:
                cur = _close(cur, cases, base_spans)
                cur = [w.lo, w.hi, sp[0], sp[1], 1]
        _close(cur, cases, base_spans)
        shared = [sp for w, sp, kind in zip(words, spans, kinds, strict=False)
                  if kind == "story" and w.lo is not None and (w.hi or 0) >= self.skip]
        return Page(text, mix, self.story.id, cases, self.edits, host_id, shared)


def _close(cur: list[int] | None, cases: list[Case], base_spans: list[tuple[int, int]]) -> None:
    if cur is not None and cur[4] >= MIN_CASE_WORDS:
        cases.append(Case(base_spans[cur[0]][0], base_spans[cur[1]][1], cur[2], cur[3]))
    return None


def _dateline_words(words: list[Word], lang: Lang) -> int:
    """How many leading words of the first paragraph form the dateline and credit."""
    texts = [w.text for w in words[:20]]
    if lang == "ar":
        spa = any(t.strip("\u200e\u200f\u200b:") == "واس" for t in texts)
        return len(words) if spa and len(words) <= 16 else 0
    for k, t in enumerate(texts[:6]):
        if t in ("-", "--", "\u2014"):
            return k + 1
    return 0


MIX_EDITS = {
    "light": (("substitute", 0.7), ("respell", 0.5), ("change_number", 0.4),
              ("typography", 0.5), ("rewrap", 0.7), ("dateline", 0.5), ("clutter", 0.5),
              ("merge", 0.3), ("split", 0.3), ("truncate_tail_light", 0.3)),
    "heavy": (("truncate_tail_heavy", 0.6), ("drop_middle", 0.5), ("new_lead", 0.5),
              ("context_paragraph", 0.5), ("rewrite_sentence", 0.9), ("rewrite_sentence", 0.6),
              ("substitute", 0.7), ("substitute", 0.5), ("change_number", 0.4),
              ("reorder", 0.4), ("respell", 0.3), ("typography", 0.3), ("rewrap", 0.5),
              ("dateline", 0.5), ("clutter", 0.6), ("merge", 0.2), ("split", 0.2)),
}


def make_copy(story: Story, mix: str, pool: StoryPool, seed: str) -> Page:
    """A republication of ``story`` under an edit mix: "light", "heavy" or "partial"."""
    return make_copy_traced(story, mix, pool, seed)[0]


def make_copy_traced(story: Story, mix: str, pool: StoryPool, seed: str
                     ) -> tuple[Page, _Builder]:
    """:func:`make_copy` and the builder that made it (word provenance, edits)."""
    rng = random.Random(seed)
    base_text, base_spans = render_base(story)
    del base_text
    b = _Builder(story, pool, rng)
    if mix == "partial":
        return _partial(story, b, pool, rng, base_spans), b
    for name, prob in MIX_EDITS[mix]:
        if rng.random() >= prob:
            continue
        if name == "truncate_tail_light":
            b.truncate_tail(keep=0.85)
        elif name == "truncate_tail_heavy":
            b.truncate_tail(keep=rng.uniform(0.35, 0.7))
        else:
            getattr(b, name)()
    if not b.edits:
        b.substitute()
    return b.page(mix, base_spans), b


def _partial(story: Story, b: _Builder, pool: StoryPool, rng: random.Random,
             base_spans: list[tuple[int, int]]) -> Page:
    host = pool.host(rng, story.id, story.day)
    sp = [i for i in b.story_paras() if (b.paras[i].words[-1].hi or 0) >= b.skip]
    total = sum(len(b.paras[i].words) for i in sp)
    # 2-3 consecutive paragraphs after the lead, but under half of the wire: a short
    # SPA item's "few paragraphs" would otherwise be the whole story.
    runs = [(i, k) for k in (3, 2, 1) for i in range(1 if len(sp) > k else 0, len(sp) - k + 1)
            if sum(len(b.paras[j].words) for j in sp[i:i + k]) <= 0.5 * total]
    top = max((k for _, k in runs), default=1)
    start, k = rng.choice([r for r in runs if r[1] == top] or [(0, 1)])
    keep = [b.paras[j] for j in sp[start:start + k]]
    e = b.edit("partial reuse")
    for p in keep:
        for w in p.words:
            w.edits.append(e.id)
    host_paras = [Para([Word(w) for w in p], "new") for p in host.paragraphs]
    at = rng.randint(1, max(1, len(host_paras) - 1))
    b.paras = host_paras[:at] + keep + host_paras[at:]
    if rng.random() < 0.5:
        b.substitute()
    if rng.random() < 0.5:
        b.clutter(host.title)
    return b.page("partial", base_spans, host.id)


def make_distractor(story: Story, kind: str, pool: StoryPool, seed: str,
                    quote: list[str] | None) -> Page:
    """Another real story (same day when possible) that must not be called a
    republication of ``story``: plain ("other story"), sharing one background
    paragraph of it ("background"), or quoting the same statement ("quotation")."""
    rng = random.Random(seed)
    _, base_spans = render_base(story)
    host = pool.host(rng, story.id, story.day)
    paras = [Para([Word(w) for w in p], "new") for p in host.paragraphs]
    b = _Builder(story, pool, rng)
    at = rng.randint(1, max(1, len(paras) - 1))
    if kind == "background":
        sp = [p for p in b.paras[1:] if 20 <= len(p.words) <= 70 and p.words[0].text[:1] != '"']
        if sp:
            bg = rng.choice(sp)
            e = b.edit("background paragraph")
            for w in bg.words:
                w.edits.append(e.id)
            paras.insert(at, bg)
    elif kind == "quotation" and quote:
        e = b.edit("shared quotation")
        q = Para([Word(w, edits=[e.id]) for w in _quote_para(quote, story.lang, rng)], "new")
        paras.insert(at, q)
    b.paras = paras
    page = b.page(kind, base_spans, host.id)
    page.cases = []  # not a republication
    return page
