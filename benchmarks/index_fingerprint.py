"""Fingerprinting throughput: syndetect's batch MinHash against datasketch, end to end.

SaudiNewsNet articles (Arabic news) are cut into the index's paragraph units and
fingerprinted three ways in the same run, from the same ``analyse`` tokens and the
same word 3-gram shingles, with 128 permutations:

- ``syndetect.fingerprint``: one batch (seeded XXH3 token hashes and the MinHash
  minima in C where ``syndetect._fingerprint`` is built, else numpy; shingles in
  numpy);
- datasketch ``MinHash.update`` called once per shingle (its documented loop);
- datasketch ``MinHash.bulk`` over the shingle lists of the whole batch.

Rates are paragraphs (units) per second, both from analysed text and end to end from
raw text (``analyse`` included, which every method needs). Also measured: LSH
insertion (datasketch ``MinHashLSH.insert`` with the same bands/rows vs syndetect's
in-memory table).
"""

from __future__ import annotations

import gc
import statistics
import sys
import time
from pathlib import Path
from typing import Any

try:
    from .common import iter_jsonl, md_table, missing_data, skipped, stable_key, standalone
except ImportError:  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks.common import (
        iter_jsonl,
        md_table,
        missing_data,
        skipped,
        stable_key,
        standalone,
    )

from syndetect.fingerprint import FingerprintConfig, fingerprint, units
from syndetect.storage import StoredDoc
from syndetect.storage_memory import MemoryStore
from syndetect.text import AnalysedText, analyse

CORPUS = Path("saudinewsnet_ar") / "docs.jsonl.gz"
TITLE = "## Index: fingerprinting throughput"
NUM_PERM = 128


def load_texts(data_dir: Path, n: int) -> list[str]:
    """Texts of ``n`` articles in a deterministic sample."""
    docs = sorted(iter_jsonl(data_dir / CORPUS), key=lambda d: stable_key("fp", d["id"]))
    return [d["text"] for d in docs[:n]]


def unit_shingles(xs: list[AnalysedText], cfg: FingerprintConfig) -> list[list[bytes]]:
    """The byte-string shingles of every unit, as datasketch needs them."""
    out = []
    n = cfg.shingle
    for x in xs:
        content = x.content
        for u in units(x, cfg):
            keys = [x.keys[content[c]] for c in range(u.c0, u.c1)]
            if len(keys) < n:
                out.append([" ".join(keys).encode("utf-8")])
            else:
                out.append([" ".join(keys[i:i + n]).encode("utf-8")
                            for i in range(len(keys) - n + 1)])
    return out


def _skip(why: str) -> dict[str, Any]:
    return skipped(TITLE, why)


def run(data_dir: Path | None, quick: bool) -> dict[str, Any]:
    if (absent := missing_data(data_dir, CORPUS, TITLE)) is not None:
        return absent
    from datasketch import MinHash, MinHashLSH

    texts = load_texts(data_dir, 300 if quick else 1200)
    rounds = 3 if quick else 5
    cfg = FingerprintConfig(num_perm=NUM_PERM)
    res: dict[str, list[float]] = {k: [] for k in ("analyse", "shingles", "syndetect",
                                                   "update", "bulk")}
    n_units = n_shingles = 0
    xs: list[AnalysedText] = []
    sh: list[list[bytes]] = []
    for _ in range(rounds):
        # Every timed step starts from the same heap: the previous round's results
        # freed and the cyclic garbage collector run (it stays on while timing, as in
        # real use).
        xs, sh = [], []
        gc.collect()
        t0 = time.perf_counter()
        xs = [analyse(t) for t in texts]
        res["analyse"].append(time.perf_counter() - t0)

        gc.collect()
        t0 = time.perf_counter()
        fp = fingerprint(xs, cfg)
        res["syndetect"].append(time.perf_counter() - t0)
        n_units = len(fp)

        gc.collect()
        t0 = time.perf_counter()
        sh = unit_shingles(xs, cfg)
        res["shingles"].append(time.perf_counter() - t0)
        n_shingles = sum(map(len, sh))
        assert len(sh) == n_units

        gc.collect()
        t0 = time.perf_counter()
        for shingles in sh:
            m = MinHash(num_perm=NUM_PERM)
            for s in shingles:
                m.update(s)
        res["update"].append(time.perf_counter() - t0 + res["shingles"][-1])

        gc.collect()
        t0 = time.perf_counter()
        MinHash.bulk(sh, num_perm=NUM_PERM)
        res["bulk"].append(time.perf_counter() - t0 + res["shingles"][-1])

    med = {k: statistics.median(v) for k, v in res.items()}

    def ratio(key: str, end_to_end: bool) -> float:
        a = res["analyse"] if end_to_end else [0.0] * rounds
        return statistics.median((o + x) / (o2 + x) for o, o2, x in
                                 zip(res[key], res["syndetect"], a))

    methods = ("syndetect", "bulk", "update")
    rate = {k: n_units / med[k] for k in methods}
    rate_e2e = {k: n_units / (med[k] + med["analyse"]) for k in methods}
    r = {(k, e): ratio(k, e) for k in ("update", "bulk") for e in (False, True)}

    # LSH insertion of the same units.
    mh = MinHash.bulk(sh, num_perm=NUM_PERM)
    lsh = MinHashLSH(num_perm=NUM_PERM, params=(cfg.bands, cfg.rows))
    t0 = time.perf_counter()
    for i, m in enumerate(mh):
        lsh.insert(f"p{i}", m)
    ds_insert = len(mh) / (time.perf_counter() - t0)
    keys = fp.band_keys()
    store = MemoryStore(cfg)
    docs = [StoredDoc(f"p{i}", "", {}, (1,)) for i in range(n_units)]
    per = [keys[i:i + 1] for i in range(n_units)]
    t0 = time.perf_counter()
    store.add(docs, per, replace=False)
    store.lookup(keys[:1])  # forces the sort
    our_insert = n_units / (time.perf_counter() - t0)

    goal = r[("update", True)] >= 20 and r[("bulk", True)] >= 3
    # End to end, every method pays the same analyse time A on top of its own time T:
    # ratio = (T_other + A) / (T_syndetect + A). The goal ratio g is met while
    # A <= (T_other - g * T_syndetect) / (g - 1): the analyse time each goal allows.
    allowed = {k: max((med[k] - g * med["syndetect"]) / (g - 1), 0.0)
               for k, g in (("update", 20), ("bulk", 3))}
    figures: dict[str, Any] = {
        "articles": len(texts),
        "paragraphs": n_units,
        "shingles_per_paragraph": n_shingles / n_units,
        "num_perm": NUM_PERM,
        "rounds": rounds,
        "seconds": med,
        "paragraphs_per_s_from_analysed": rate,
        "paragraphs_per_s_end_to_end": rate_e2e,
        "speedup_from_analysed": {"vs_update": r[("update", False)],
                                  "vs_bulk": r[("bulk", False)]},
        "speedup_end_to_end": {"vs_update": r[("update", True)], "vs_bulk": r[("bulk", True)]},
        "seconds_end_to_end": {k: med[k] + med["analyse"] for k in methods},
        "analyse_share_of_syndetect_end_to_end": med["analyse"] / (med["analyse"]
                                                                  + med["syndetect"]),
        "analyse_seconds_allowed_by_goal": {"vs_update_20x": allowed["update"],
                                            "vs_bulk_3x": allowed["bulk"]},
        "lsh_insert_per_s": {"datasketch MinHashLSH.insert": ds_insert,
                              "syndetect MemoryStore.add": our_insert},
        "goal_met": goal,
    }
    rows = [
        ("**syndetect** `fingerprint` (one batch)", f"{rate['syndetect']:,.0f}",
         f"{rate_e2e['syndetect']:,.0f}", "1×", "1×"),
        ("datasketch `MinHash.bulk` (+ shingle strings)", f"{rate['bulk']:,.0f}",
         f"{rate_e2e['bulk']:,.0f}", f"{r[('bulk', False)]:.1f}×", f"{r[('bulk', True)]:.1f}×"),
        ("datasketch `MinHash.update` loop (+ shingle strings)", f"{rate['update']:,.0f}",
         f"{rate_e2e['update']:,.0f}", f"{r[('update', False)]:.1f}×",
         f"{r[('update', True)]:.1f}×"),
    ]
    figures["markdown"] = "\n".join([
        "## Index: fingerprinting throughput",
        "",
        f"{len(texts):,} SaudiNewsNet articles cut into {n_units:,} paragraph units "
        f"({n_shingles / n_units:.0f} word 3-grams each on average), {NUM_PERM} "
        f"permutations. Median of {rounds} rounds; every method runs in every round on "
        "the same units, tokens and shingles, each timed step starting after the "
        "previous round's results are freed and `gc.collect()` has run (the collector "
        "stays on while timing, as in real use). *From analysed text* starts from the "
        "`analyse` result (datasketch also pays for building its shingle strings); "
        "*end to end* adds the `analyse` time every method needs "
        f"({med['analyse']:.2f} s for the batch, {n_units / med['analyse']:,.0f} "
        "paragraphs/s on its own).",
        "",
        md_table(("method", "paragraphs/s from analysed text", "paragraphs/s end to end",
                  "syndetect speed-up (analysed)", "syndetect speed-up (end to end)"), rows),
        "",
        f"Goals (issue 3, end to end): ≥ 20× the update loop, ≥ 3× `bulk`: "
        f"{'met' if goal else '**not met**'}"
        + ("" if goal else " — the shared `analyse` step (tokens, paragraphs, clutter, "
           "quotations) bounds every method; syndetect's own stage is the ratio in the "
           "*analysed* column") + ". "
        f"End to end, `analyse` is {100 * figures['analyse_share_of_syndetect_end_to_end']:.0f} % "
        f"of syndetect's time; with syndetect's own stage as measured, the 20× goal "
        f"holds while `analyse` takes at most {allowed['update']:.2f} s for this batch "
        f"and the 3× goal while it takes at most {allowed['bulk']:.2f} s "
        f"(now {med['analyse']:.2f} s).",
        "",
        f"LSH insertion of the same units ({cfg.bands} bands × {cfg.rows} rows): "
        f"datasketch `MinHashLSH.insert` {ds_insert:,.0f} paragraphs/s; syndetect's "
        f"sorted numpy table {our_insert:,.0f} paragraphs/s.",
    ])
    return figures


if __name__ == "__main__":
    sys.exit(standalone(run, __doc__))
