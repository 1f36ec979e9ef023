"""What the index finds among Saudi Press Agency (SPA) re-runs in SaudiNewsNet.

SaudiNewsNet has the SPA wire (``source == "was"``) from 2015-08-10. The articles of
the last days are indexed together; every SPA story is queried (itself excluded) and
each verified match from another outlet counts as a re-run. Story families are then
built over the same articles. No labels exist: the figures describe what the index
reports, and a few examples (ids listed) were checked by reading them (see
docs/index.md).
"""

from __future__ import annotations

import collections
import statistics
import sys
import time
from pathlib import Path
from typing import Any

try:
    from .common import iter_jsonl, md_table, missing_data, skipped, standalone
except ImportError:  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks.common import iter_jsonl, md_table, missing_data, skipped, standalone

CORPUS = Path("saudinewsnet_ar") / "docs.jsonl.gz"
TITLE = "## Index: SPA wire re-runs in SaudiNewsNet"


def _skip(why: str) -> dict[str, Any]:
    return skipped(TITLE, why)


def run(data_dir: Path | None, quick: bool) -> dict[str, Any]:
    if (absent := missing_data(data_dir, CORPUS, TITLE)) is not None:
        return absent
    from syndetect import Index

    first_day = "2015-08-10" if quick else "2015-08-08"
    docs = [{"id": d["id"], "text": d["text"], "source": d["source"],
             "published": d["date_extracted"].replace(" ", "T")}
            for d in iter_jsonl(data_dir / CORPUS) if d["id"][:10] >= first_day]
    source = {d["id"]: d["source"] for d in docs}
    idx = Index()
    t0 = time.perf_counter()
    idx.add_many(docs)
    build_s = time.perf_counter() - t0

    spa = [d for d in docs if d["source"] == "was"]
    t0 = time.perf_counter()
    reruns: dict[str, list[Any]] = {}
    partial = 0
    quoted = 0  # matches where shared quotations are left out of the evidence
    n_matches = 0
    for d in spa:
        ms = [m for m in idx.query(d["text"], exclude=[d["id"]])
              if source[m.doc_id] != "was"]
        rep = [m for m in ms if m.is_republication]
        n_matches += len(ms)
        quoted += sum(1 for m in ms if any(sp.quotation for sp in m.comparison.shared))
        partial += sum(1 for m in ms if not m.is_republication)
        if rep:
            reruns[d["id"]] = rep
    query_s = time.perf_counter() - t0
    outlets = collections.Counter(source[m.doc_id] for ms in reruns.values() for m in ms)
    verdicts = collections.Counter(m.verdict for ms in reruns.values() for m in ms)
    all_m = [m for ms in reruns.values() for m in ms]

    t0 = time.perf_counter()
    fams = idx.families()
    fam_s = time.perf_counter() - t0
    multi = [f for f in fams if len(f) > 1]
    with_spa = [f for f in multi if any(source[i] == "was" for i in f)]
    spa_original = sum(1 for f in with_spa if source[f.original] == "was")
    sizes = collections.Counter(min(len(f), 6) for f in multi)
    # The same families without dates: the likely original then comes from the text
    # alone (scrape times put many outlet copies before the SPA item they copy).
    undated = Index()
    undated.add_many({k: v for k, v in d.items() if k != "published"} for d in docs)
    fams_u = undated.families()
    with_spa_u = [f for f in fams_u if len(f) > 1 and any(source[i] == "was" for i in f)]
    spa_original_u = sum(1 for f in with_spa_u if source[f.original] == "was")

    examples = sorted(reruns.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:6]
    ex_rows = []
    for sid, ms in examples:
        for m in ms[:3]:
            ex_rows.append((sid, m.doc_id, source[m.doc_id], m.verdict,
                            f"{m.coverage_doc:.2f}", f"{m.coverage_query:.2f}"))
    fig: dict[str, Any] = {
        "first_day": first_day, "documents": len(docs), "spa_stories": len(spa),
        "spa_rerun": len(reruns), "rerun_matches": len(all_m), "partial_matches": partial,
        "matches_with_shared_quotations": quoted,
        "outlets": dict(outlets), "verdicts": dict(verdicts),
        "median_coverage_of_copy_by_wire": statistics.median(m.coverage_doc for m in all_m)
        if all_m else None,
        "median_coverage_of_wire_in_copy": statistics.median(m.coverage_query for m in all_m)
        if all_m else None,
        "families": len(fams), "families_2plus": len(multi),
        "families_with_spa": len(with_spa), "spa_is_original": spa_original,
        "undated_families_with_spa": len(with_spa_u), "undated_spa_is_original": spa_original_u,
        "family_sizes": {("6+" if k == 6 else str(k)): v for k, v in sorted(sizes.items())},
        "build_s": build_s, "query_s": query_s, "families_s": fam_s,
        "examples": [list(r) for r in ex_rows],
    }
    fig["markdown"] = "\n".join([
        TITLE,
        "",
        f"Articles from {first_day} to 2015-08-11: {len(docs):,}, of which {len(spa)} SPA "
        f"stories. Built in {build_s:.1f} s; {len(spa)} queries in {query_s:.1f} s; "
        f"families in {fam_s:.1f} s. `published` is the scrape time (`date_extracted`), "
        "which puts many outlet copies before the SPA item they copy. A re-run is a "
        "verified match from another outlet "
        "with verdict verbatim, light_edit or heavy_edit (SPA story as the query, the "
        "outlet's article as the stored document).",
        "",
        md_table(("measure", "value"), [
            ("SPA stories re-run by at least one outlet", f"{len(reruns)} / {len(spa)} "
             f"({len(reruns) / max(len(spa), 1):.0%})"),
            ("re-run articles found", f"{len(all_m)}"),
            ("further partial matches (a few SPA paragraphs inside another story)",
             f"{partial}"),
            ("matches with a shared quotation (left out of the evidence)",
             f"{quoted} of {n_matches}"),
            ("verdicts of re-runs", ", ".join(f"{k} {v}" for k, v in verdicts.most_common())),
            ("re-runs by outlet", ", ".join(f"{k} {v}" for k, v in outlets.most_common())),
            ("median share of the outlet article that is SPA text",
             f"{fig['median_coverage_of_copy_by_wire']:.2f}" if all_m else "–"),
            ("median share of the SPA story kept by the outlet",
             f"{fig['median_coverage_of_wire_in_copy']:.2f}" if all_m else "–"),
            ("story families with 2+ members", f"{len(multi):,} (of {len(fams):,})"),
            ("… containing an SPA story", f"{len(with_spa)} (SPA named original in "
             f"{spa_original})"),
            ("… the same without `published` (original chosen from the text alone)",
             f"{len(with_spa_u)} (SPA named original in {spa_original_u})"),
            ("family sizes (2, 3, 4, 5, 6+)", ", ".join(
                f"{sizes.get(k, 0)}" for k in range(2, 7))),
        ]),
        "",
        "SPA stories with the most re-runs (first three matches each):",
        "",
        md_table(("SPA id", "outlet article", "outlet", "verdict", "share of article that "
                  "is SPA", "share of SPA kept"), ex_rows),
    ])
    return fig


if __name__ == "__main__":
    sys.exit(standalone(run, __doc__))
