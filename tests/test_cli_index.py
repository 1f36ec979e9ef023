"""The index commands through ``syndetect.cli.main``: build, query, families."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from conftest import FLOOD, PUBLISHED, join

from syndetect import compare
from syndetect.cli import main
from syndetect.index import Index


def _write_corpus(path: Path, news: dict[str, str], *, extra_lines: list[str] = ()) -> Path:
    lines = [json.dumps({"id": k, "text": v, "published": PUBLISHED[k], "outlet": k[:5]},
                        ensure_ascii=False) for k, v in news.items()]
    lines[3:3] = list(extra_lines)
    data = ("\n".join(lines) + "\n").encode("utf-8")
    if path.suffix == ".gz":
        data = gzip.compress(data)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name", ["news.jsonl", "news.jsonl.gz"])
def test_build_then_query(tmp_path, news, capsys, name):
    corpus = _write_corpus(tmp_path / name, news)
    index = tmp_path / "news.sdx"
    assert main(["index", "build", str(corpus), str(index), "--no-progress"]) == 0
    out = capsys.readouterr()
    assert f"indexed {len(news)} documents" in out.out and "skipped 0" in out.out
    assert out.err == ""
    assert len(Index.load(index)) == len(news)

    story = tmp_path / "story.txt"
    story.write_text(join(["A new lead written by the outlet itself today."] + FLOOD[:3]),
                     encoding="utf-8")
    assert main(["query", str(index), str(story)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "match(es), best first" in lines[0]
    listed = [line.split()[4] for line in lines[2:]]
    assert {"flood-wire", "flood-copy", "flood-reworded"} <= set(listed)
    assert "chip-wire" not in listed

    assert main(["query", str(index), str(story), "--json", "--limit", "2"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["matches"]) == 2
    assert data["matches"][0]["score"] >= data["matches"][1]["score"]
    assert set(data["matches"][0]) >= {"doc_id", "score", "coverage_query", "coverage_doc",
                                       "verdict", "metadata"}


def test_query_with_no_match_says_so(tmp_path, news, capsys):
    index = tmp_path / "i.sdx"
    main(["index", "build", str(_write_corpus(tmp_path / "c.jsonl", news)), str(index)])
    capsys.readouterr()
    story = tmp_path / "s.txt"
    story.write_text("Nothing like any indexed story: a recipe for lemon cake with thyme.")
    assert main(["query", str(index), str(story)]) == 0
    assert "no republications found" in capsys.readouterr().out
    # A story over the index's size limit (a corpus given by mistake) says so, without
    # naming an option the command line does not have.
    story.write_text("word " * 1_000_001)
    assert main(["query", str(index), str(story)]) == 2
    err = capsys.readouterr().err
    assert "over the 5,000,000 a story may have" in err and "max_chars" not in err


def test_malformed_lines_stop_with_line_number_or_are_skipped_and_counted(tmp_path, news,
                                                                          capsys):
    bad = ['{"id": "broken", "text": ', "[1, 2, 3]", '{"text": "no id here"}']
    corpus = _write_corpus(tmp_path / "bad.jsonl", news, extra_lines=bad)
    index = tmp_path / "bad.sdx"
    assert main(["index", "build", str(corpus), str(index)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("syndetect: error:") and "line 4" in err and "--skip-bad" in err
    assert not index.exists()

    assert main(["index", "build", str(corpus), str(index), "--skip-bad"]) == 0
    out = capsys.readouterr()
    assert "skipped 3 bad line(s)" in out.out
    for lineno in (4, 5, 6):
        assert f"line {lineno}:" in out.err
    assert len(Index.load(index)) == len(news)


def test_duplicate_ids_in_a_corpus_are_reported(tmp_path, news, capsys):
    dup = json.dumps({"id": "flood-wire", "text": "again"})
    corpus = _write_corpus(tmp_path / "dup.jsonl", news, extra_lines=[dup])
    assert main(["families", str(corpus)]) == 2
    assert "already appeared" in capsys.readouterr().err


def test_families_writes_one_json_line_per_family(tmp_path, news, capsys):
    corpus = _write_corpus(tmp_path / "c.jsonl", news)
    assert main(["families", str(corpus), "--jobs", "2"]) == 0
    out = capsys.readouterr()
    fams = [json.loads(line) for line in out.out.splitlines()]
    members = [m for f in fams for m in f["members"]]
    assert sorted(members) == sorted(news)
    chip = next(f for f in fams if "chip-wire" in f["members"])
    assert chip["original"] == "chip-wire" and chip["size"] == 3
    assert f"{len(news)} documents in {len(fams)} families" in out.err
    assert main(["families", str(corpus), "--min-size", "2"]) == 0
    assert all(json.loads(line)["size"] >= 2 for line in capsys.readouterr().out.splitlines())


def test_progress_is_shown_when_asked(tmp_path, news, capsys):
    corpus = _write_corpus(tmp_path / "c.jsonl", news)
    assert main(["index", "build", str(corpus), str(tmp_path / "p.sdx"), "--progress"]) == 0
    err = capsys.readouterr().err
    assert "indexing:" in err and "100%" in err and f"{len(news)} documents" in err
    assert main(["families", str(corpus), "--progress"]) == 0
    err = capsys.readouterr().err
    assert "indexing:" in err and "verifying pairs:" in err and "pairs" in err


@pytest.mark.parametrize("argv, message", [
    (["index", "build", "{missing}", "{tmp}/x.sdx"], "no such file"),
    (["index", "build", "{tmp}", "{tmp}/x.sdx"], "directory"),
    (["query", "{tmp}/absent.sdx", "{story}"], "no index"),
    (["query", "{story}", "{story}"], "not a syndetect index"),
])
def test_user_mistakes_are_one_line_errors(tmp_path, capsys, argv, message):
    story = tmp_path / "story.txt"
    story.write_text("some story text")
    args = [a.format(tmp=tmp_path, missing=tmp_path / "nope.jsonl", story=story) for a in argv]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("syndetect: error:") and message in err
    assert len(err.strip().splitlines()) == 1


def test_truncated_gzip_corpus_is_a_clear_error(tmp_path, news, capsys):
    corpus = _write_corpus(tmp_path / "c.jsonl.gz", news)
    corpus.write_bytes(corpus.read_bytes()[:-40])
    assert main(["families", str(corpus)]) == 2
    assert "gzip stream is damaged or truncated" in capsys.readouterr().err


def test_build_into_redis_and_query_it(tmp_path, news, capsys, redis_url):
    corpus = _write_corpus(tmp_path / "c.jsonl", news)
    Index(redis_url=redis_url, name="cli").clear()
    assert main(["index", "build", str(corpus), "cli", "--redis-url", redis_url]) == 0
    capsys.readouterr()
    story = tmp_path / "s.txt"
    story.write_text(news["chip-wire"])
    assert main(["query", "cli", str(story), "--redis-url", redis_url, "--json"]) == 0
    ids = [m["doc_id"] for m in json.loads(capsys.readouterr().out)["matches"]]
    assert ids[0] == "chip-wire" and {"chip-copy", "chip-short"} <= set(ids)
    Index(redis_url=redis_url, name="cli").clear()


def test_families_carry_provenance_edges(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    import json as _json

    from conftest import PUBLISHED, corpus

    from syndetect.cli import main as _main

    docs = corpus()
    path = tmp_path / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for doc_id in ("chip-wire", "chip-short", "chip-copy", "fish-a"):
            f.write(_json.dumps({"id": doc_id, "text": docs[doc_id],
                                 "published": PUBLISHED[doc_id]}) + "\n")
    assert _main(["families", str(path)]) == 0
    lines = [_json.loads(x) for x in capsys.readouterr().out.splitlines()]
    chip = next(x for x in lines if "chip-wire" in x["members"])
    assert chip["original"] == "chip-wire"
    targets = {e["target"] for e in chip["edges"]}
    assert targets == {"chip-short", "chip-copy"}
    assert all(e["evidence"] for e in chip["edges"])
    assert _main(["families", "--no-provenance", str(path)]) == 0
    lines = [_json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert all("edges" not in x for x in lines)


def test_query_shows_credit_status(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    import json as _json

    from conftest import corpus

    from syndetect.cli import main as _main

    docs = corpus()
    path = tmp_path / "c.jsonl"
    path.write_text("".join(_json.dumps({"id": k, "text": docs[k]}) + "\n"
                            for k in ("flood-wire", "flood-copy")), encoding="utf-8")
    index = tmp_path / "i.syn"
    assert _main(["index", "build", str(path), str(index), "--no-progress"]) == 0
    story = tmp_path / "story.txt"
    story.write_text(docs["flood-wire"], encoding="utf-8")
    capsys.readouterr()
    assert _main(["query", "--json", str(index), str(story)]) == 0
    matches = _json.loads(capsys.readouterr().out)["matches"]
    copy = next(m for m in matches if m["doc_id"] == "flood-copy")
    assert copy["credit"] in ("credits_wire", "credits_other", "uncredited")
    assert _main(["query", str(index), str(story)]) == 0
    assert "flood-copy  (" in capsys.readouterr().out


# Invented for this test: a wire and three outlets' copies in English, one in Arabic.
_HARBOUR = [
    "Dock workers at the port of Antwerp walked out on Monday over a new shift system, "
    "leaving more than forty container ships waiting at anchor in the Scheldt estuary, "
    "the port authority said.",
    "The strike, called by the two largest unions, is the first full stoppage at the "
    "port since 2019 and comes as shippers are already struggling with delays caused "
    "by low water on the Rhine.",
    "Union leaders said the rota would force crane operators to work three night shifts "
    "in a row without a rest day, and demanded that management withdraw it before talks "
    "could resume on Thursday.",
    "A spokeswoman for the employers' federation said the plan had been agreed with "
    "staff representatives in the spring and that the walkout broke the collective "
    "agreement signed last year.",
]
_DATES = [
    "أعلنت وزارة الزراعة يوم الأحد عن خطة لزراعة خمسة ملايين شجرة في المنطقة الشرقية خلال "
    "العامين المقبلين، في إطار برنامج وطني لمكافحة التصحر وتحسين جودة الهواء في المدن.",
    "وقال المتحدث باسم الوزارة إن المرحلة الأولى ستبدأ في الأحساء والقطيف بمشاركة أكثر من "
    "ثلاثين جمعية أهلية، وستركز على أشجار النخيل والسدر والغاف التي تتحمل الجفاف.",
    "وأضاف أن الوزارة ستوفر شبكات ري بالتنقيط تعمل بالطاقة الشمسية لخفض استهلاك المياه "
    "الجوفية إلى النصف مقارنة بالطرق التقليدية المستخدمة في المزارع.",
]


def test_families_show_credit_status_against_the_original(tmp_path, capsys):
    docs = {
        "wire": ("ANTWERP (AFP) - " + "\n\n".join(_HARBOUR), "2026-03-02T08:00:00+00:00"),
        "credits-afp": ("\n\n".join(_HARBOUR) + "\n\n(AFP)", "2026-03-02T09:00:00+00:00"),
        "credits-reuters": ("\n\n".join(_HARBOUR[:3]) + "\n\nSource: Reuters",
                            "2026-03-02T10:00:00+00:00"),
        "uncredited": ("Shipping news\n\n" + "\n\n".join(_HARBOUR),
                       "2026-03-02T11:00:00+00:00"),
        "ar-wire": ("الرياض (واس) - " + "\n\n".join(_DATES), "2026-03-01T06:00:00+03:00"),
        "ar-agencies": ("الدمام - وكالات:\n\n" + "\n\n".join(_DATES),
                        "2026-03-01T09:00:00+03:00"),
        "ar-uncredited": ("\n\n".join(_DATES[:2]), "2026-03-01T10:00:00+03:00"),
    }
    path = tmp_path / "c.jsonl"
    path.write_text("".join(json.dumps({"id": k, "text": t, "published": p},
                                       ensure_ascii=False) + "\n"
                            for k, (t, p) in docs.items()), encoding="utf-8")
    for extra in ([], ["--no-provenance"]):
        assert main(["families", *extra, str(path)]) == 0
        out = capsys.readouterr()
        fams = {f["original"]: f for f in map(json.loads, out.out.splitlines())}
        assert set(fams) == {"wire", "ar-wire"}
        assert fams["wire"]["wire_agency"] == "AFP"
        assert fams["wire"]["credit"] == {"credits-afp": "credits_wire",
                                          "credits-reuters": "credits_other",
                                          "uncredited": "uncredited"}
        assert fams["ar-wire"]["wire_agency"] == "SPA"
        assert fams["ar-wire"]["credit"] == {"ar-agencies": "credits_wire",
                                             "ar-uncredited": "uncredited"}
        # the same status query gives with the original as the story
        for fam in fams.values():
            wire = docs[fam["original"]][0]
            for member, status in fam["credit"].items():
                assert status == compare(wire, docs[member][0]).credit_status.status
        assert ("copies in the printed families, against each family's original: "
                "2 credits wire · 1 credits other · 2 uncredited") in out.err
    assert main(["families", "--min-size", "4", str(path)]) == 0
    assert "1 credits wire · 1 credits other · 1 uncredited" in capsys.readouterr().err


def test_query_of_an_index_with_a_corrupt_header_is_a_one_line_error(tmp_path, capsys):
    index = tmp_path / "i.sdx"
    idx = Index()
    idx.add("a", join(FLOOD))
    idx.save(index)
    raw = index.read_bytes()
    index.write_bytes(raw.replace(b'"length"', b'"lengtx"', 1))
    story = tmp_path / "s.txt"
    story.write_text(join(FLOOD[:2]))
    assert main(["query", str(index), str(story)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("syndetect: error:") and "corrupt" in err and "backup" in err
    assert len(err.strip().splitlines()) == 1


def test_query_a_redis_index_built_with_other_options(tmp_path, news, capsys, redis_url):
    corpus = _write_corpus(tmp_path / "c.jsonl", news)
    Index(redis_url=redis_url, name="cli64", num_perm=64).clear()
    assert main(["index", "build", str(corpus), "cli64", "--redis-url", redis_url,
                 "--num-perm", "64", "--replace"]) == 0
    # Adding more without repeating the options keeps the recorded ones.
    assert main(["index", "build", str(corpus), "cli64", "--redis-url", redis_url,
                 "--replace"]) == 0
    capsys.readouterr()
    story = tmp_path / "s.txt"
    story.write_text(news["chip-wire"])
    assert main(["query", "cli64", str(story), "--redis-url", redis_url, "--json"]) == 0
    ids = [m["doc_id"] for m in json.loads(capsys.readouterr().out)["matches"]]
    assert ids[0] == "chip-wire"
    assert main(["index", "build", str(corpus), "cli64", "--redis-url", redis_url,
                 "--num-perm", "32"]) == 2
    assert "num_perm 64 != 32" in capsys.readouterr().err
    Index(redis_url=redis_url, name="cli64").clear()


def test_query_of_a_missing_redis_index_says_so(tmp_path, capsys, redis_url):
    import redis

    story = tmp_path / "s.txt"
    story.write_text("Some story text to look for.")
    assert main(["query", "no-such-index", str(story), "--redis-url", redis_url]) == 2
    err = capsys.readouterr().err
    assert err.startswith("syndetect: error:") and "no Redis index named 'no-such-index'" in err
    r = redis.Redis.from_url(redis_url)
    assert list(r.scan_iter(match=b"syndetect:no-such-index:*")) == []
    r.close()


@pytest.mark.parametrize("command", ["build", "families"])
def test_documents_the_index_rejects_are_bad_lines(tmp_path, news, capsys, command):
    big = "word " * 1_000_001  # over the default max_chars (5,000,000)
    bad = ['{"id": "b1", "text": "x", "published": "yesterday"}',
           '{"id": "b2", "text": "x", "published": 20150101}',
           '{"id": "b3", "text": "x", "score": NaN}',
           json.dumps({"id": "b4", "text": big})]
    corpus = _write_corpus(tmp_path / "rej.jsonl", news, extra_lines=bad)
    index = tmp_path / "rej.sdx"
    argv = (["index", "build", str(corpus), str(index)] if command == "build"
            else ["families", str(corpus)]) + ["--no-progress"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("syndetect: error:") and "line 4:" in err and "yesterday" in err
    assert "--skip-bad" in err and len(err.strip().splitlines()) == 1
    assert main(argv + ["--skip-bad"]) == 0
    out = capsys.readouterr()
    assert "skipped 4 bad line(s)" in out.out + out.err
    for lineno, why in ((4, "yesterday"), (5, "published of 'b2'"), (6, "nan"),
                        (7, "over the limit")):
        assert f"line {lineno}: " in out.err and why in out.err
    if command == "build":
        assert sorted(Index.load(index).ids()) == sorted(news)


@pytest.mark.parametrize("argv, message", [
    (["index", "build", "{corpus}", "{tmp}/x.sdx", "--jobs", "0"], "argument --jobs"),
    (["families", "{corpus}", "--jobs", "-2"], "argument --jobs"),
    (["query", "{tmp}/x.sdx", "{story}", "--max-bytes", "-1"], "argument --max-bytes"),
    (["query", "{tmp}/x.sdx", "{story}", "--limit", "0"], "argument --limit"),
])
def test_cli_option_errors_name_the_option(tmp_path, capsys, argv, message):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "a", "text": "some text"}\n')
    story = tmp_path / "story.txt"
    story.write_text("some story text")
    args = [a.format(tmp=tmp_path, corpus=corpus, story=story) for a in argv]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and "workers" not in err


def test_build_into_a_directory_fails_before_indexing(tmp_path, news, capsys, monkeypatch):
    corpus = _write_corpus(tmp_path / "c.jsonl", news)
    out = tmp_path / "out"
    out.mkdir()

    def never(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("indexed before checking the output path")

    monkeypatch.setattr(Index, "add_many", never)
    assert main(["index", "build", str(corpus), str(out)]) == 2
    assert "is a directory" in capsys.readouterr().err


def test_duplicate_id_in_redis_build_names_the_cli_option(tmp_path, news, capsys, redis_url):
    corpus = _write_corpus(tmp_path / "c.jsonl", news)
    Index(redis_url=redis_url, name="cli-dup").clear()
    assert main(["index", "build", str(corpus), "cli-dup", "--redis-url", redis_url]) == 0
    capsys.readouterr()
    assert main(["index", "build", str(corpus), "cli-dup", "--redis-url", redis_url]) == 2
    err = capsys.readouterr().err
    assert "--replace" in err and "replace=True" not in err
    Index(redis_url=redis_url, name="cli-dup").clear()


def test_corpus_starting_with_a_byte_order_mark_is_read(tmp_path, news, capsys):
    corpus = _write_corpus(tmp_path / "bom.jsonl", news)
    corpus.write_bytes(b"\xef\xbb\xbf" + corpus.read_bytes())
    index = tmp_path / "bom.sdx"
    assert main(["index", "build", str(corpus), str(index)]) == 0
    assert sorted(Index.load(index).ids()) == sorted(news)
