"""The wire-syndication benchmark (issue 4): generated republications of real news
stories with exact ground truth, scored for span alignment, edit reporting, pair
detection and story families, next to the baselines users would pick instead.

Base stories are real newswire: the DUC stories PAN 2013 uses as summary sources
(English, given a ``CITY (AGENCY) -`` dateline) and Saudi Press Agency items from
SaudiNewsNet (Arabic, ``source == "was"``). Without the data folder, generated
pseudo-text stands in so the benchmark still runs (figures are then not meaningful).
Per wire story the generator (``synth_syndication``) makes three copies — *light*,
*heavy* and *partial* edit mixes — and two distractors: another story of the same
day, and that story with either one background paragraph of the wire or the same
quoted statement (which the wire also carries) inserted.

Span alignment: ``compare(wire, page)`` passages are the detections, scored with
PAN's plagdet against the ground-truth cases, beside difflib's matching blocks
merged by the same rules. Edits: each applied edit is checked for a divergence of
the right kind at its place (or, for edits that should not show, for the words
staying inside shared spans or boilerplate). Pair detection and families use
``syndetect.Index`` when it exists; datasketch ``MinHashLSH`` and exact Jaccard on
the same word 3-gram shingles are the baselines.
"""

from __future__ import annotations

import gc
import importlib
import random
import re
import statistics
import time
import tracemalloc
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import syndetect

from . import synth_syndication as synth
from .common import difflib_passages, iter_jsonl, md_table, stable_key, timing
from .compare_speed import generated_articles
from .pan13 import plagdet

__all__ = ["load_stories", "run"]

MIXES = ("light", "heavy", "partial")
DISTRACTORS = ("other story", "background", "quotation")
REPUBLICATION = frozenset({"verbatim", "light_edit", "heavy_edit"})
EXPECTED_VERDICT = {"light": "light_edit", "heavy": "heavy_edit", "partial": "partial"}
_SENT_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")
_FBIS_HEAD = re.compile(r"^.*?\[Text\]\s*", re.S)
GOALS = {"pair_f1_edit": 0.98, "pair_f1_partial": 0.95, "ari": 0.95, "plagdet": 0.95}
LSH_THRESHOLDS = (0.5, 0.8)
#: Passages kept as detections: compare's own default ``min_passage`` (not tuned here).
MIN_PASSAGE_WORDS = syndetect.CompareOptions().min_passage

#: What the misses turned out to be when we read them (static text, written while
#: building this benchmark; the tables above it are regenerated on every run).
DIAGNOSIS = """\
**What goes wrong** (read off the misses while building this benchmark; static text,
unlike the tables):

- *Page clutter*: the English menu line `Home | World | Business | Sport | Opinion` is
  never recognised as clutter, nor the Arabic share/comment lines `شارك الخبر` and
  `أضف تعليقك` or the Arabic related-links line `اقرأ …`; the tags lines, `Share
  this article`, `Related: …` and repeated headlines are. Unrecognised clutter is
  reported as inserted text and counts against the copy's coverage.
- *Quotations swallow copied paragraphs*: a partial copy of wire paragraphs made
  mostly of quotes is marked as a shared quotation even when the copied stretch also
  carries the wire's own attribution and narrative sentences verbatim (wire
  src/source-document02078, partial page: one 99-word verbatim passage including
  `said Long Beach City Manager James Hanklad` and the following narrative sentence),
  so the verdict is `unrelated` and `Index.query` does not return the page: these are
  the English partial-mix misses. A shared stretch that continues through unquoted
  attribution or narrative text is copying, not independent quoting; a rule on the
  quoted share of the whole stretch cannot tell the two apart.
- *Heavy sentence rewrites* (clauses swapped, a third of the words replaced) come out
  as `inserted` (plus `deleted`) rather than `rewritten` (wire src/source-document01937,
  heavy page), and their words are then outside every passage, which lowers heavy-mix
  recall.
- *Moved and edited paragraphs fall apart*: moved runs are not merged with the
  rewritten gaps around them, so a paragraph that was both moved and reworded comes out
  as several short moved passages, each below `min_passage` (Arabic wire
  2015-08-11-01584, heavy page: runs of 10 words; 2015-08-11-01546, heavy page: 9 and
  12). With reworded clauses that leave only runs of 2-7 words (wire
  2015-08-11-01664, heavy page), this is where the Arabic heavy-mix recall goes: SPA
  paragraphs are long single sentences, so one edit touches a whole paragraph.
- *Families link on a share threshold, not on the verdict*: `Index.families()` links
  two documents when one shares at least 0.5 of the other (quotations left out), so
  Arabic heavy copies that compare calls `heavy_edit` at 0.40 / 0.48 of the texts stay
  apart (wire 2015-08-11-01544, heavy page) while partial pages holding half of a
  short SPA wire join its family (2015-08-10-01594, partial page: 0.40 / 0.51;
  2015-08-11-01556: 0.50 / 0.12). Linking on the verdict (a republication, i.e.
  verbatim, light or heavy edit) would put both on the right side.
- *Heavy vs partial on short wires*: heavy pages that keep about a third of a short
  SPA wire and add a lead and a context paragraph are mostly new text, so compare
  (and `Index.query`) call them `partial` (2015-08-10-01616, heavy page: 0.20 / 0.35;
  2015-08-11-01683), two of the three Arabic heavy-mix pair-detection misses; arguably
  right by issue 2's definitions, the generator's heavy mix being harsh on
  3-5-paragraph items. The third, 2015-08-11-01664 (heavy page), is a candidate miss:
  compare calls the pair `heavy_edit`, but `Index.query` returns nothing even from an
  index holding that page alone — no paragraph unit of the reworded copy collides in
  LSH with the wire's.
- *Light vs heavy*: the mixes apply each edit with some probability, so some heavy
  pages carry only a few edits and `light_edit` is then a fair verdict; the verdict
  table is a confusion matrix, not a pass/fail.
"""
NUM_PERM = 128
SHINGLE = 3


# --------------------------------------------------------------------------- #
# Stories
# --------------------------------------------------------------------------- #


def _en_story(doc_id: str, text: str, rng: random.Random) -> synth.Story | None:
    text = _FBIS_HEAD.sub("", text[:600], count=1) + text[600:] if "[Text]" in text[:600] \
        else text
    sents = [s.split() for s in _SENT_RE.split(" ".join(text.split())) if s.strip()]
    paras: list[list[str]] = []
    words = 0
    i = 0
    while i < len(sents) and words < 600:
        k = rng.randint(1, 3)
        p = [w for s in sents[i:i + k] for w in s]
        paras.append(p)
        words += len(p)
        i += k
    if words < 250 or len(paras) < 6:
        return None
    # DUC stories carry no headline: a stand-in made of every other lead word (so it
    # shares no four-word run with the lead, as a real headline would not).
    title = " ".join(w.strip(",.;:").capitalize() for w in paras[0][1:16:2])
    dateline = [rng.choice(synth.CITIES_EN), f"({rng.choice(synth.AGENCIES_EN)})", "-"]
    paras[0] = dateline + paras[0]
    return synth.Story(doc_id, title, tuple(map(tuple, paras)), "duc", "en")


_AR_DROP = re.compile(r"^(//.*//|[\d:٠-٩ ]+ ?ت ?[مغ]?( NNNN)?|انتهى|NNNN)$")


def _ar_story(d: dict[str, Any]) -> synth.Story | None:
    paras = []
    for line in d["text"].split("\n"):
        line = " ".join(line.split())
        if not line or _AR_DROP.match(line) or "انتهى" in line and len(line) < 20:
            continue
        paras.append(tuple(line.split()))
    words = sum(map(len, paras))
    if words < 80 or len(paras) < 4:
        return None
    title = d.get("title") or ""
    title = title.split("/", 1)[-1].strip()
    return synth.Story(d["id"], title, tuple(paras), d["date_extracted"][:10], "ar")


def distinct(stories: list[synth.Story], n: int = 8, max_share: float = 0.05
             ) -> list[synth.Story]:
    """Stories of which at most ``max_share`` of the word ``n``-grams occur in stories
    kept before them: real corpora repeat stories (DUC carries the same AP text from
    several papers, SPA re-issues items), and a generated page must relate only to its
    own wire, or the ground truth would be wrong. Stock phrases (an Arabic royal title
    runs to eight words) stay under the share."""
    seen: set[str] = set()
    out = []
    for st in stories:
        w = [x.casefold() for p in st.paragraphs for x in p]
        grams = {" ".join(w[i:i + n]) for i in range(max(1, len(w) - n + 1))}
        if len(grams & seen) <= max_share * len(grams):
            out.append(st)
            seen |= grams
    return out


def load_stories(data_dir: Path | None, per_lang: int) -> dict[str, list[synth.Story]]:
    """Real stories by language (``"en"``, ``"ar"``), or generated ones (``"generated"``)."""
    out: dict[str, list[synth.Story]] = {}
    pan = data_dir / "pan13_train" if data_dir else None
    if pan is not None and (pan / "pairs.jsonl").is_file():
        ids = {p["source_id"] for p in iter_jsonl(pan / "pairs.jsonl")
               if p["obfuscation"] == "summary"}
        stories = []
        for d in iter_jsonl(pan / "docs.jsonl.gz"):
            if d["id"] in ids:
                s = _en_story(d["id"], d["text"], random.Random(d["id"]))
                if s:
                    stories.append(s)
        stories.sort(key=lambda s: stable_key(s.id, "syndication"))
        if stories:
            out["en"] = distinct(stories)
    snn = data_dir / "saudinewsnet_ar" / "docs.jsonl.gz" if data_dir else None
    if snn is not None and snn.is_file():
        stories = [s for d in iter_jsonl(snn) if d.get("source") == "was"
                   for s in [_ar_story(d)] if s]
        stories.sort(key=lambda s: stable_key(s.id, "syndication"))
        if stories:
            out["ar"] = distinct(stories)
    if not out:
        rng = random.Random(5)
        gen = []
        for i, t in enumerate(generated_articles(max(8, per_lang * 4), seed=21, words=250)):
            paras = [tuple(p.split()) for p in t.split("\n\n")]
            paras[0] = ("CITY", "(WIRE)", "-", *paras[0])
            gen.append(synth.Story(f"gen-{i}", " ".join(paras[0][3:10]), tuple(paras),
                                   rng.choice(["d1", "d2"]), "en"))
        out["generated"] = gen
    return out


# --------------------------------------------------------------------------- #
# Corpus
# --------------------------------------------------------------------------- #


@dataclass
class Item:
    lang: str
    wire_id: str
    wire: str
    page: synth.Page
    comparison: Any = None
    compare_s: float = 0.0
    difflib_dets: list[tuple[int, int, int, int]] | None = None
    difflib_s: float = 0.0


def build(stories: dict[str, list[synth.Story]], per_lang: int
          ) -> tuple[list[Item], dict[str, str]]:
    """Pages (copies and distractors) for up to ``per_lang`` wires per language, and
    every wire text by id."""
    items: list[Item] = []
    wires: dict[str, str] = {}
    for lang, all_stories in stories.items():
        # Wires come first; added material and host stories only from the others, so
        # a distractor is never itself one of the indexed wires. Each wire needs three
        # host stories of its own and every other wire a quote source, besides the
        # material stories: n <= (N - material) / 4.5.
        material = min(30, max(1, len(all_stories) // 5))
        n = min(per_lang, max(1, (len(all_stories) - material) * 2 // 9))
        pool = synth.StoryPool(all_stories[n:], material)
        for k, story in enumerate(all_stories[:n]):
            rng = random.Random(stable_key(story.id, "quote"))
            with_q = k % 2 == 0
            quote = pool.quote(rng, story.id) if with_q else []
            wire_story = synth.with_quote(story, quote, rng) if with_q else story
            wire, _ = synth.render_base(wire_story)
            wires[story.id] = wire
            for mix in MIXES:
                page = synth.make_copy(wire_story, mix, pool, stable_key(story.id, mix))
                items.append(Item(lang, story.id, wire, page))
            for kind in ("other story", "quotation" if with_q else "background"):
                page = synth.make_distractor(wire_story, kind, pool, stable_key(story.id, kind),
                                             quote if with_q else None)
                items.append(Item(lang, story.id, wire, page))
    return items, wires


# --------------------------------------------------------------------------- #
# Span alignment
# --------------------------------------------------------------------------- #

def _covered(spans: Sequence[tuple[int, int]], cover: Sequence[tuple[int, int]]) -> float:
    total = sum(e - s for s, e in spans)
    if not total:
        return 1.0
    hit = 0
    for s, e in spans:
        for cs, ce in cover:
            hit += max(0, min(e, ce) - max(s, cs))
    return min(1.0, hit / total)


def _overlaps(x0: int, x1: int, span: tuple[int, int] | None) -> bool:
    if span is None:
        return False
    if x0 == x1:  # an empty point (the side where nothing stands)
        return span[0] < x0 < span[1]
    return min(x1, span[1]) > max(x0, span[0])


def edit_reported(e: synth.Edit, c: Any) -> bool:
    """Did ``compare`` report edit ``e`` the way a reader expects?"""
    exp = synth.EXPECTED.get(e.type, frozenset())
    for d in c.divergences:
        if d.kind == "moved" and "moved" in exp:
            return True
        if d.kind in exp and (_overlaps(d.a_start, d.a_end, e.a_span)
                              or _overlaps(d.b_start, d.b_end, e.b_span)):
            return True
    if "boilerplate" in exp and e.b_words and \
            _covered(e.b_words, [(x.start, x.end) for x in c.boilerplate_b]) >= 0.9:
        return True
    shared = [(s.b_start, s.b_end) for s in c.shared]
    return bool("shared" in exp and e.b_words and _covered(e.b_words, shared) >= 0.9)


# --------------------------------------------------------------------------- #
# Pair detection and families
# --------------------------------------------------------------------------- #


def shingles(text: str) -> set[str]:
    w = [t.casefold() for t in re.findall(r"\w+", text)]
    return {" ".join(w[i:i + SHINGLE]) for i in range(max(1, len(w) - SHINGLE + 1))}


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pair_scores(items: list[Item], related: Callable[[Item], set[str]],
                republication: Callable[[Item], set[str]] | None = None) -> dict[str, Any]:
    """Precision/recall/F1 per edit mix for a detector returning wire ids.

    ``related`` gives every wire the detector links a page to, ``republication`` the
    wires it calls the page a republication of (the same when the detector cannot
    tell). A light or heavy copy is found when its wire is in ``republication``, a
    partial copy when it is in ``related``. False positives: wrong wires for a copy,
    and a distractor called a republication. Queries of a mix: its copies plus all
    distractors.
    """
    repub = republication or related
    rel = {id(it): related(it) for it in items}
    rep = {id(it): repub(it) for it in items}
    res: dict[str, Any] = {}
    dis = [it for it in items if it.page.mix in DISTRACTORS]
    fp_dis = sum(len(rep[id(it)]) for it in dis)
    for mix in MIXES:
        got = rel if mix == "partial" else rep
        cop = [it for it in items if it.page.mix == mix]
        tp = sum(1 for it in cop if it.wire_id in got[id(it)])
        fp = sum(len(got[id(it)] - {it.wire_id}) for it in cop) + fp_dis
        fn = len(cop) - tp
        res[mix] = dict(zip(("precision", "recall", "f1"), _prf(tp, fp, fn), strict=True))
    res["distractors_flagged"] = sum(1 for it in dis if rep[id(it)])
    res["distractors_any_match"] = sum(1 for it in dis if rel[id(it)])
    res["distractors"] = len(dis)
    return res


def ari(labels_true: Sequence[object], labels_pred: Sequence[object]) -> float:
    """Adjusted Rand index of two labellings of the same items."""
    def c2(n: int) -> float:
        return n * (n - 1) / 2
    n = len(labels_true)
    cont = Counter(zip(labels_true, labels_pred, strict=False))
    a = Counter(labels_true)
    b = Counter(labels_pred)
    index = sum(c2(v) for v in cont.values())
    sa = sum(c2(v) for v in a.values())
    sb = sum(c2(v) for v in b.values())
    expected = sa * sb / c2(n) if n > 1 else 0.0
    mx = (sa + sb) / 2
    if mx == expected:
        return 1.0
    return (index - expected) / (mx - expected)


def _peak_bytes(fn: Callable[[], object]) -> int:
    """Peak Python heap allocation while ``fn`` runs (tracemalloc; untimed pass)."""
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _lsh_detector(items: list[Item], wires: dict[str, str], threshold: float
                  ) -> tuple[Callable[[Item], set[str]], float, float, int]:
    """datasketch MinHashLSH over the wires: (detector, build s, query s, peak bytes)."""
    from datasketch import MinHash, MinHashLSH

    def mh(text: str) -> MinHash:
        m = MinHash(num_perm=NUM_PERM, seed=1)
        m.update_batch([s.encode() for s in shingles(text)])
        return m

    def build() -> MinHashLSH:
        lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        for wid, text in wires.items():
            lsh.insert(wid, mh(text))
        return lsh

    peak = _peak_bytes(build)
    t0 = time.perf_counter()
    lsh = build()
    build_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    res = {id(it): set(lsh.query(mh(it.page.text))) for it in items}
    query_s = time.perf_counter() - t0
    return (lambda it: res[id(it)]), build_s, query_s, peak


def _jaccard_scores(items: list[Item], wires: dict[str, str]
                    ) -> tuple[dict[int, dict[str, float]], float]:
    """Exact Jaccard of every page against every wire (brute force), and its time."""
    t0 = time.perf_counter()
    ws = {wid: shingles(t) for wid, t in wires.items()}
    res = {}
    for it in items:
        q = shingles(it.page.text)
        res[id(it)] = {wid: len(q & s) / len(q | s) for wid, s in ws.items()}
    return res, time.perf_counter() - t0


def _index_api() -> Any:
    """``syndetect.Index`` when the library has it (it is being built), else None."""
    index = getattr(syndetect, "Index", None)
    if index is None:
        try:
            index = getattr(importlib.import_module("syndetect.index"), "Index", None)
        except ImportError:
            index = None
    return index


# --------------------------------------------------------------------------- #
# The benchmark
# --------------------------------------------------------------------------- #


def run(data_dir: Path | None, quick: bool) -> dict[str, Any]:
    per_lang = 6 if quick else 48
    stories = load_stories(data_dir, per_lang)
    items, wires = build(stories, per_lang)
    langs = list(stories)

    # Span alignment: compare and difflib side by side, every pair.
    for it in items:
        t0 = time.perf_counter()
        it.comparison = syndetect.compare(it.wire, it.page.text)
        it.compare_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        it.difflib_dets = difflib_passages(it.wire, it.page.text)
        it.difflib_s = time.perf_counter() - t0

    def dets(it: Item) -> list[tuple[int, int, int, int]]:
        return [(p.a_start, p.a_end, p.b_start, p.b_end) for p in it.comparison.passages
                if p.shared_words >= MIN_PASSAGE_WORDS]

    def spans(sub: list[Item], method: str) -> dict[str, float]:
        cases = [[(c.a_start, c.a_end, c.b_start, c.b_end) for c in it.page.cases]
                 for it in sub]
        found = [dets(it) if method == "compare" else it.difflib_dets or [] for it in sub]
        return vars(plagdet(cases, found))  # type: ignore[no-any-return]

    copies = [it for it in items if it.page.mix in MIXES]
    span_rows = {}
    for lang in [*langs, "all"]:
        for mix in [*MIXES, "all"]:
            sub = [it for it in copies if (lang == "all" or it.lang == lang)
                   and (mix == "all" or it.page.mix == mix)]
            if sub:
                span_rows[(lang, mix)] = {m: spans(sub, m) for m in ("compare", "difflib")}

    # Edit reporting.
    edits: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses: dict[str, list[str]] = defaultdict(list)
    for it in copies:
        for e in it.page.edits:
            if e.a_span is None and not e.b_words:
                continue  # undone by a later edit (e.g. a substitution in a cut paragraph)
            ok = edit_reported(e, it.comparison)
            edits[e.type][0] += ok
            edits[e.type][1] += 1
            if not ok and len(misses[e.type]) < 2:
                misses[e.type].append(f"{it.wire_id} ({it.page.mix})")

    # Verdicts and compare as a pair classifier.
    verdicts: dict[str, Counter[str]] = defaultdict(Counter)
    for it in items:
        verdicts[it.page.mix][it.comparison.verdict] += 1
    compare_pairs = pair_scores(
        items, lambda it: {it.wire_id} if it.comparison.verdict != "unrelated" else set(),
        lambda it: {it.wire_id} if it.comparison.verdict in REPUBLICATION else set())
    distractor_detail = {}
    for kind in DISTRACTORS:
        sub = [it for it in items if it.page.mix == kind]
        if not sub:
            continue
        reported = quoted = 0
        for it in sub:
            sh = [(s.b_start, s.b_end) for s in it.comparison.shared]
            if it.page.shared_words and _covered(it.page.shared_words, sh) >= 0.5:
                reported += 1
            qs = [e for e in it.page.edits if e.type == "shared quotation"]
            if qs and _covered(qs[0].b_words, [(s.b_start, s.b_end) for s in
                                               it.comparison.shared if s.quotation]) >= 0.5:
                quoted += 1
        distractor_detail[kind] = {"pairs": len(sub), "flagged": sum(
            1 for it in sub if it.comparison.verdict in REPUBLICATION),
            "shared passage reported": reported, "shared quotation marked": quoted}

    # Speed of span alignment, side by side, over rounds on a sample of pairs.
    sample = sorted(items, key=lambda it: stable_key(it.wire_id, it.page.mix))[:60]
    rounds: dict[str, list[float]] = {"compare": [], "difflib": []}
    for _ in range(2 if quick else 5):
        acc: dict[str, list[float]] = {"compare": [], "difflib": []}
        for it in sample:
            t0 = time.perf_counter()
            syndetect.compare(it.wire, it.page.text)
            acc["compare"].append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            difflib_passages(it.wire, it.page.text)
            acc["difflib"].append(time.perf_counter() - t0)
        for k in acc:
            rounds[k].append(statistics.median(acc[k]))
    span_speed = {k: timing(v) for k, v in rounds.items()}

    # Pair detection baselines (and the index, when present), per language.
    baselines: dict[str, Any] = {}
    for lang in langs:
        sub = [it for it in items if it.lang == lang]
        lw = {it.wire_id: it.wire for it in sub}
        for th in LSH_THRESHOLDS:
            runs = [_lsh_detector(sub, lw, th) for _ in range(1 if quick else 3)]
            det = runs[0][0]
            baselines[(lang, f"datasketch MinHashLSH t={th}")] = {
                **pair_scores(sub, det),
                "build": timing([r[1] for r in runs]), "query": timing([r[2] for r in runs]),
                "peak_mib": max(r[3] for r in runs) / 2**20}
        jruns = [_jaccard_scores(sub, lw) for _ in range(1 if quick else 3)]
        scores = jruns[0][0]
        for th in LSH_THRESHOLDS:
            baselines[(lang, f"exact Jaccard t={th}")] = {
                **pair_scores(sub, lambda it, th=th, sc=scores: {w for w, j in sc[id(it)].items()
                                                      if j >= th}),
                "build": None, "query": timing([r[1] for r in jruns]), "peak_mib": None}
    index_figures = _index_part(items, langs, quick)

    figures: dict[str, Any] = {
        "origin": {lang: len(stories[lang]) for lang in langs},
        "wires": len(wires),
        "pages": len(items),
        "span": {f"{lang}/{mix}": v for (lang, mix), v in span_rows.items()},
        "edits_reported": {k: v[0] / v[1] for k, v in edits.items()},
        "verdicts": {k: dict(v) for k, v in verdicts.items()},
        "compare_pairs": compare_pairs,
        "distractors": distractor_detail,
        "span_speed": {k: v.as_dict() for k, v in span_speed.items()},
        "baselines": {f"{lang}: {name}": {k: v for k, v in b.items()
                                          if k not in ("build", "query")}
                      for (lang, name), b in baselines.items()},
        "index": index_figures.get("figures"),
    }
    figures["markdown"] = _markdown(figures, span_rows, edits, misses, verdicts,
                                    compare_pairs, distractor_detail, span_speed, baselines,
                                    index_figures, langs, quick)
    figures["markdown"] += "\n" + _shortfalls(items, dets) + "\n" + DIAGNOSIS
    return figures


def _index_part(items: list[Item], langs: list[str], quick: bool) -> dict[str, Any]:
    """Pair detection and families through ``syndetect.Index``, when it exists."""
    index_cls = _index_api()
    if index_cls is None:
        return {"skipped": "syndetect.Index is not available yet"}
    try:
        return _run_index(index_cls, items, langs, quick)
    except Exception as e:  # noqa: BLE001 - the index is new; report, don't hide the rest
        return {"skipped": f"syndetect.Index failed: {type(e).__name__}: {e}"}


def _run_index(index_cls: Any, items: list[Item], langs: list[str], quick: bool
               ) -> dict[str, Any]:
    rows: list[tuple[Any, ...]] = []
    figs: dict[str, Any] = {}
    repeats = 1 if quick else 3
    for lang in langs:
        sub = [it for it in items if it.lang == lang]
        wires = {it.wire_id: it.wire for it in sub}
        pages = {f"page-{k}": it for k, it in enumerate(sub)}
        builds, queries, peaks = [], [], []
        found: dict[str, list[Any]] = {}

        # The index holds the pages (outlets' copies and other stories); each wire is a
        # query: "where was this story republished?", the orientation Index.query
        # documents (the query plays the wire).
        def build(pages: dict[str, Item] = pages) -> Any:
            idx = index_cls()
            idx.add_many({"id": k, "text": it.page.text} for k, it in pages.items())
            return idx

        peaks.append(_peak_bytes(build))
        for r in range(repeats):
            t0 = time.perf_counter()
            idx = build()
            builds.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            got = {w: idx.query(t) for w, t in wires.items()}
            queries.append(time.perf_counter() - t0)
            if r == 0:
                found = got
        related: dict[int, set[str]] = defaultdict(set)
        repub: dict[int, set[str]] = defaultdict(set)
        for w, matches in found.items():
            for m in matches:
                it = pages[m.doc_id]
                related[id(it)].add(w)
                if m.is_republication:
                    repub[id(it)].add(w)
        sc = pair_scores(sub, lambda it, f=related: f[id(it)], lambda it, f=repub: f[id(it)])
        bt, qt = timing(builds), timing(queries)
        figs[f"{lang}: pairs"] = {**sc, "build": bt.as_dict(), "query": qt.as_dict(),
                                  "peak_mib": max(peaks) / 2**20}
        rows.append(("syndetect.Index.query (pages indexed, wires queried)", lang,
                     *(sc[m]["f1"] for m in MIXES),
                     f"{sc['distractors_flagged']}/{sc['distractors']}",
                     f"{sc['distractors_any_match']}/{sc['distractors']}", bt.ms(), qt.ms(),
                     f"{max(peaks) / 2**20:.1f}"))
        # Families over wires and every generated page.
        idx = index_cls()
        docs = [(it.wire_id, it.wire) for it in sub if it.page.mix == "light"]
        docs += [(f"{it.wire_id}|{it.page.mix}", it.page.text) for it in sub]
        idx.add_many({"id": d, "text": t} for d, t in docs)
        t0 = time.perf_counter()
        fams = idx.families()
        fam_s = time.perf_counter() - t0
        pred = {m: k for k, f in enumerate(fams) for m in f.members}
        ids = [d for d, _ in docs]
        with_partial = [d.split("|")[0] if "|" not in d or d.split("|")[1] in MIXES else d
                        for d in ids]
        without_partial = [d.split("|")[0] if "|" not in d or d.split("|")[1] in
                           ("light", "heavy") else d for d in ids]
        p = [pred.get(d, f"missing:{d}") for d in ids]
        figs[f"{lang}: families"] = {
            "documents": len(ids), "families": len(fams), "true_families": len(set(with_partial)),
            "ari_partial_in_family": ari(with_partial, p),
            "ari_partial_apart": ari(without_partial, p), "seconds": fam_s}
    return {"figures": figs, "rows": rows}


def _shortfalls(items: list[Item], dets: Callable[[Item], list[Any]]) -> str:
    """Worst pages by plagdet and wrong verdicts, with the edits applied to them."""
    scored = []
    for it in items:
        if it.page.mix not in MIXES:
            continue
        cases = [(c.a_start, c.a_end, c.b_start, c.b_end) for c in it.page.cases]
        scored.append((plagdet([cases], [dets(it)]).plagdet, it))
    scored.sort(key=lambda r: (r[0], stable_key(r[1].wire_id, r[1].page.mix)))

    def edits_of(it: Item) -> str:
        return ", ".join(sorted({e.type.split(":")[0] for e in it.page.edits})) or "–"

    rows = [(it.wire_id, it.page.mix, it.lang, pd, it.comparison.verdict, edits_of(it))
            for pd, it in scored[:8]]
    accept = {"light": {"light_edit", "verbatim"}, "heavy": {"heavy_edit"},
              "partial": {"partial"}, "background": {"partial", "unrelated"}}
    wrong = [it for it in items
             if it.comparison.verdict not in accept.get(it.page.mix, {"unrelated"})]
    wrong.sort(key=lambda it: stable_key(it.wire_id, it.page.mix))
    wrows = [(it.wire_id, it.page.mix, it.lang, it.comparison.verdict,
              f"{it.comparison.coverage_a:.2f} / {it.comparison.coverage_b:.2f}", edits_of(it))
             for it in wrong[:10]]
    out = ["### Where syndetect falls short", "",
           "Lowest span plagdet per page (wire id: PAN source document or SaudiNewsNet "
           "article id; pages are regenerated deterministically from them):", "",
           md_table(("wire", "mix", "language", "plagdet", "verdict", "edits applied"), rows),
           "", f"Pages whose verdict is not the expected one ({len(wrong)} in all; first "
           "10; a light copy called verbatim, and a background distractor called partial, "
           "are accepted):", "",
           md_table(("wire", "page", "language", "verdict", "coverage wire / page",
                     "edits applied"), wrows), ""]
    return "\n".join(out)


def _goals(f: dict[str, Any], span_rows: dict[Any, Any], index_figures: dict[str, Any],
           langs: list[str], names: dict[str, str]) -> list[str]:
    """Issue 4's goals against this run's figures."""
    rows: list[tuple[Any, ...]] = []
    figs = index_figures.get("figures") or {}
    for lang in langs:
        p = figs.get(f"{lang}: pairs")
        if p is None:
            continue
        for mix, goal in (("light", GOALS["pair_f1_edit"]), ("heavy", GOALS["pair_f1_edit"]),
                          ("partial", GOALS["pair_f1_partial"])):
            v = p[mix]["f1"]
            rows.append((f"pair F1, {mix} (Index)", names[lang], f"≥ {goal}", f"{v:.3f}",
                         "yes" if v >= goal else "**no**"))
        rows.append(("distractors called a republication (Index)", names[lang], "0",
                     f"{p['distractors_flagged']}/{p['distractors']}",
                     "yes" if p["distractors_flagged"] == 0 else "**no**"))
        fam = figs.get(f"{lang}: families")
        if fam:
            v = fam["ari_partial_apart"]
            rows.append(("family ARI (partial copies apart)", names[lang], f"≥ {GOALS['ari']}",
                         f"{v:.3f}", "yes" if v >= GOALS["ari"] else "**no**"))
    for lang in [*langs, "all"]:
        v = span_rows.get((lang, "all"), {}).get("compare", {}).get("plagdet")
        if v is not None:
            rows.append(("span plagdet, all mixes", names[lang], f"≥ {GOALS['plagdet']}",
                         f"{v:.3f}", "yes" if v >= GOALS["plagdet"] else "**no**"))
    if not rows:
        return []
    note = "" if figs else (" Pair and family goals need `syndetect.Index`, not "
                            "available in this run.")
    return ["### Goals (issue 4)", "", "Details and baselines in the sections below." + note,
            "", md_table(("goal", "language", "target", "measured", "met"), rows), ""]


def _markdown(f: dict[str, Any], span_rows: dict[Any, Any], edits: dict[str, list[int]],
              misses: dict[str, list[str]], verdicts: dict[str, Counter[str]],
              compare_pairs: dict[str, Any], distractors: dict[str, Any],
              span_speed: dict[str, Any], baselines: dict[Any, Any],
              index_figures: dict[str, Any], langs: list[str], quick: bool) -> str:
    names = {"en": "English (DUC)", "ar": "Arabic (SPA)", "generated": "generated text",
             "all": "all"}
    origin = ", ".join(f"{n} {names[k]} stories available" for k, n in f["origin"].items())
    out = [
        "## Wire syndication (synthetic, exact ground truth)",
        "",
        f"{f['wires']} wire stories ({origin}), {f['pages']} generated pages: per wire a "
        "light, a heavy and a partial republication, another story of the same day, and "
        "that story sharing either one background paragraph or a quoted statement with "
        "the wire. Stories repeating an earlier one (over 5 % of their word 8-grams) "
        "are dropped first; every page is built on a host story of its own, and added "
        "leads and paragraphs come from a separate set of material stories, so a page "
        "shares text with its own wire only." + (" Quick mode: a few stories only."
                                                 if quick else ""),
        "",
        "Edit mixes. *light*: word substitutions, respellings, number changes, "
        "typographic restyling, re-wrapping and whitespace, dateline/credit rewrite, page "
        "clutter, paragraph merge/split, a dropped last paragraph (each with some "
        "probability). *heavy*: tail truncation to 35-70 %, a dropped middle paragraph, "
        "a new local lead, an inserted context paragraph, sentence rewrites (clauses "
        "swapped, short words dropped, a third of the words replaced; in sentences over "
        "30 words a 12-20-word window), substitutions, number changes, a paragraph "
        "moved, plus the light edits. *partial*: 1-3 consecutive wire paragraphs after "
        "the lead, under half of the wire, inside another real story. Ground-truth cases are "
        "the maximal stretches of the page that derive in order from the wire "
        f"(≥ {synth.MIN_CASE_WORDS} words); the wire's dateline and credit are page "
        "furniture, not part of any case.",
        "",
        *_goals(f, span_rows, index_figures, langs, names),
        "### Span alignment (plagdet against exact ground truth)",
        "",
        f"`compare(wire, page).passages` with ≥ {MIN_PASSAGE_WORDS} shared words (compare's "
        "default `min_passage`; shorter passages are chance phrases such as `in the "
        "second half`) as detections vs difflib's matching blocks "
        "(≥ 4 words) merged across gaps ≤ 20 words and kept from 12 words — the same "
        f"merging rules as compare's passages. Goal: plagdet ≥ {GOALS['plagdet']}.",
        "",
    ]
    rows = []
    for (lang, mix), v in span_rows.items():
        c, d = v["compare"], v["difflib"]
        rows.append((names[lang], mix, c["precision"], c["recall"], c["granularity"],
                     c["plagdet"], d["plagdet"], c["cases"]))
    out += [md_table(("language", "mix", "precision", "recall", "granularity", "plagdet",
                      "difflib plagdet", "cases"), rows), ""]
    sp = span_speed
    out += [f"Time per pair (median over pairs; median and min–max over rounds, side by "
            f"side): compare {sp['compare'].ms()}, difflib blocks {sp['difflib'].ms()}; "
            f"ratio difflib/compare {sp['difflib'].median / sp['compare'].median:.2f}×.", ""]
    out += ["### Edits reported with the right divergence kind", "",
            "A deletion must come out as `deleted` over the removed wire text, an "
            "insertion as `inserted` over the new copy text, a rewrite/substitution/"
            "number change as `rewritten` over the changed words, a reorder as a `moved` "
            "divergence; edits that should not show (re-wrap, typography, merge/split, "
            "Arabic orthographic variants, partial reuse) pass when ≥ 90 % of the touched "
            "words stay inside shared spans, page clutter when it lies inside reported "
            "boilerplate; a rewritten dateline passes with any divergence or boilerplate "
            "there.", ""]
    erows = [(t, f"{v[0]}/{v[1]}", v[0] / v[1], ", ".join(misses.get(t, [])))
             for t, v in sorted(edits.items())]
    out += [md_table(("edit", "reported right", "rate", "examples missed (wire id, mix)"),
                     erows), ""]
    out += ["### Verdicts", "",
            "Expected: light → `light_edit`, heavy → `heavy_edit`, partial → `partial`, "
            "distractors → `unrelated`.", ""]
    vs = ("verbatim", "light_edit", "heavy_edit", "partial", "unrelated")
    out += [md_table(("pages", *vs), [(k, *(v.get(x, 0) for x in vs))
                                      for k, v in verdicts.items()]), ""]
    dist_rows = [(k, v["pairs"], v["flagged"], v["shared passage reported"],
                  v["shared quotation marked"]) for k, v in distractors.items()]
    out += [md_table(("distractor", "pairs", "called a republication",
                      "shared wire words reported", "shared quotation marked"), dist_rows), ""]
    out += ["### Pair detection", "",
            "Queries: each mix's copies plus all distractors; a detector returns wire ids. "
            "A light or heavy copy counts as found when the detector calls it a "
            "republication of its wire (Index: `Match.is_republication`; compare: verdict "
            "verbatim, light or heavy edit), a partial copy when the wire is returned at "
            "all (any verdict but unrelated). False positives: a wrong wire for a copy, "
            "and a distractor called a republication; distractors returned with a "
            "`partial` match (their shared passage reported) are counted separately. "
            "MinHash and Jaccard cannot tell the two apart: for them any hit counts "
            "(they index the wires and query the pages; Jaccard is symmetric). The index "
            "holds the pages and is queried with each wire — `Index.query` reads its "
            "verdict with the query as the wire. "
            "Goals: F1 ≥ "
            f"{GOALS['pair_f1_edit']} on light and heavy, ≥ {GOALS['pair_f1_partial']} on "
            "partial, no distractor flagged.", ""]
    cp = compare_pairs
    prow = [("compare verdict (on the known pair only)", "all",
             *(cp[m]["f1"] for m in MIXES), f"{cp['distractors_flagged']}/{cp['distractors']}",
             f"{cp['distractors_any_match']}/{cp['distractors']}", "", "", "")]
    if "figures" in index_figures:
        for row in index_figures["rows"]:
            prow.append((row[0], names.get(row[1], row[1]), *row[2:]))
    for (lang, name), b in baselines.items():
        prow.append((name, names[lang], *(b[m]["f1"] for m in MIXES),
                     f"{b['distractors_flagged']}/{b['distractors']}",
                     f"{b['distractors_any_match']}/{b['distractors']}",
                     b["build"].ms() if b.get("build") else "–",
                     b["query"].ms() if b.get("query") else "",
                     f"{b['peak_mib']:.1f}" if b.get("peak_mib") is not None else ""))
    out += [md_table(("detector", "language", "F1 light", "F1 heavy", "F1 partial",
                      "distractors called republication", "distractors with any match",
                      "index build", "all queries (Jaccard: everything)", "index peak MiB"),
                     prow),
            ""]
    if "figures" in index_figures:
        ratios = []
        for lang in langs:
            ix = index_figures["figures"].get(f"{lang}: pairs")
            base = baselines.get((lang, f"datasketch MinHashLSH t={LSH_THRESHOLDS[0]}"))
            if ix and base:
                ratios.append(f"{names.get(lang, lang)} "
                              f"{ix['query']['median_s'] / base['query'].median:.1f}×")
        if ratios:
            out += ["All queries through `Index.query` (candidates verified with compare) take, "
                    f"relative to MinHashLSH t={LSH_THRESHOLDS[0]} (no verification, no "
                    f"spans): {', '.join(ratios)}.", ""]
    if "figures" in index_figures:
        frows = [(names.get(k.split(":")[0], k), v["documents"], v["true_families"],
                  v["families"], v["ari_partial_in_family"], v["ari_partial_apart"],
                  f"{v['seconds']:.2f} s")
                 for k, v in index_figures["figures"].items() if k.endswith("families")]
        out += ["### Families", "",
                "`Index.families()` over each language's wires and all their pages "
                "(copies and distractors). The true groups put a wire with its light and "
                "heavy copies; a partial copy is counted either in its wire's family or as "
                f"a story of its own (both shown). Goal: ARI ≥ {GOALS['ari']}.", "",
                md_table(("language", "documents", "true families", "families found",
                          "ARI (partial in family)", "ARI (partial apart)", "time"), frows),
                ""]
    if "skipped" in index_figures:
        out += [f"`syndetect.Index`: skipped — {index_figures['skipped']}. Pair detection "
                "through the index and family ARI will appear here once it exists.", ""]
    return "\n".join(out)
