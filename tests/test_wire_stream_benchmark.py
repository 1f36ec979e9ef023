"""Smoke test of benchmarks/wire_stream.py on generated text (no corpus needed)."""

from __future__ import annotations

from benchmarks import wire_stream
from benchmarks.syndication import load_stories


def test_wire_stream_parts_on_generated_text() -> None:
    stories = load_stories(None, 4)["generated"]
    v = wire_stream.versions_run(stories, 3)
    assert v["copies"] == 9 and 0.0 <= v["accuracy"] <= 1.0
    p = wire_stream.provenance_run(stories, 2)
    assert p["edges"] == 8 and p["baseline_star_accuracy"] == 0.5
    md = wire_stream.markdown({"stream": {"skipped": "no data"}, "versions": {"gen": v},
                               "provenance": {"gen": p}})
    assert "## Versions, provenance and the streaming index" in md


def test_stream_run_reports_slices() -> None:
    docs = [(f"2015-08-{1 + i // 10:02d}T{i % 10:02d}:00:00", f"d{i}",
             f"Paragraph number {i} of a short generated text about item {i}.", "x")
            for i in range(60)]
    res = wire_stream.stream_run(docs, slices=4, window_days=1)
    assert res["docs"] == 60 and res["live_end"] <= 20
    assert res["expired"] + res["live_end"] == 60
    assert len(res["slices"]) >= 4


def test_stream_rates_come_from_whole_slices(monkeypatch) -> None:
    """A last slice of a few documents is too short to time: the steady-state range
    leaves it out (it once set the minimum from 6 documents)."""
    docs = [(f"2015-08-{1 + i // 10:02d}T{i % 10:02d}:00:00", f"d{i}",
             f"Paragraph number {i} of a short generated text about item {i}.", "x")
            for i in range(62)]
    res = wire_stream.stream_run(docs, slices=4, window_days=1)
    assert res["slices"][-1]["slice"] == 62 % 15
    whole = [r["cpu_docs_per_s"] for r in res["slices"] if r["slice"] == 15]
    assert res["steady_cpu_docs_per_s_min"] >= min(whole)
    assert res["steady_cpu_docs_per_s_max"] <= max(whole)


def test_stream_skip_names_the_corpus_path_looked_at(tmp_path) -> None:
    res = wire_stream.run(tmp_path, quick=True)
    assert str(tmp_path / "saudinewsnet_ar" / "docs.jsonl.gz") in res["stream"]["skipped"]
    assert str(tmp_path / "saudinewsnet_ar") in res["markdown"]
