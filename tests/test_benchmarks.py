"""Smoke tests of the benchmark suite: the measures on hand-computed cases, and every
benchmark run in quick mode on tiny generated data (seconds; no corpus needed)."""

from __future__ import annotations

import gzip
import json
import math
import random
from pathlib import Path

import pytest

from benchmarks import __main__ as runner
from benchmarks import compare_speed, pan13
from benchmarks.common import timing


def test_plagdet_perfect_detection_scores_one() -> None:
    s = pan13.plagdet([[(0, 10, 100, 110)]], [[(0, 10, 100, 110)]])
    assert (s.precision, s.recall, s.granularity, s.plagdet) == (1.0, 1.0, 1.0, 1.0)


def test_plagdet_half_detected_case() -> None:
    s = pan13.plagdet([[(0, 10, 100, 110)]], [[(0, 5, 100, 105)]])
    assert s.precision == 1.0
    assert s.recall == 0.5
    assert s.plagdet == pytest.approx(2 * 0.5 / 1.5)


def test_plagdet_granularity_penalises_split_detections() -> None:
    s = pan13.plagdet([[(0, 10, 100, 110)]], [[(0, 5, 100, 105), (5, 10, 105, 110)]])
    assert s.recall == 1.0
    assert s.granularity == 2.0
    assert s.plagdet == pytest.approx(1 / math.log2(3))


def test_plagdet_needs_overlap_on_both_sides() -> None:
    s = pan13.plagdet([[(0, 10, 100, 110)]], [[(0, 10, 200, 210)]])
    assert s.precision == 0.0
    assert s.recall == 0.0
    assert s.plagdet == 0.0


def test_plagdet_detection_on_pair_without_case_lowers_precision() -> None:
    s = pan13.plagdet([[(0, 10, 0, 10)], []], [[(0, 10, 0, 10)], [(0, 4, 0, 4)]])
    assert s.recall == 1.0
    assert s.precision == 0.5


def test_timing_summary() -> None:
    t = timing([3.0, 1.0, 2.0])
    assert (t.median, t.low, t.high, t.n) == (2.0, 1.0, 3.0, 3)


def _tiny_pan(root: Path) -> None:
    """A PAN-shaped corpus of generated text: verbatim, word-edited and no-reuse pairs."""
    rng = random.Random(3)
    arts = compare_speed.generated_articles(12, seed=11)
    docs, pairs = [], []
    for i in range(6):
        src, host = arts[2 * i], arts[2 * i + 1]
        piece = src[: len(src) // 3]
        piece = piece[: piece.rfind(" ")]
        kind = ("none", "random", "no-plagiarism")[i % 3]
        if kind == "random":
            words = piece.split(" ")
            for k in rng.sample(range(len(words)), len(words) // 12):
                words[k] = "zzxq"
            insert = " ".join(words)
        else:
            insert = piece
        cut = host.find("\n\n", len(host) // 2)
        if kind == "no-plagiarism":
            susp, spans = host, []
        else:
            susp = host[:cut] + "\n\n" + insert + host[cut:]
            spans = [[0, len(piece), cut + 2, cut + 2 + len(insert)]]
        docs += [{"id": f"src/s{i}", "text": src}, {"id": f"susp/t{i}", "text": susp}]
        pairs.append({"source_id": f"src/s{i}", "target_id": f"susp/t{i}",
                      "label": int(bool(spans)), "obfuscation": kind, "spans": spans,
                      "case_attrs": []})
    root.mkdir(parents=True)
    with gzip.open(root / "docs.jsonl.gz", "wt", encoding="utf-8") as f:
        f.writelines(json.dumps(d) + "\n" for d in docs)
    (root / "pairs.jsonl").write_text("".join(json.dumps(p) + "\n" for p in pairs))


def test_pan13_quick_run_on_tiny_corpus(tmp_path: Path) -> None:
    _tiny_pan(tmp_path / "pan13_train")
    res = pan13.run(tmp_path, quick=True)
    assert res["pairs"] == 6
    assert res["per_type"]["none"]["plagdet"] >= 0.9
    assert res["false_positive_pairs"] == 0
    assert "## PAN 2013" in res["markdown"]


def test_pan13_skips_without_data(tmp_path: Path) -> None:
    assert "skipped" in pan13.run(tmp_path, quick=True)
    assert "skipped" in pan13.run(None, quick=True)


def test_edit_generator_is_deterministic_and_edits() -> None:
    (art,) = compare_speed.generated_articles(1)
    vocab, extra = ["alpha", "beta"], ["An inserted sentence of the copy."]
    a = compare_speed.edit_article(art, "x", vocab, extra)
    assert a == compare_speed.edit_article(art, "x", vocab, extra)
    assert a != art


def test_runner_writes_stamped_page_and_keeps_other_sections(tmp_path: Path) -> None:
    _tiny_pan(tmp_path / "data" / "pan13_train")
    out = tmp_path / "benchmarks.md"
    argv = ["--quick", "--data", str(tmp_path / "data"), "--out", str(out)]
    assert runner.main([*argv, "--only", "pan13", "compare_speed"]) == 0
    page = out.read_text()
    assert "- commit:" in page and "cores" in page and "numpy" in page
    assert "<!-- benchmark:pan13 -->" in page and "<!-- benchmark:compare_speed -->" in page
    assert "generated pseudo-text" in page  # no DUC sources in the tiny corpus
    assert page.count("_Measured at commit") == 2
    # The README's fuzzy and no-C figures come from compare_speed.
    assert "`fuzzy=True` costs **" in page and "Without the optional C extensions" in page
    assert "Arabic articles: not timed (" in page  # no SaudiNewsNet in the tiny data
    assert runner.main([*argv, "--only", "compare_speed"]) == 0
    assert "<!-- benchmark:pan13 -->" in out.read_text()


def test_runner_discovers_benchmark_modules() -> None:
    names = runner.discover()
    assert {"pan13", "compare_speed"} <= set(names)
    assert not any(n.startswith(("common", "synth_")) for n in names)


def test_syndication_quick_run_on_generated_text() -> None:
    from benchmarks import syndication

    res = syndication.run(None, quick=True)
    assert res["origin"] == {"generated": 24}
    light = res["span"]["generated/light"]["compare"]
    assert 0.0 < light["plagdet"] <= 1.0
    assert light["cases"] > 0
    assert set(res["edits_reported"]) >= {"tail truncation", "word substitution"}
    assert "## Wire syndication" in res["markdown"]


def test_synthetic_copy_ground_truth_points_at_equal_text() -> None:
    from benchmarks import synth_syndication as synth

    texts = compare_speed.generated_articles(6, seed=4)
    stories = [synth.Story(f"s{i}", "A headline", tuple(tuple(p.split()) for p in
                                                       t.split("\n\n")), "d", "en")
               for i, t in enumerate(texts)]
    wire, _ = synth.render_base(stories[0])
    for mix in ("light", "heavy", "partial"):
        page = synth.make_copy(stories[0], mix, synth.StoryPool(stories[1:]), f"seed-{mix}")
        assert page.cases
        for c in page.cases:
            # A case's two sides start and end with the same word (edits sit inside).
            a_words, b_words = wire[c.a_start:c.a_end].split(), page.text[c.b_start:c.b_end].split()
            assert len(b_words) >= synth.MIN_CASE_WORDS
            assert 0.5 <= len(b_words) / len(a_words) <= 2.0
        again = synth.make_copy(stories[0], mix, synth.StoryPool(stories[1:]), f"seed-{mix}")
        assert page == again


def test_adjusted_rand_index() -> None:
    from benchmarks.syndication import ari

    assert ari([1, 1, 2, 2], ["a", "a", "b", "b"]) == 1.0
    assert ari([1, 1, 2, 2], ["a", "b", "a", "b"]) == pytest.approx(-0.5)


def _fake_benchmarks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two instant benchmarks: ``needs_data`` is skipped without a data folder,
    ``falls_back`` measures generated text instead."""

    def needs_data(data_dir: Path | None, quick: bool) -> dict[str, object]:
        if data_dir is None:
            return {"skipped": "no data folder",
                    "markdown": "## Needs data\n\nSkipped: no data folder."}
        return {"markdown": f"## Needs data\n\nfigure from data ({'quick' if quick else 'full'})"}

    def falls_back(data_dir: Path | None, quick: bool) -> dict[str, object]:
        src = "data" if data_dir is not None else "generated text"
        return {"markdown": f"## Falls back\n\nfigure from {src}"}

    monkeypatch.setattr(runner, "discover",
                        lambda: {"falls_back": falls_back, "needs_data": needs_data})


def test_runner_data_less_run_keeps_sections_measured_on_data(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _fake_benchmarks(monkeypatch)
    (tmp_path / "data").mkdir()
    out = tmp_path / "benchmarks.md"
    assert runner.main(["--data", str(tmp_path / "data"), "--out", str(out)]) == 0
    page = out.read_text()
    assert "figure from data (full)" in page and "figure from data\n" in page
    assert f"full run, data `{tmp_path / 'data'}`" in page
    capsys.readouterr()

    assert runner.main(["--quick", "--data", str(tmp_path / "none"), "--out", str(out)]) == 0
    assert out.read_text() == page  # nothing was measured that could replace a section
    said = capsys.readouterr().out
    assert "needs_data: kept the previous section" in said
    assert "falls_back: kept the previous section, measured on data" in said
    assert "left" in said and "unchanged" in said


def test_runner_stamps_mode_and_data_per_section_not_page_wide(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _fake_benchmarks(monkeypatch)
    (tmp_path / "data").mkdir()
    out = tmp_path / "benchmarks.md"
    assert runner.main(["--data", str(tmp_path / "none"), "--out", str(out)]) == 0
    page = out.read_text()
    # A fresh page says what was skipped; generated-text figures say they had no data.
    assert "Skipped: no data folder." in page
    assert "figure from generated text" in page and "full run, no data folder" in page
    assert runner.main(["--quick", "--data", str(tmp_path / "data"), "--out", str(out),
                        "--only", "needs_data"]) == 0
    page = out.read_text()
    assert "figure from data (quick)" in page and "figure from generated text" in page
    assert "- mode:" not in page  # the header no longer claims one mode for every section
    assert "- sections rewritten: needs_data\n" in page
    assert page.count("quick run, data") == 1 and page.count("full run, no data folder") == 1
    assert "replaces full-run figures" not in capsys.readouterr().out
    assert runner.main(["--quick", "--data", str(tmp_path / "none"), "--out", str(out)]) == 0
    page = out.read_text()
    assert "figure from data (quick)" in page  # kept
    assert page.count("quick run, no data folder") == 1  # falls_back: replaced (no data either)
    assert "falls_back: rewrote the section (quick run, no data folder); it replaces full-run" \
        in capsys.readouterr().out
    assert runner.main(["--data", str(tmp_path / "data"), "--out", str(out)]) == 0
    assert "it replaces full-run figures" not in capsys.readouterr().out
    assert runner.main(["--quick", "--data", str(tmp_path / "data"), "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "needs_data: rewrote the section (quick run" in said
    assert "it replaces full-run figures" in said


def test_skip_messages_name_the_path_looked_at(tmp_path: Path) -> None:
    why = pan13.run(tmp_path, quick=True)["skipped"]
    assert str(tmp_path / "pan13_train" / "pairs.jsonl") in why
    why = pan13.run(None, quick=True)["skipped"]
    assert "None" not in why and "no data folder" in why


def test_wire_intel_percentages_are_rounded_once() -> None:
    from benchmarks import wire_intel

    # 53/54 = 98.148 %: rounding to 4 places first (0.9815) used to print 98.2 %.
    facts = wire_intel.FactScore(tp=53, fp=1).figures()
    assert wire_intel._pct(facts["precision"]) == "98.1 %"
    credits = wire_intel.CreditScore(tp=53, fp=1, agency_ok=53)
    assert wire_intel._pct(credits.figures()["precision"]) == "98.1 %"


def test_compare_speed_pure_python_switches_every_c_hook_off_and_back() -> None:
    import importlib

    import syndetect

    hooks = [(importlib.import_module(m), a) for m, a in compare_speed.C_HOOKS]
    before = [getattr(m, a) for m, a in hooks]
    wire = ("GENEVA, March 3 - The council met on Tuesday to weigh a plan for the river "
            "port, which officials said would cost 40 million francs over six years.\n\n"
            "\"We will not wait,\" the mayor said after the vote.")
    copy = wire.replace("40 million", "45 million").replace("Tuesday", "Monday")
    expected = syndetect.compare(wire, copy).to_dict()
    with compare_speed.pure_python():
        assert all(getattr(m, a) is None for m, a in hooks)
        assert syndetect.compare(wire, copy).to_dict() == expected
    assert [getattr(m, a) for m, a in hooks] == before
