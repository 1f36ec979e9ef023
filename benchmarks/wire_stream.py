"""Story versions, provenance and the streaming index, measured.

Three parts:

1. **Streaming** (needs ``saudinewsnet_ar/docs.jsonl.gz``): every article, in order of
   ``date_extracted``, through a :class:`syndetect.stream.StreamingIndex` with a
   3-day window; each article is verified against the live ones on arrival (family
   links). Per slice of the stream: documents/s, live documents, resident memory.
   Quick mode streams an even sample of the same three weeks.
2. **Version attribution** on synthetic ground truth: real stories (SPA wires,
   PAN 2013 English sources; generated text without data) become three wire
   versions (a first take without the last paragraph; an update with a new second
   paragraph and a changed number; a write-through adding the last paragraph and a
   corrected word); each copy is ``make_copy`` (light or heavy mix) of one version.
   :func:`syndetect.versions.closest_version` against the baseline "version with the
   highest coverage of the copy".
3. **Provenance** on synthetic chains: wire -> A (``make_copy`` of the wire), B (of A's
   page), C (of the wire), D (of B's page), dated in that causal order with random
   delays. :func:`syndetect.provenance.provenance` against two baselines: every copy
   from the wire (star), and every copy from the earlier document covering most of
   it.
"""

from __future__ import annotations

import gc
import gzip
import json
import os
import random
import statistics
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import syndetect
from syndetect.provenance import provenance
from syndetect.stream import StreamingIndex
from syndetect.text import analyse
from syndetect.versions import closest_version

from . import synth_syndication as synth
from .common import md_table, stable_key

WINDOW_DAYS = 3.0
#: Verification per arriving document in the stream: the documents colliding in 4+
#: LSH bands (all of them) and the best 5 others, no single-band ones.
STREAM_OPTIONS = {"max_candidates": 5, "weak_candidates": 0}


def _rss_mib() -> float:
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):  # not Linux
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --------------------------------------------------------------------------- #
# 1. Streaming SaudiNewsNet
# --------------------------------------------------------------------------- #


def _load_snn(path: Path) -> list[tuple[str, str, str, str]]:
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                out.append((d["date_extracted"].replace(" ", "T"), d["id"], d["text"],
                            d.get("source") or ""))
    out.sort()
    return out


def stream_run(docs: list[tuple[str, str, str, str]], *, slices: int = 16,
               window_days: float = WINDOW_DAYS) -> dict[str, Any]:
    s = StreamingIndex(window_days=window_days, **STREAM_OPTIONS)
    n = len(docs)
    step = max(1, n // slices)
    rows = []
    gc.collect()
    rss0 = _rss_mib()
    t_all = time.perf_counter()
    t0 = t_all
    cpu0 = time.process_time()
    expired = 0
    for i, (when, doc_id, text, source) in enumerate(docs):
        expired += len(s.add(doc_id, text, published=when, outlet=source))
        if (i + 1) % step == 0 or i + 1 == n:
            t1, cpu1 = time.perf_counter(), time.process_time()
            k = step if (i + 1) % step == 0 else (i + 1) % step
            rows.append({"docs": i + 1, "day": when[:10], "live": len(s), "slice": k,
                         "expired": expired, "docs_per_s": k / max(t1 - t0, 1e-9),
                         "cpu_docs_per_s": k / max(cpu1 - cpu0, 1e-9),
                         "rss_mib": _rss_mib() - rss0})
            t0, cpu0 = t1, cpu1
    total = time.perf_counter() - t_all
    t = time.perf_counter()
    fams = s.families()
    fam_s = time.perf_counter() - t
    # after the window filled: from the first slice past window_days of data
    start = datetime.fromisoformat(docs[0][0])
    steady = [r for r in rows
              if datetime.fromisoformat(r["day"]) >= start + timedelta(days=window_days + 1)]
    steady = steady or rows[len(rows) // 2:]
    rss = [r["rss_mib"] for r in steady]
    # Rates from whole slices only: the last slice can hold a handful of documents,
    # too few to time.
    rate = [r["cpu_docs_per_s"] for r in steady if r["slice"] == step] or \
        [r["cpu_docs_per_s"] for r in steady]
    return {
        "docs": n, "first": docs[0][0], "last": docs[-1][0], "window_days": window_days,
        "seconds": total, "docs_per_s": n / total, "expired": expired, "live_end": len(s),
        "families_end": len(fams), "multi_families_end": sum(1 for f in fams if len(f) > 1),
        "families_seconds": fam_s,
        "steady_rss_mib_min": min(rss), "steady_rss_mib_max": max(rss),
        "steady_cpu_docs_per_s_min": min(rate), "steady_cpu_docs_per_s_max": max(rate),
        "steady_cpu_docs_per_s_median": statistics.median(rate),
        "slices": rows,
    }


# --------------------------------------------------------------------------- #
# 2. Versions
# --------------------------------------------------------------------------- #


def _story(id_: str, paras: list[list[str]], like: synth.Story) -> synth.Story:
    return synth.Story(id_, like.title, tuple(tuple(p) for p in paras if p), like.day,
                       like.lang)


def _change_word(paras: list[list[str]], rng: random.Random, vocab: list[str],
                 number: bool) -> list[list[str]]:
    """One number (or, without one, a word) of a paragraph after the first changed."""
    out = [list(p) for p in paras]
    cands = [(i, j) for i, p in enumerate(out) for j, w in enumerate(p)
             if i >= 0 and (any(c.isdigit() for c in w) if number else
                            (w.isalpha() and len(w) > 4))]
    if not cands:
        cands = [(i, j) for i, p in enumerate(out) for j, w in enumerate(p)
                 if w.isalpha() and len(w) > 4]
    if not cands:
        return out
    i, j = rng.choice(cands)
    w = out[i][j]
    if any(c.isdigit() for c in w):
        digits = [k for k, c in enumerate(w) if c.isdigit()]
        k = digits[-1]
        out[i][j] = w[:k] + str((int(w[k]) + rng.randint(1, 8)) % 10) + w[k + 1:]
    else:
        out[i][j] = rng.choice([v for v in vocab if v != w][:500] or [w + "x"])
    return out


def make_versions(story: synth.Story, pool: synth.StoryPool, seed: str
                  ) -> list[synth.Story]:
    """First take, update (new 2nd paragraph, changed number), write-through."""
    rng = random.Random(seed)
    paras = [list(p) for p in story.paragraphs]
    take = paras[:-1]
    lead = pool.paragraph(rng, story.id)
    update = _change_word([take[0], lead] + take[1:], rng, pool.vocab, number=True)
    write = _change_word(update + [paras[-1]], rng, pool.vocab, number=False)
    return [_story(f"{story.id}/v1", take, story), _story(f"{story.id}/v2", update, story),
            _story(f"{story.id}/v3", write, story)]


def _separable(copy: str, texts: dict[str, str], truth: str) -> bool:
    """Whether the copy keeps a word 3-gram that tells its true version from every other
    one (held by one and not the other): otherwise no method can name the version."""
    from syndetect.versions import _grams

    grams = {k: {g for g in _grams(analyse(t), 3) if g is not None} for k, t in texts.items()}
    kept = {g for g in _grams(analyse(copy), 3) if g is not None}
    return all(any((g in grams[truth]) != (g in grams[w]) for g in kept)
               for w in texts if w != truth)


def versions_run(stories: list[synth.Story], n: int) -> dict[str, Any]:
    pool = synth.StoryPool(stories)
    base = [s for s in pool.stories if len(s.paragraphs) >= 5][:n]
    right = base_right = total = ties = 0
    sep = sep_right = sep_base = 0
    by_mix: dict[str, list[int]] = {}
    by_version: dict[int, list[int]] = {}
    margins_right: list[float] = []
    t = time.perf_counter()
    for s in base:
        vs = make_versions(s, pool, stable_key(s.id, "versions"))
        texts = {f"v{i + 1}": synth.render_base(v)[0] for i, v in enumerate(vs)}
        for k, mix in enumerate(("light", "heavy", "light")):
            truth = int(stable_key(s.id, k, "truth"), 16) % 3
            page = synth.make_copy(vs[truth], mix, pool, stable_key(s.id, k, "copy"))
            m = closest_version(page.text, texts)
            ok = m.version_id == f"v{truth + 1}"
            cov = m.coverage
            base_best = min(texts, key=lambda v: (-round(cov[v], 9), v))
            bok = base_best == f"v{truth + 1}"
            total += 1
            right += ok
            base_right += bok
            ties += m.margin == 0
            if _separable(page.text, texts, f"v{truth + 1}"):
                sep += 1
                sep_right += ok
                sep_base += bok
            by_mix.setdefault(mix, [0, 0])[0] += ok
            by_mix[mix][1] += 1
            by_version.setdefault(truth + 1, [0, 0])[0] += ok
            by_version[truth + 1][1] += 1
            if ok:
                margins_right.append(m.margin)
    return {
        "copies": total, "accuracy": right / max(total, 1),
        "baseline_coverage_accuracy": base_right / max(total, 1),
        "ties": ties, "seconds": time.perf_counter() - t,
        "separable": sep, "separable_accuracy": sep_right / max(sep, 1),
        "separable_baseline_accuracy": sep_base / max(sep, 1),
        "by_mix": {k: v[0] / v[1] for k, v in sorted(by_mix.items())},
        "by_version": {f"v{k}": v[0] / v[1] for k, v in sorted(by_version.items())},
        "median_margin_right": statistics.median(margins_right) if margins_right else None,
    }


# --------------------------------------------------------------------------- #
# 3. Provenance
# --------------------------------------------------------------------------- #


def _from_page(page: synth.Page, id_: str, like: synth.Story) -> synth.Story:
    paras = [p.split() for p in page.text.split("\n\n")]
    return _story(id_, paras, like)


def make_chain(story: synth.Story, pool: synth.StoryPool, seed: str
               ) -> tuple[dict[str, tuple[str, dict[str, Any]]], dict[str, str]]:
    """Documents (id -> (text, metadata)) and the true parent of each copy."""
    rng = random.Random(seed)
    mix = lambda: rng.choice(("light", "light", "heavy"))  # noqa: E731
    t0 = datetime(2015, 8, 10, 6, 0)
    wire = synth.render_base(story)[0]
    a = synth.make_copy(story, mix(), pool, seed + "a")
    b = synth.make_copy(_from_page(a, "A", story), mix(), pool, seed + "b")
    c = synth.make_copy(story, mix(), pool, seed + "c")
    d = synth.make_copy(_from_page(b, "B", story), "light", pool, seed + "d")
    ta = t0 + timedelta(minutes=rng.randint(20, 180))
    tb = ta + timedelta(minutes=rng.randint(20, 600))
    tc = t0 + timedelta(minutes=rng.randint(20, 900))
    td = tb + timedelta(minutes=rng.randint(20, 600))
    docs = {"wire": (wire, {"published": t0.isoformat()}),
            "A": (a.text, {"published": ta.isoformat()}),
            "B": (b.text, {"published": tb.isoformat()}),
            "C": (c.text, {"published": tc.isoformat()}),
            "D": (d.text, {"published": td.isoformat()})}
    return docs, {"A": "wire", "B": "A", "C": "wire", "D": "B"}


def provenance_run(stories: list[synth.Story], n: int) -> dict[str, Any]:
    pool = synth.StoryPool(stories)
    base = [s for s in pool.stories if len(s.paragraphs) >= 5][:n]
    right = star = nearest = total = 0
    direct = [0, 0]
    indirect = [0, 0]
    conf_right: list[float] = []
    conf_wrong: list[float] = []
    t = time.perf_counter()
    for s in base:
        docs, truth = make_chain(s, pool, stable_key(s.id, "chain"))
        g = provenance(docs, original="wire")
        parents = {e.target: e for e in g.edges}
        when = {k: m["published"] for k, (_, m) in docs.items()}
        for x, p in truth.items():
            e = parents[x]
            ok = e.source == p
            total += 1
            right += ok
            star += p == "wire"
            (conf_right if ok else conf_wrong).append(e.confidence)
            bucket = direct if p == "wire" else indirect
            bucket[0] += ok
            bucket[1] += 1
            # baseline: the earlier document that covers most of x
            earlier = [k for k in docs if k != x and when[k] <= when[x]]
            cov = {k: syndetect.compare(docs[k][0], docs[x][0]).coverage_b for k in earlier}
            nearest += min(cov, key=lambda k: (-round(cov[k], 9), when[k])) == p
    return {
        "edges": total, "accuracy": right / max(total, 1),
        "baseline_star_accuracy": star / max(total, 1),
        "baseline_nearest_accuracy": nearest / max(total, 1),
        "direct_accuracy": direct[0] / max(direct[1], 1),
        "copy_of_copy_accuracy": indirect[0] / max(indirect[1], 1),
        "median_confidence_right": statistics.median(conf_right) if conf_right else None,
        "median_confidence_wrong": statistics.median(conf_wrong) if conf_wrong else None,
        "seconds": time.perf_counter() - t,
    }


# --------------------------------------------------------------------------- #


def run(data_dir: Path | None, quick: bool, *, stream: bool = True) -> dict[str, Any]:
    from .syndication import load_stories

    out: dict[str, Any] = {"quick": quick}
    snn = data_dir / "saudinewsnet_ar" / "docs.jsonl.gz" if data_dir else None
    if not stream:
        out["stream"] = {"skipped": "not asked for"}
    elif snn is not None and snn.is_file():
        docs = _load_snn(snn)
        if quick:
            docs = docs[:: max(1, len(docs) // 600)]
        out["stream"] = stream_run(docs, slices=8 if quick else 16)
    else:
        out["stream"] = {"skipped": "no data folder" if snn is None
                         else f"no SaudiNewsNet corpus ({snn} not found)"}
    stories = load_stories(data_dir, 40 if quick else 200)
    n = 12 if quick else 200
    n_chain = 8 if quick else 100
    out["versions"] = {lang: versions_run(st, n) for lang, st in stories.items()}
    out["provenance"] = {lang: provenance_run(st, n_chain) for lang, st in stories.items()}
    out["markdown"] = markdown(out)
    return out


def markdown(res: dict[str, Any]) -> str:
    parts = ["## Versions, provenance and the streaming index (`wire_stream`)", ""]
    st = res["stream"]
    if "skipped" in st:
        parts += [f"Streaming: skipped ({st['skipped']}).", ""]
    else:
        parts += [
            f"**Streaming SaudiNewsNet** ({st['docs']:,} articles, {st['first'][:10]} to "
            f"{st['last'][:10]}, in publication order, {st['window_days']:g}-day window, "
            "each article verified against the live ones on arrival): "
            f"{st['seconds']:.0f} s in all ({st['docs_per_s']:.0f} docs/s wall clock on a "
            f"shared 2-core machine), {st['expired']:,} expired, {st['live_end']:,} live "
            f"at the end in {st['families_end']:,} families "
            f"({st['multi_families_end']:,} with 2+ members; `families()` "
            f"{st['families_seconds'] * 1000:.0f} ms). Once the window is full, resident "
            f"memory added by the stream stays within {st['steady_rss_mib_min']:.0f}–"
            f"{st['steady_rss_mib_max']:.0f} MiB and CPU throughput within "
            f"{st['steady_cpu_docs_per_s_min']:.0f}–{st['steady_cpu_docs_per_s_max']:.0f} "
            f"docs/s (median {st['steady_cpu_docs_per_s_median']:.0f}).",
            "",
            md_table(["after docs", "day", "live", "expired", "docs/s (wall)",
                      "docs/s (CPU)", "RSS added (MiB)"],
                     [[r["docs"], r["day"], r["live"], r["expired"], round(r["docs_per_s"]),
                       round(r["cpu_docs_per_s"]), round(r["rss_mib"])]
                      for r in st["slices"]]),
            "",
        ]
    rows = [[lang, v["copies"], v["accuracy"], v["baseline_coverage_accuracy"],
             v["by_mix"].get("light"), v["by_mix"].get("heavy"), v["ties"], v["separable"],
             v["separable_accuracy"], v["separable_baseline_accuracy"]]
            for lang, v in res["versions"].items()]
    parts += ["**Version attribution** (three versions per story; a light or heavy copy "
              "of one; accuracy of the version named; *separable*: copies that kept a "
              "word 3-gram telling their version from each other one):", "",
              md_table(["stories", "copies", "closest_version", "baseline: max coverage",
                        "light copies", "heavy copies", "ties (margin 0)", "separable",
                        "closest_version (separable)", "baseline (separable)"], rows), ""]
    rows = [[lang, p["edges"], p["accuracy"], p["baseline_star_accuracy"],
             p["baseline_nearest_accuracy"], p["direct_accuracy"], p["copy_of_copy_accuracy"],
             p["median_confidence_right"], p["median_confidence_wrong"]]
            for lang, p in res["provenance"].items()]
    parts += ["**Provenance edge accuracy** (chains wire -> A -> B -> D and wire -> C; "
              "share of copies whose parent is right):", "",
              md_table(["stories", "edges", "provenance", "baseline: all from wire",
                        "baseline: nearest earlier", "direct copies", "copies of copies",
                        "median conf. right", "median conf. wrong"], rows)]
    return "\n".join(parts)


if __name__ == "__main__":
    import sys

    from .common import default_data_dir

    r = run(default_data_dir(), "--quick" in sys.argv, stream="--no-stream" not in sys.argv)
    print(r["markdown"])
    print(json.dumps({k: v for k, v in r.items() if k != "markdown"}, default=str))
