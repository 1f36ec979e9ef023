"""Index at scale: all 31,030 SaudiNewsNet articles — build time, peak memory, query latency.

The build runs in a child process so that its peak resident memory is its own
(``ru_maxrss``), measured after the corpus is read and again at the end. Queries
are articles of the corpus itself (each finds itself verbatim plus any re-runs),
timed one by one including verification with ``compare``; p50 and p99 reported.
Save and load of the index file are timed too.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

try:
    from .common import REPO_ROOT, md_table, skipped, standalone
except ImportError:  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks.common import REPO_ROOT, md_table, skipped, standalone

CORPUS = Path("saudinewsnet_ar") / "docs.jsonl.gz"
TITLE = "## Index: SaudiNewsNet scale (build, memory, query latency)"
GOALS = {"build_s": 60.0, "peak_gib": 2.0, "query_p50_ms": 20.0}


def _child(corpus: str, limit: int, n_queries: int, out_dir: str, workers: int) -> None:
    """Build, query, save, load; print one JSON object. Runs in its own process."""
    import gzip
    import resource
    import time

    import numpy as np

    from benchmarks.common import stable_key
    from syndetect import Index

    t0 = time.perf_counter()
    docs = []
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            docs.append({"id": d["id"], "text": d["text"], "outlet": d["source"],
                         "published": d["date_extracted"].replace(" ", "T")})
            if len(docs) >= limit:
                break
    read_s = time.perf_counter() - t0
    rss_loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    idx = Index()
    t0 = time.perf_counter()
    idx.add_many(docs, workers=workers)
    build_s = time.perf_counter() - t0
    units = sum(len(d.unit_words) for _, d, _ in idx._store.scan())

    sample = sorted(docs, key=lambda d: stable_key("q", d["id"]))[:n_queries]
    lat = []
    found = []
    idx.query(sample[0]["text"])  # warm-up (first analyse builds tables)
    for d in sample:
        t = time.perf_counter()
        ms = idx.query(d["text"])
        lat.append(time.perf_counter() - t)
        found.append(len(ms))
    self_first = sum(1 for d in sample if idx.query(d["text"], limit=1)
                     and idx.query(d["text"], limit=1)[0].score == 1.0)
    path = Path(out_dir) / "scale.sdx"
    t0 = time.perf_counter()
    idx.save(path)
    save_s = time.perf_counter() - t0
    size = path.stat().st_size
    rss_end = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    del idx
    t0 = time.perf_counter()
    loaded = Index.load(path)
    load_s = time.perf_counter() - t0
    assert len(loaded) == len(docs)
    lat_ms = np.asarray(lat) * 1e3
    print(json.dumps({
        "workers": workers, "documents": len(docs), "units": units, "read_s": read_s,
        "build_s": build_s,
        "docs_per_s": len(docs) / build_s, "units_per_s": units / build_s,
        "rss_after_read_bytes": rss_loaded, "peak_rss_bytes": rss_end,
        "queries": len(lat), "query_p50_ms": float(np.percentile(lat_ms, 50)),
        "query_p90_ms": float(np.percentile(lat_ms, 90)),
        "query_p99_ms": float(np.percentile(lat_ms, 99)),
        "query_max_ms": float(lat_ms.max()),
        "matches_per_query_mean": float(np.mean(found)),
        "self_found_score_1": self_first,
        "save_s": save_s, "load_s": load_s, "file_bytes": size,
    }))


def _skip(why: str) -> dict[str, Any]:
    return skipped(TITLE, why)


def run(data_dir: Path | None, quick: bool) -> dict[str, Any]:
    if data_dir is None:
        return _skip("no data folder")
    title = TITLE
    corpus = data_dir / CORPUS
    if not corpus.exists():
        return _skip(f"{corpus} not found")
    limit = 5000 if quick else 10**9
    n_queries = 100 if quick else 300
    runs = {}
    for workers in (1, 2):
        with tempfile.TemporaryDirectory() as tmp:
            code = ("import sys; from benchmarks.index_scale import _child; "
                    f"_child({str(corpus)!r}, {limit}, {n_queries}, {tmp!r}, {workers})")
            out = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT,
                                 capture_output=True, text=True, check=False)
        if out.returncode != 0:
            raise RuntimeError(f"scale benchmark child failed:\n{out.stderr[-3000:]}")
        runs[workers] = json.loads(out.stdout.strip().splitlines()[-1])
    fig: dict[str, Any] = dict(runs[1])
    two = runs[2]
    fig["build_s_2_workers"] = two["build_s"]
    fig["peak_rss_bytes_2_workers"] = two["peak_rss_bytes"]
    gib = fig["peak_rss_bytes"] / 2**30
    met = {
        "build_s": min(fig["build_s"], two["build_s"]) <= GOALS["build_s"],
        "peak_gib": gib <= GOALS["peak_gib"],
        "query_p50_ms": fig["query_p50_ms"] <= GOALS["query_p50_ms"],
    }
    fig["goals_met"] = met
    yes = {True: "yes", False: "**no**"}
    scope = "a 5,000-article sample (quick mode)" if quick else "all articles"
    fig["markdown"] = "\n".join([
        title,
        "",
        f"In-memory index of {scope}: {fig['documents']:,} documents, {fig['units']:,} "
        f"paragraph units, default options. Build = `Index.add_many` from texts already "
        f"read (reading and parsing the gzip took {fig['read_s']:.1f} s more). Memory is "
        "the 1-process child's peak resident set, corpus texts included "
        f"({fig['rss_after_read_bytes'] / 2**30:.2f} GiB after reading). "
        f"{fig['queries']} queries are corpus articles (deterministic sample), timed "
        "one by one, verification included.",
        "",
        md_table(("measure", "value", "goal (issue 3)", "met"), [
            ("build time, 1 process", f"{fig['build_s']:.1f} s ({fig['docs_per_s']:,.0f} "
             f"docs/s, {fig['units_per_s']:,.0f} paragraphs/s)", "≤ 60 s",
             yes[fig["build_s"] <= GOALS["build_s"]]),
            ("build time, `workers=2`", f"{two['build_s']:.1f} s ({two['docs_per_s']:,.0f} "
             f"docs/s, {two['units_per_s']:,.0f} paragraphs/s)", "≤ 60 s",
             yes[two["build_s"] <= GOALS["build_s"]]),
            ("peak memory", f"{gib:.2f} GiB", "≤ 2 GB", yes[met["peak_gib"]]),
            ("query p50", f"{fig['query_p50_ms']:.1f} ms", "≤ 20 ms", yes[met["query_p50_ms"]]),
            ("query p90 / p99 / max", f"{fig['query_p90_ms']:.1f} / {fig['query_p99_ms']:.1f} "
             f"/ {fig['query_max_ms']:.1f} ms", "–", "–"),
            ("matches per query (mean)", f"{fig['matches_per_query_mean']:.2f}", "–", "–"),
            ("queries whose top match is themselves (score 1)",
             f"{fig['self_found_score_1']} / {fig['queries']}", "all", "–"),
            ("save / load", f"{fig['save_s']:.1f} s / {fig['load_s']:.1f} s, file "
             f"{fig['file_bytes'] / 2**20:.0f} MiB", "–", "–"),
        ]),
    ])
    return fig


if __name__ == "__main__":
    sys.exit(standalone(run, __doc__))
