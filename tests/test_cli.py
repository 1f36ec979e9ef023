"""The syndetect command line, driven through main(argv)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from sample_texts import EXAMPLES, WIRE_AR, WIRE_EN

import syndetect
from syndetect.cli import build_parser, main

WIRE = str(EXAMPLES / "wire.txt")
OUTLET = str(EXAMPLES / "outlet.txt")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_compare_prints_a_plain_report_when_piped(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["compare", WIRE, OUTLET], capsys)
    assert code == 0 and err == ""
    c = syndetect.compare(WIRE_EN, Path(OUTLET).read_text(encoding="utf-8"))
    assert c.verdict.replace("_", " ") in out.lower() or c.verdict in out
    assert "\x1b[" not in out  # captured output is not a terminal: no colour


def test_compare_colour_can_be_forced(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["compare", "--color", "always", WIRE, OUTLET], capsys)
    assert code == 0 and "\x1b[" in out


def test_compare_json_is_to_dict(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["compare", "--json", WIRE, OUTLET], capsys)
    assert code == 0
    data = json.loads(out)
    expected = syndetect.compare(WIRE_EN, Path(OUTLET).read_text(encoding="utf-8")).to_dict()
    assert data == json.loads(json.dumps(expected))
    assert data["schema"] == syndetect.COMPARISON_SCHEMA


def test_compare_reads_standard_input(capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(WIRE_EN.encode("utf-8"))))
    code, out, _ = run(["compare", "--json", "-", WIRE], capsys)
    assert code == 0 and json.loads(out)["verdict"] == "verbatim"


def test_compare_writes_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "report.html"
    code, out, _ = run(["compare", "--html", str(out_file), WIRE, OUTLET], capsys)
    assert code == 0
    page = out_file.read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html")
    assert str(out_file) in out


def test_arabic_file_with_bom_and_crlf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "ar.txt"
    f.write_bytes(b"\xef\xbb\xbf" + WIRE_AR.replace("\n", "\r\n").encode("utf-8"))
    g = tmp_path / "ar2.txt"
    g.write_text(WIRE_AR, encoding="utf-8")
    code, out, _ = run(["compare", "--json", str(f), str(g)], capsys)
    assert code == 0
    assert json.loads(out)["verdict"] == "verbatim"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing.txt", "no such file"),
        (lambda p: p, "is a directory"),
        (lambda p: _write(p / "bin.dat", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "binary"),
        (lambda p: _write(p / "latin1.txt", "caf\u00e9".encode("latin-1")), "not valid UTF-8"),
        (lambda p: _write(p / "big.txt", b"word " * 300_000), "larger than|over the limit"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         make, message: str) -> None:  # type: ignore[no-untyped-def]
    bad = make(tmp_path)
    code, out, err = run(["compare", "--max-bytes", "1000000", str(bad), WIRE], capsys)
    assert code == 2
    assert out == ""
    assert err.startswith("syndetect: error: ")
    assert err.count("\n") == 1 and "Traceback" not in err
    import re

    assert re.search(message, err)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_two_standard_inputs_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["compare", "-", "-"], capsys)
    assert code == 2 and "only one" in err
    code, _, err = run(["compare", WIRE, "-", "--versions", "-", OUTLET], capsys)
    assert code == 2 and "read once" in err and err.count("\n") == 1


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["compare", WIRE], ["nonsense"], ["compare", "--min-match", "0", WIRE, OUTLET],
                 ["index", "build"], ["query", "--limit", "x", "i.sdx", WIRE]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "error:" in err and "--help" in err, err
    for argv, prog in ((["compare", WIRE, OUTLET, "extra"], "syndetect compare"),
                       (["index", "build", "c.jsonl", "i.sdx", "extra"], "syndetect index build")):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err == f"{prog}: error: unrecognized arguments: extra (see {prog} --help)\n"


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert syndetect.__version__ in capsys.readouterr().out
    assert main(["--help"]) == 0
    assert "compare" in capsys.readouterr().out


def test_every_command_has_help_and_is_documented(capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    docs = (Path(__file__).resolve().parents[1] / "docs" / "cli.md").read_text(encoding="utf-8")
    for name in sub.choices:  # type: ignore[union-attr]
        assert main([name, "--help"]) == 0
        assert capsys.readouterr().out.startswith("usage: syndetect " + name)
        assert f"syndetect {name}" in docs, f"docs/cli.md does not document {name}"


def test_compare_names_the_closest_wire_version(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    update = WIRE_EN.replace("Two people died", "Three people died").replace(
        "a 74-year-old man swept", "a 74-year-old man and his wife swept")
    v2 = tmp_path / "update.txt"
    v2.write_text(update, encoding="utf-8")
    copy = tmp_path / "copy.txt"
    copy.write_text(update.replace("VIENNA (AFP) - ", ""), encoding="utf-8")
    code, out, _ = run(["compare", "--json", WIRE, str(copy), "--versions", str(v2)], capsys)
    assert code == 0
    closest = json.loads(out)["closest_version"]
    assert closest["version_id"] == "update.txt" and closest["margin"] > 0
    code, out, _ = run(["compare", WIRE, str(copy), "--versions", str(v2)], capsys)
    assert code == 0 and "closest to 'update.txt'" in out
    code, _, err = run(["compare", WIRE, str(copy), "--versions", str(tmp_path / "nope")], capsys)
    assert code == 2 and "no such file" in err


def test_compare_fuzzy_is_compare_with_fuzzy_true(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["compare", "--json", "--fuzzy", WIRE, OUTLET], capsys)
    assert code == 0
    data = json.loads(out)
    outlet = Path(OUTLET).read_text(encoding="utf-8")
    expected = syndetect.compare(WIRE_EN, outlet, fuzzy=True).to_dict()
    assert data == json.loads(json.dumps(expected))
    assert data["options"]["fuzzy"] is True


def test_compare_html_names_the_closest_wire_version(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """--versions reaches the HTML page too, in the terminal report's words."""
    wire = tmp_path / "first-take.txt"
    wire.write_text(
        "GENEVA (AFP) - A landslide blocked the mountain road to Zermatt on Friday, "
        "stranding about 300 hikers in two villages, police said.\n\n"
        "Rescue teams expected to clear one lane by Saturday evening, a spokesman "
        "for the canton told reporters at a briefing in Sion.\n", encoding="utf-8")
    update = tmp_path / "update.txt"
    update.write_text(
        wire.read_text(encoding="utf-8").replace("about 300 hikers", "nearly 450 hikers & guides")
        .replace("by Saturday evening", "by Sunday morning at the earliest"), encoding="utf-8")
    copy = tmp_path / "copy.txt"
    copy.write_text(update.read_text(encoding="utf-8").replace("GENEVA (AFP) - ", ""),
                    encoding="utf-8")
    plain, with_versions = tmp_path / "plain.html", tmp_path / "versions.html"
    assert main(["compare", "--html", str(plain), str(wire), str(copy)]) == 0
    assert main(["compare", "--html", str(with_versions), str(wire), str(copy),
                 "--versions", str(update)]) == 0
    out = capsys.readouterr().out
    terminal_line = next(x for x in out.splitlines() if x.startswith("Closest version"))
    explanation = terminal_line[len("Closest version"):].strip()
    page = with_versions.read_text(encoding="utf-8")
    assert page != plain.read_text(encoding="utf-8")
    assert "Closest version" not in plain.read_text(encoding="utf-8")
    assert "Closest version: <b><bdi>update.txt</bdi></b>" in page
    from html import escape

    assert escape(explanation) in page  # the terminal's words, escaped ("&" of the passage)
    assert "&amp; guides" in page


def test_stdin_closed_and_huge_limits_are_one_line_errors_or_fine(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    code, out, err = run(["compare", WIRE, "-"], capsys)
    assert code == 2 and "standard input is closed" in err and err.count("\n") == 1
    # A limit far beyond memory is a limit, not a buffer to allocate.
    code, out, _ = run(["compare", "--json", "--max-bytes", str(2**63 - 1), WIRE, WIRE], capsys)
    assert code == 0 and json.loads(out)["verdict"] == "verbatim"


def test_json_on_an_ascii_stream_escapes_instead_of_losing_text(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from syndetect.cli import writes_unicode

    assert writes_unicode(io.TextIOWrapper(io.BytesIO(), encoding="utf-8"))
    assert not writes_unicode(io.TextIOWrapper(io.BytesIO(), encoding="ascii"))
    path = tmp_path / "ar.txt"
    path.write_text(WIRE_AR, encoding="utf-8")
    monkeypatch.setattr("syndetect.cli.writes_unicode", lambda stream: False)
    code, out, _ = run(["compare", "--json", str(path), str(path)], capsys)
    assert code == 0 and out.isascii()
    shared = json.loads(out)["shared"][0]
    assert shared["a_text"] == WIRE_AR[shared["a_start"]:shared["a_end"]]


def test_versions_naming_a_itself_or_a_file_twice_are_one_version(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["compare", "--json", "--versions", WIRE, OUTLET, OUTLET, "--",
                          WIRE, OUTLET], capsys)
    assert code == 0, err
    assert sorted(json.loads(out)["closest_version"]["scores"]) == ["outlet.txt", "wire.txt"]
