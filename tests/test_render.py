"""The terminal and HTML reports: what they show, what they escape, how they link."""

from __future__ import annotations

import dataclasses
import io
import re
import unicodedata
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import syndetect
from syndetect import render, render_html
from syndetect.report import Comparison, Divergence, SharedSpan, Substitution
from syndetect.text import Boilerplate

# --------------------------------------------------------------------------- fixtures
# Invented stories, written for these tests, each with the clutter and edits that real
# republications carry.

EN_WIRE = """\
KYIV, March 4 (Newswire) - Ukraine's parliament on Wednesday approved a 2.1 billion \
hryvnia package to rebuild power stations damaged during the winter, the speaker's \
office said.

The bill passed with 281 votes in the 450-seat chamber after a debate that lasted more \
than six hours, and now goes to the president for signature.

"Every substation we repair before autumn is a hospital that stays warm," Energy \
Minister Olena Marchuk told lawmakers in Kiev.

The package includes grants for local utilities, cheaper loans for private generators \
and a fund to buy transformers abroad.

Opposition deputies said the money was too little and would arrive too late for many \
towns in the east.

The European Union has pledged a further 300 million euros for the grid this year, \
officials in Brussels said."""

EN_OUTLET = """\
Logo
Logo
WORLD | ENERGY
By Staff Reporter
Photo: A technician repairs a line near Lviv. (Newswire)

Local suppliers in our region could benefit from a new rebuilding plan, industry \
leaders told this paper on Thursday.

Ukraine's parliament on Wednesday approved a 2.1 billion hryvnia package to rebuild
power stations damaged during the winter, the speaker's office said.

The package includes grants for local utilities, cheaper loans for private generators \
and a fund to buy transformers abroad.

The bill passed with 281 votes in the 450-seat chamber after a debate that lasted more \
than six hours, and now goes to the president for signature.

\u201cEvery substation we repair before autumn is a hospital that stays warm,\u201d \
Energy Minister Olena Marchuk told MPs in Kyiv.

Opposition deputies argued the money was far too little and would arrive too late for \
many towns in the east.

Tags: Ukraine, Energy, Parliament
Share your opinion
Logo"""

AR_WIRE = """\
القاهرة (وكالة) - أعلنت وزارة الصحة المصرية يوم الثلاثاء عن افتتاح ثلاثة مستشفيات \
جديدة في محافظة أسوان، بتكلفة إجمالية بلغت 450 مليون جنيه.

وقال المتحدث باسم الوزارة إن المستشفيات ستخدم أكثر من مليون مواطن في القرى المجاورة، \
وستضم أقساما للطوارئ والأطفال والولادة.

وأضاف أن الوزارة تخطط لافتتاح خمسة مستشفيات أخرى في صعيد مصر قبل نهاية العام المقبل.

ويعاني سكان الجنوب منذ سنوات من نقص الخدمات الطبية وطول المسافات إلى أقرب مستشفى مجهز."""

# The copy: tatweel (ـ) and diacritics added, Arabic-Indic digits, a number changed, the
# tail cut and a share line appended.
AR_OUTLET = """\
أعلنت وزارة الصحـــة المصرية يوم الثلاثاء عن افتتاح ثلاثة مستشفيات جديدة في محافظة \
أسوان، بتكلفة إجمالية بلغت ٤٥٠ مليون جنيه.

وقال المُتحدِّث باسم الوزارة إن المستشفيات ستخدم أكثر من مليون مواطن في القرى المجاورة، \
وستضم أقساما للطوارئ والأطفال والولادة.

وأضاف أن الوزارة تخطط لافتتاح ستة مستشفيات أخرى في صعيد مصر قبل نهاية العام المقبل.

شارك برأيك"""

ZH_WIRE = """\
新华社北京3月4日电 国家气象局周二发布暴雨橙色预警，预计未来三天华南地区将出现持续强降雨，\
部分地区累计降雨量可达300毫米。

气象专家表示，此次降雨由南下冷空气与暖湿气流共同造成，广东、广西和福建三省需防范山洪和城市内涝。

当地政府已启动应急预案，转移低洼地区居民一万二千余人，并关闭了沿江的部分景区。"""

ZH_OUTLET = """\
本报讯 记者从市防汛办获悉，我市各区已进入防汛戒备状态。

国家气象局周二发布暴雨橙色预警，预计未来三天华南地区将出现持续强降雨，部分地区累计降雨量可达350毫米。

气象专家表示，此次降雨由南下冷空气与暖湿气流共同造成，广东、广西和福建三省需防范山洪和城市内涝。

当地政府已启动应急预案，转移低洼地区居民一万二千余人。"""

PAIRS = {
    "english": (EN_WIRE, EN_OUTLET),
    "arabic": (AR_WIRE, AR_OUTLET),
    "chinese": (ZH_WIRE, ZH_OUTLET),
}

HOSTILE = '<script>alert("x")</script> Smith & Sons said <b>"hi"</b> \x1b[31mred\x1b[0m'

ANSI = re.compile(r"\x1b\[[0-9;]*m")
LINE_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


@pytest.fixture(params=sorted(PAIRS))
def pair(request: pytest.FixtureRequest) -> tuple[str, str]:
    return PAIRS[request.param]


def _handmade() -> Comparison:
    """A comparison built by hand, independent of the aligner: a shared lead, a
    rewrite with two substitutions (one a respelling), a deletion containing page
    clutter, an insertion, and a moved shared span."""
    a = (
        "Officials in Kiev said on Monday that talks would resume next week.\n"
        "Tags: talks\n"
        "A final paragraph about the weather was cut.\n"
        "Moved paragraph that stands last in the copy."
    )
    b = (
        "Moved paragraph that stands last in the copy.\n"
        "Officials in Kyiv said on Tuesday that talks would resume next week.\n"
        "A local paragraph added by the outlet."
    )

    def at(text: str, piece: str) -> tuple[int, int]:
        start = text.index(piece)
        return start, start + len(piece)

    a_kiev, b_kyiv = at(a, "Kiev"), at(b, "Kyiv")
    a_mon, b_tue = at(a, "Monday"), at(b, "Tuesday")
    a_rew = (a_kiev[0], a_mon[1])
    b_rew = (b_kyiv[0], b_tue[1])
    a_lead, b_lead = at(a, "Officials in "), at(b, "Officials in ")
    a_tail, b_tail = at(a, " that talks would resume next week."), at(
        b, " that talks would resume next week."
    )
    a_moved, b_moved = at(a, "Moved paragraph that stands last in the copy."), at(
        b, "Moved paragraph that stands last in the copy."
    )
    a_cut = (at(a, "Tags: talks")[0], at(a, "was cut.")[1])
    b_added = at(b, "A local paragraph added by the outlet.")
    shared = (
        SharedSpan(*a_lead, *b_lead, words=2, a_paragraph=0, b_paragraph=1),
        SharedSpan(*a_tail, *b_tail, words=6, a_paragraph=0, b_paragraph=1),
        SharedSpan(*a_moved, *b_moved, words=8, moved=True, a_paragraph=3, b_paragraph=0),
    )
    divergences = (
        Divergence("rewritten", *a_rew, *b_rew, words_a=3, words_b=3,
                   substitutions=(Substitution(*a_kiev, *b_kyiv), Substitution(*a_mon, *b_tue))),
        Divergence("deleted", *a_cut, b_tail[1], b_tail[1], words_a=8, a_paragraph=1,
                   b_paragraph=1),
        Divergence("moved", *a_moved, *b_moved, words_a=8, words_b=8, a_paragraph=3),
        Divergence("inserted", len(a), len(a), *b_added, words_b=7, a_paragraph=3,
                   b_paragraph=2),
    )
    return Comparison(
        a=a, b=b, shared=shared, divergences=divergences, passages=(),
        boilerplate_a=(Boilerplate(*at(a, "Tags: talks"), "clutter"),), boilerplate_b=(),
        words_a=30, words_b=27, shared_words=16, coverage_a=0.53, coverage_b=0.59,
        evidence_a=0.53, evidence_b=0.59, verdict="heavy_edit",
    )


def _display_width(line: str) -> int:
    return sum(
        0 if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf")
        else 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
        for ch in line
    )


def _collapsed(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------- terminal


def test_terminal_plain_has_no_escape_codes_even_from_the_texts(pair: tuple[str, str]) -> None:
    a, b = pair
    c = syndetect.compare(a + "\n" + HOSTILE, b)
    out = render.terminal(c, color=False)
    assert "\x1b" not in out
    assert "\u241b" in out  # the ESC inside the text is shown as a visible symbol


def test_terminal_color_uses_the_colour_of_each_kind() -> None:
    out = render.terminal(_handmade(), color=True)
    assert "\x1b[31m" in out  # deleted
    assert "\x1b[32m" in out  # inserted
    assert "\x1b[33m" in out  # rewritten
    assert "\x1b[35m" in out  # moved
    assert "\x1b[2m" in out  # page clutter, dim
    assert out.count("\x1b[") == 2 * out.count("\x1b[0m")  # every colour is reset
    assert ANSI.sub("", out) == render.terminal(_handmade(), color=False)


def test_terminal_summary_states_verdict_coverage_words_and_counts() -> None:
    c = _handmade()
    out = render.terminal(c, color=False, name_a="wire.txt", name_b="copy.txt")
    assert "HEAVY EDIT" in out
    assert "copy.txt is still mostly wire.txt's story" in out
    assert "53.0% of wire.txt reused in copy.txt" in out
    assert "59.0% of copy.txt comes from wire.txt" in out
    assert "wire.txt 30 · copy.txt 27 · shared 16" in out
    assert "3 shared (0 quotations) · 1 deleted · 1 inserted · 1 rewritten · 1 moved" in out
    assert "1 page-clutter item in wire.txt · 0 in copy.txt" in out


def test_terminal_says_where_an_addition_or_cut_stands_in_the_other_text() -> None:
    paras = [
        "Officials said the bridge over the river would reopen on Monday after three weeks "
        "of repairs.",
        "The mayor thanked the workers and promised a festival for the whole town next "
        "month in the park.",
        "Traffic had been diverted through the old town, causing long delays for commuters "
        "every morning.",
        "The council will vote next week on a budget for maintaining other bridges in the "
        "region this year.",
    ]
    wire = "\n\n".join(paras)
    lead = "Bridge to reopen, finally, after repairs drag on for three long weeks in the city."
    own = "A new paragraph the outlet wrote itself about the local elections coming up soon."
    copy = "\n\n".join([lead, paras[0], paras[1], own, paras[2], paras[3]])
    out = render.terminal(syndetect.compare(wire, copy), color=False, name_a="wire",
                          name_b="copy", width=120)
    assert "copy ¶1, added (before ¶1 of wire)" in out
    assert "copy ¶4, added (before ¶3 of wire)" in out
    out = render.terminal(syndetect.compare(wire, "\n\n".join([paras[0], paras[3]])),
                          color=False, name_a="wire", name_b="copy", width=120)
    assert "wire ¶2, cut from copy (before ¶2)" in out
    out = render.terminal(syndetect.compare(wire, wire + "\n\n" + own), color=False,
                          name_a="wire", name_b="copy", width=120)
    assert "copy ¶5, added (after ¶4 of wire)" in out


def test_terminal_shows_substitutions_inline() -> None:
    out = render.terminal(_handmade(), color=False)
    assert "[Kiev → Kyiv]" in out
    assert "[Monday → Tuesday]" in out
    assert "Officials in [Kiev → Kyiv] said on [Monday → Tuesday] that talks" in out


def test_terminal_lists_every_divergence_in_reading_order(pair: tuple[str, str]) -> None:
    a, b = pair
    c = syndetect.compare(a, b)
    assert c.divergences, "the fixtures are edited copies: they must diverge"
    out = render.terminal(c, color=False, width=100)
    numbered = re.findall(r"^ +\d+\. (\w+)", out, flags=re.M)
    ordered = sorted(c.divergences, key=lambda d: (d.a_start, d.kind == "inserted", d.b_start))
    assert numbered == [d.kind for d in ordered]
    flat = _collapsed(out)
    for d in c.divergences:
        text = c.a[d.a_start:d.a_end] if d.a_end > d.a_start else c.b[d.b_start:d.b_end]
        head = _collapsed(text)[:8]  # the head is always kept when text is truncated
        assert head in flat, (d, head)


def test_terminal_respects_width_including_wide_characters(pair: tuple[str, str]) -> None:
    a, b = pair
    c = syndetect.compare(a, b)
    for width in (40, 72, 120):
        out = render.terminal(c, color=False, width=width)
        for line in out.splitlines():
            assert _display_width(line) <= width, (width, line)


def test_terminal_truncates_long_passages_with_an_ellipsis() -> None:
    wire = " ".join(f"Sentence number {i} of a very long dispatch." for i in range(400))
    copy = "An entirely different short text about cooking pasta with garlic and oil."
    c = syndetect.compare(wire, copy)
    out = render.terminal(c, color=False, width=80)
    assert "…" in out
    assert len(out.splitlines()) < 60
    assert "Sentence number 0 of" in out  # head kept
    assert "number 399 of a very long dispatch." in out  # tail kept


def test_terminal_collapses_whitespace_and_handles_empty_texts() -> None:
    c = syndetect.compare("", "   \n\t ")
    out = render.terminal(c, color=False)
    assert "UNRELATED" in out
    assert "0.0% of a reused in b" in out
    c = _handmade()
    out = render.terminal(c, color=False, width=200)
    assert "Tags: talks A final paragraph" in out  # the newline between became one space


def test_terminal_names_cannot_inject_escapes() -> None:
    out = render.terminal(_handmade(), color=False, name_a="a\x1b[2Jb", name_b="x\ny")
    assert "\x1b" not in out
    assert "x y" in out


@pytest.mark.parametrize(
    ("isatty", "env", "expected"),
    [
        (True, {}, True),
        (True, {"NO_COLOR": ""}, True),  # set but empty: colour stays on (no-color.org)
        (True, {"NO_COLOR": "1"}, False),
        (True, {"TERM": "dumb"}, False),
        (True, {"TERM": "xterm-256color"}, True),
        (False, {}, False),
    ],
)
def test_use_color(
    monkeypatch: pytest.MonkeyPatch, isatty: bool, env: dict[str, str], expected: bool
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)

    class Stream(io.StringIO):
        def isatty(self) -> bool:
            return isatty

    assert render.use_color(Stream()) is expected


def test_use_color_without_isatty_or_on_a_closed_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert render.use_color(object()) is False
    closed = io.StringIO()
    closed.close()
    assert render.use_color(closed) is False


# --------------------------------------------------------------------------- HTML


class _Page(HTMLParser):
    """Parses a report page strictly enough to check it: balanced tags, ids, links,
    and the text of each column and of each linked element."""

    VOID = frozenset({"meta", "br", "link", "img", "input", "hr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.ids: dict[str, dict[str, str]] = {}
        self.column: dict[str, list[str]] = {}  # side -> lines
        self.keyed: dict[tuple[str, str], list[str]] = {}  # (side, data-k) -> pieces
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.title = ""

    def _side(self) -> str | None:
        for _, attrs in self.stack:
            if attrs.get("class") == "text":
                return attrs.get("id", "")[-1:]
        return None

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        self.tags.append((tag, attrs))
        if "id" in attrs:
            if attrs["id"] in self.ids:
                self.errors.append(f"duplicate id {attrs['id']}")
            self.ids[attrs["id"]] = attrs
        if tag in self.VOID:
            return
        self.stack.append((tag, attrs))
        if tag == "div" and "l" in attrs.get("class", "").split():
            side = self._side()
            if side:
                self.column.setdefault(side, []).append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"unexpected </{tag}>")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not self.stack:
            if data.strip():
                self.errors.append(f"text outside elements: {data!r}")
            return
        tag, attrs = self.stack[-1]
        if tag == "script":
            self.scripts.append(data)
        elif tag == "style":
            self.styles.append(data)
        elif tag == "title":
            self.title += data
        side = self._side()
        if side and side in self.column:
            self.column[side][-1] += data
            if "data-k" in attrs:
                self.keyed.setdefault((side, attrs["data-k"]), []).append(data)


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    assert not parser.errors, parser.errors[:5]
    assert not parser.stack, [t for t, _ in parser.stack]
    return parser


def _normalised_lines(text: str) -> str:
    return LINE_BREAKS.sub("\n", text)


def test_html_is_well_formed_and_self_contained(pair: tuple[str, str]) -> None:
    a, b = pair
    page = render_html.html(syndetect.compare(a, b), name_a="wire", name_b="copy")
    assert page.startswith("<!DOCTYPE html>")
    parsed = _parse(page)
    assert "http://" not in page and "https://" not in page
    assert "//" not in "".join(parsed.styles).replace("://", "")  # no protocol-relative url
    assert "url(" not in "".join(parsed.styles) and "@import" not in "".join(parsed.styles)
    for tag, attrs in parsed.tags:
        assert tag not in ("link", "img", "iframe", "object", "embed"), tag
        assert "src" not in attrs, (tag, attrs)
        if "href" in attrs:
            assert attrs["href"].startswith("#"), attrs
    assert [t for t, _ in parsed.tags].count("script") == 1
    assert [t for t, _ in parsed.tags].count("style") == 1
    _assert_no_dangling_links(parsed)


def test_html_preserves_both_texts_and_their_line_breaks(pair: tuple[str, str]) -> None:
    a, b = pair
    parsed = _parse(render_html.html(syndetect.compare(a, b)))
    assert "\n".join(parsed.column["a"]) == _normalised_lines(a)
    assert "\n".join(parsed.column["b"]) == _normalised_lines(b)


def test_html_escapes_user_text_names_and_title() -> None:
    a = EN_WIRE + "\n\n" + HOSTILE
    b = EN_OUTLET + "\n\n" + HOSTILE
    c = syndetect.compare(a, b)
    page = render_html.html(c, name_a="<script>a</script>", name_b="b & c",
                            title='"><script>t</script>')
    parsed = _parse(page)
    assert [t for t, _ in parsed.tags].count("script") == 1  # only the page's own
    assert [t for t, _ in parsed.tags].count("b") == 0 + page.count("<b>")
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page or (
        "&lt;script&gt;alert(\"x\")&lt;/script&gt;" in page
    )
    assert "Smith &amp; Sons" in page
    assert "b &amp; c" in page
    assert parsed.title == '"><script>t</script>'
    assert "\x1b" not in page
    joined = "\n".join(parsed.column["a"])
    assert '<script>alert("x")</script> Smith & Sons' in joined  # shown as text
    assert "\u241b[31mred" in joined  # ESC made visible


def test_html_links_every_span_across_the_columns(pair: tuple[str, str]) -> None:
    a, b = pair
    c = syndetect.compare(a, b)
    parsed = _parse(render_html.html(c))
    for i, s in enumerate(c.shared):
        key = f"s{i}"
        left, right = parsed.ids[f"a-{key}"], parsed.ids[f"b-{key}"]
        assert left["href"] == f"#b-{key}" and right["href"] == f"#a-{key}"
        assert left["data-range"] == f"{s.a_start}-{s.a_end}"
        assert right["data-range"] == f"{s.b_start}-{s.b_end}"
        strip = LINE_BREAKS.sub("", a[s.a_start:s.a_end])
        assert "".join(parsed.keyed[("a", key)]) == strip
        assert "".join(parsed.keyed[("b", key)]) == LINE_BREAKS.sub("", b[s.b_start:s.b_end])
    shared_offsets = {(s.a_start, s.a_end, s.b_start, s.b_end) for s in c.shared}
    for j, d in enumerate(c.divergences):
        if d.kind == "moved" and (d.a_start, d.a_end, d.b_start, d.b_end) in shared_offsets:
            continue
        key = f"d{j}"
        assert parsed.ids[f"a-{key}"]["href"] == f"#b-{key}", d
        assert parsed.ids[f"b-{key}"]["href"] == f"#a-{key}", d
        if d.a_end > d.a_start:
            assert parsed.ids[f"a-{key}"]["data-range"] == f"{d.a_start}-{d.a_end}"
            text = LINE_BREAKS.sub("", a[d.a_start:d.a_end])
            assert "".join(parsed.keyed[("a", key)]) == text
        else:
            assert "pt-ins" in parsed.ids[f"a-{key}"]["class"]
        if d.b_end > d.b_start:
            assert "".join(parsed.keyed[("b", key)]) == LINE_BREAKS.sub("", b[d.b_start:d.b_end])
        else:
            assert "pt-del" in parsed.ids[f"b-{key}"]["class"]


def test_html_lists_every_change_with_a_link_to_it(pair: tuple[str, str]) -> None:
    a, b = pair
    c = syndetect.compare(a, b)
    parsed = _parse(render_html.html(c))
    jumps = [attrs for _, attrs in parsed.tags if attrs.get("class") == "jump"]
    assert len(jumps) == len(c.divergences)
    for attrs in jumps:
        assert attrs["href"][1:] in parsed.ids
        assert parsed.ids[attrs["href"][1:]]["data-k"] == attrs["data-k"]


def test_html_marks_each_kind_substitutions_and_clutter() -> None:
    c = _handmade()
    page = render_html.html(c)
    parsed = _parse(page)
    classes = {cls for _, attrs in parsed.tags for cls in attrs.get("class", "").split()}
    for needed in ("k-shared", "k-moved", "k-del", "k-ins", "k-rew", "sub", "k-bp",
                   "pt-del", "pt-ins"):
        assert needed in classes, needed
    subs = [attrs for _, attrs in parsed.tags if "sub" in attrs.get("class", "").split()]
    by_key: dict[str, set[str]] = {}
    for attrs in subs:
        side = attrs["href"][1]  # the link points at the other column
        by_key.setdefault(attrs["data-s"], set()).add(side)
    assert by_key == {"d0.0": {"a", "b"}, "d0.1": {"a", "b"}}
    assert 'title="rewritten' in page and "Kiev → Kyiv" in page
    # Clutter inside the deleted passage keeps the passage's link but shows as clutter.
    clutter = [attrs for _, attrs in parsed.tags
               if "k-bp" in attrs.get("class", "").split() and "sw" not in attrs["class"]]
    assert clutter and all("k-del" in attrs["class"] for attrs in clutter)
    assert all(attrs["data-k"] == "d1" for attrs in clutter)
    # The moved divergence is drawn with its shared span, once.
    assert "a-d2" not in parsed.ids and "k-moved" in parsed.ids["a-s2"]["class"]


def test_html_legend_and_summary() -> None:
    c = _handmade()
    page = render_html.html(c, name_a="wire.txt", name_b="copy.txt")
    assert 'class="legend"' in page
    for label in ("shared", "shared quotation", "moved", "deleted", "inserted",
                  "rewritten", "page clutter"):
        assert f"{label} <b>" in page, label
    assert "heavy edit" in page
    assert "53.0%" in page and "59.0%" in page
    assert "wire.txt vs copy.txt" in page  # default title


def test_html_direction_and_language() -> None:
    page = render_html.html(syndetect.compare(AR_WIRE, ZH_WIRE))
    parsed = _parse(page)
    html_tag = next(attrs for tag, attrs in parsed.tags if tag == "html")
    assert html_tag["lang"] == "en" and html_tag["dir"] == "ltr"
    assert parsed.ids["text-a"]["dir"] == "auto" and parsed.ids["text-a"]["lang"] == "ar"
    assert parsed.ids["text-b"]["dir"] == "auto" and parsed.ids["text-b"]["lang"] == "zh"
    lines = [attrs for tag, attrs in parsed.tags if tag == "div" and attrs.get("class") == "l"]
    assert lines and all(attrs["dir"] == "auto" for attrs in lines)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (AR_WIRE, "ar"),
        (ZH_WIRE, "zh"),
        ("東京で会議が開かれました。ひらがなとカタカナ。", "ja"),
        ("서울에서 회의가 열렸다", "ko"),
        ("این یک متن فارسی است که گفته می‌شود", "fa"),
        (EN_WIRE, ""),  # Latin script does not name its language
        ("", ""),
    ],
)
def test_guess_lang(text: str, lang: str) -> None:
    assert render_html.guess_lang(text) == lang


def test_html_empty_texts() -> None:
    for a, b in (("", ""), ("", EN_WIRE), ("  \n ", ""), (ZH_WIRE, "")):
        c = syndetect.compare(a, b)
        page = render_html.html(c)
        parsed = _parse(page)
        assert "(empty text)" in page or "(only whitespace)" in page
        assert "unrelated" in page
        assert parsed.ids["text-a"]["dir"] == "auto"
        _assert_no_dangling_links(parsed)  # the empty side still holds the markers


def test_html_survives_control_characters_and_lone_surrogates() -> None:
    a = "Line one\x00 with NUL\r\nline two\x0cpage\u2028sep \ud800 end"
    # compare() itself refuses lone surrogates, so put one into a finished comparison
    # at the same offset (a str decoded with surrogateescape can carry them).
    c = syndetect.compare(a.replace("\ud800", "?"), a.replace("\ud800", "?"))
    page = render_html.html(dataclasses.replace(c, a=a, b=a))
    page.encode("utf-8")  # no lone surrogate left
    parsed = _parse(page)
    assert "\x00" not in page
    assert parsed.column["a"][0] == "Line one\u2400 with NUL"
    assert parsed.column["a"][1:4] == ["line two", "page", "sep \ufffd end"]


def test_html_shows_bidi_overrides_rather_than_obeying_them() -> None:
    """An RLO (or any embedding, override or isolate control) in a text would reverse
    how the rest of its line reads on the page: it is shown as a symbol instead."""
    a = ("The minister said the budget would rise by ten percent next year, officials "
         "said on Monday in the capital.")
    b = a.replace("ten percent", "\u202eten percent\u202c").replace("Monday", "\u2067Monday")
    page = render_html.html(syndetect.compare(a, b))
    assert not any(ch in page for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert page.count("\u21c6") == 3


# --------------------------------------------------------------------------- properties

_WORDS = st.sampled_from(
    ["the", "minister", "said", "Kiev", "Kyiv", "<script>", "&amp;", "a&b", "\"quoted\"",
     "وزارة", "الصحـــة", "مُتحدِّث", "气象局", "暴雨", "\x1b[31m", "\u202e", "e\u0301",
     "👍🏽", "\u200b", "\t", "\n", "\n\n", "\r\n", "Logo\n", "Tags: x\n"]
)
_TEXTS = st.lists(_WORDS, max_size=60).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(_TEXTS, _TEXTS)
def test_html_columns_always_give_back_both_texts(a: str, b: str) -> None:
    c = syndetect.compare(a, b)
    parsed = _parse(render_html.html(c, name_a=a[:20], name_b=b[:20]))
    for side, text in (("a", a), ("b", b)):
        if text.strip():
            assert "\n".join(parsed.column[side]) == _normalised_lines(text).replace(
                "\x1b", "\u241b"
            ).replace("\u202e", "\u21c6")  # (controls are shown, not obeyed)
    for i in range(len(c.shared)):
        assert parsed.ids[f"a-s{i}"]["href"] == f"#b-s{i}"
        assert parsed.ids[f"b-s{i}"]["href"] == f"#a-s{i}"
    _assert_no_dangling_links(parsed)


def _assert_no_dangling_links(parsed: _Page) -> None:
    for _, attrs in parsed.tags:
        if "href" in attrs:
            assert attrs["href"][1:] in parsed.ids, attrs


@settings(max_examples=60, deadline=None)
@given(_TEXTS, _TEXTS, st.integers(min_value=40, max_value=140))
def test_terminal_never_emits_escapes_without_colour(a: str, b: str, width: int) -> None:
    c = syndetect.compare(a, b)
    plain = render.terminal(c, color=False, width=width, name_a="a", name_b="b")
    assert "\x1b" not in plain and "\u202e" not in plain
    assert all(_display_width(line) <= width for line in plain.splitlines())
    coloured = render.terminal(c, color=True, width=width, name_a="a", name_b="b")
    assert ANSI.sub("", coloured) == plain


def test_shared_quotations_are_reported_apart() -> None:
    c = _handmade()
    quoted = dataclasses.replace(c.shared[1], quotation=True)
    c = dataclasses.replace(c, shared=(c.shared[0], quoted, c.shared[2]))
    out = render.terminal(c, color=False)
    assert "3 shared (1 quotation)" in out
    assert "Shared quotations (1)" in out
    assert "that talks would resume next week." in out.split("Shared quotations")[1]
    parsed = _parse(render_html.html(c))
    assert "k-quote" in parsed.ids["a-s1"]["class"] and "k-quote" in parsed.ids["b-s1"]["class"]
    assert "shared quotation <b>1</b>" in render_html.html(c)


def test_terminal_dims_clutter_inside_a_divergence() -> None:
    out = render.terminal(_handmade(), color=True, width=200)
    assert "\x1b[2mTags: talks\x1b[0m" in out
    assert "\x1b[31mA final paragraph about the weather was cut.\x1b[0m" in out


def test_html_overlapping_spans_still_link() -> None:
    """Should the aligner ever hand over overlapping spans, the page stays consistent:
    the later one is cut, or kept as an empty anchor, and every link resolves."""
    c = _handmade()
    inner = c.shared[1]
    overlapping = Divergence("rewritten", inner.a_start + 2, inner.a_end - 2,
                             inner.b_start + 2, inner.b_end - 2, words_a=3, words_b=3)
    c = dataclasses.replace(c, divergences=(*c.divergences, overlapping))
    parsed = _parse(render_html.html(c))
    _assert_no_dangling_links(parsed)
    key = f"d{len(c.divergences) - 1}"
    assert "pt-x" in parsed.ids[f"a-{key}"]["class"]
    assert "\n".join(parsed.column["a"]) == c.a


def test_html_numbers_paragraphs_in_the_margin_as_the_tooltips_do(pair: tuple[str, str]) -> None:
    a, b = pair
    c = syndetect.compare(a, b)
    parsed = _parse(render_html.html(c))
    marks = [attrs for tag, attrs in parsed.tags
             if tag == "span" and attrs.get("class") == "pn"]
    expected = [f"¶{k + 1}" for k in range(len(c.paragraphs_a))] + \
        [f"¶{k + 1}" for k in range(len(c.paragraphs_b))]
    assert [m["data-p"] for m in marks] == expected
    assert all(m["aria-hidden"] == "true" for m in marks)


def test_html_shows_the_closest_version_escaped_and_self_contained() -> None:
    from html import escape

    from syndetect.versions import closest_version

    update = AR_WIRE.replace("450 مليون", "520 مليون").replace(
        "خمسة مستشفيات", "سبعة مستشفيات")
    copy = update.replace("القاهرة (وكالة) - ", "")
    hostile = '<img src=x onerror="alert(1)">&v2'
    version = closest_version(copy, [("first", AR_WIRE), (hostile, update)])
    assert version.version_id == hostile
    c = syndetect.compare(AR_WIRE, copy)
    plain = render_html.html(c, name_a="first", name_b="copy")
    page = render_html.html(c, name_a="first", name_b="copy", version=version)
    parsed = _parse(page)
    assert "Closest version" not in plain and "Closest version" in page
    assert not any(tag == "img" for tag, _ in parsed.tags)
    assert f"Closest version: <b><bdi>{escape(hostile)}</bdi></b>" in page
    assert escape(version.explain()) in page  # the terminal report's words
    assert escape(f"score per version: first {version.scores['first']:.2f} · ") in page
    # a copy sharing nothing with any version says so
    none = closest_version("Nothing in common here at all, a different story.",
                           [("first", AR_WIRE)])
    page = render_html.html(c, version=none)
    assert "Closest version: <b>none</b>" in page and escape(none.explain()) in page
