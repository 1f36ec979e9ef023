"""A self-contained side-by-side HTML page of a :class:`~syndetect.report.Comparison`.

:func:`html` returns one page with no external asset (inline CSS and a small inline
script, no fonts, images or links to fetch): a summary header (verdict, coverage both
ways, credit status, changed facts, the closest version when given, counts doubling
as the legend) and the two texts in two columns, line breaks as
published. Shared spans, quotations, moves, deletions (in a), insertions (in b),
rewrites (both sides, word-level substitutions highlighted inside) and page clutter
are coloured. Each marked passage is a link to its counterpart in the other column
(ids ``a-s3`` / ``b-s3`` for shared span 3, ``a-d5`` / ``b-d5`` for divergence 5; a
deletion's counterpart in b is a small marker where the text would have stood, an
insertion's in a likewise). Hovering a passage highlights it and its counterpart;
clicking scrolls the other column to it; ``n``/``p`` step through the changes, which
are also listed in reading order under the summary; opening the page at ``#a-s3``
selects that pair. Without the script the links still jump.

Every piece of text from the comparison is HTML-escaped; control characters are
shown as visible symbols. Each column has ``dir="auto"`` (and so does each line),
so right-to-left texts read right to left, and a ``lang`` guessed from its script
(empty, meaning unknown, when the script does not tell).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from .render import explain_verdict
from .report import Comparison, Divergence

if TYPE_CHECKING:
    from .versions import VersionMatch

__all__ = ["guess_lang", "html"]

_LINE_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# Controls, lone surrogates, and the bidi embedding, override and isolate controls: an
# RLO in a text could otherwise reverse how the rest of its line reads on the page.
_UNSAFE = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ud800-\udfff"
                     "\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class _Item:
    """A marked stretch of one column: ``text[start:end]``."""

    start: int
    end: int
    key: str  # links the two columns: s<i> for shared span i, d<j> for divergence j
    cls: str
    title: str


@dataclass(frozen=True)
class _Point:
    """A zero-width marker at ``pos``: where a deletion or insertion would stand."""

    pos: int
    key: str
    cls: str
    title: str
    sub: str = ""
    anchor: bool = True  # carries the column's id for ``key``


def html(
    c: Comparison,
    *,
    name_a: str = "a",
    name_b: str = "b",
    title: str | None = None,
    version: VersionMatch | None = None,
) -> str:
    """One self-contained HTML page showing ``c`` side by side.

    ``name_a`` and ``name_b`` label the two columns; ``title`` is the page title
    (default: ``"<name_a> vs <name_b> · syndetect"``). ``version``: the version of
    the wire b is closest to (:func:`~syndetect.versions.closest_version`, as
    ``syndetect compare --versions`` finds it), shown in the summary under the
    credit line in the terminal report's words, each version's score in its tooltip.
    """
    full_a = _clean(str(name_a)) or "a"
    full_b = _clean(str(name_b)) or "b"
    name_a, name_b = _short(full_a), _short(full_b)  # what the page shows
    page_title = _clean(title) if title is not None else f"{name_a} vs {name_b} · syndetect"

    a_items, b_items, a_points, b_points, a_subs, b_subs = _layout(c, name_a, name_b)
    counts = c.counts()
    column_a = _column(
        c.a, "a", "b", a_items, a_points, a_subs,
        [(bp.start, bp.end, bp.reason) for bp in c.boilerplate_a],
        [p.start for p in c.paragraphs_a],
    )
    column_b = _column(
        c.b, "b", "a", b_items, b_points, b_subs,
        [(bp.start, bp.end, bp.reason) for bp in c.boilerplate_b],
        [p.start for p in c.paragraphs_b],
    )
    verdict_label = c.verdict.replace("_", " ")
    explanation = explain_verdict(c.verdict, name_a=name_a, name_b=name_b)
    e = escape

    legend = [
        ("shared", "shared", counts["shared"] - counts["quotations"],
         "text in both, word for word"),
        ("quote", "shared quotation", counts["quotations"],
         "the same words quoted by both: not evidence of copying"),
        ("moved", "moved", counts["moved"], "shared, but in a different place"),
        ("del", "deleted", counts["deleted"], f"only in {name_a}"),
        ("ins", "inserted", counts["inserted"], f"only in {name_b}"),
        ("rew", "rewritten", counts["rewritten"], "reworded; changed words stronger"),
        ("bp", "page clutter", len(c.boilerplate_a) + len(c.boilerplate_b),
         "logos, tags, share lines, datelines, credits: not counted"),
    ]
    legend_html = "".join(
        f'<li title="{e(tip)}"><span class="sw k-{cls}"></span>{e(label)}'
        f' <b>{n}</b></li>'
        for cls, label, n, tip in legend
    )

    def bar(label: str, value: float) -> str:
        pct = f"{100.0 * value:.1f}%"
        return (
            f'<div class="cov"><div class="cov-l">{label}</div>'
            f'<div class="bar"><div style="width:{min(100.0, max(0.0, 100.0 * value)):.1f}%">'
            f'</div></div><div class="cov-v">{pct}</div></div>'
        )

    na, nb = f"<bdi>{e(name_a)}</bdi>", f"<bdi>{e(name_b)}</bdi>"
    evidence = ""
    if abs(c.evidence_a - c.coverage_a) >= 0.0005 or abs(c.evidence_b - c.coverage_b) >= 0.0005:
        evidence = (
            f'<p class="note">With quoted text left out (what the verdict weighs): '
            f"{100.0 * c.evidence_a:.1f}% / {100.0 * c.evidence_b:.1f}%.</p>"
        )
    status = c.credit_status
    facts = [f for f in c.changed_facts if f.kind != "style"]
    wire_note = (
        f'<p class="note">Credit: <b>{e(status.status.replace("_", " "))}</b> '
        f"({e(status.reason)})"
    )
    if facts:
        listed = "; ".join(
            f"{e(f.kind)}: <bdi>{e(f.a_text)}</bdi> → <bdi>{e(f.b_text)}</bdi>" for f in facts[:6]
        )
        more = f" and {len(facts) - 6} more" if len(facts) > 6 else ""
        wire_note += f" · Changed facts: {listed}{more}"
    wire_note += "</p>"
    evidence += wire_note
    if version is not None:
        evidence += _version_note(version)
    summary = (
        f'<header class="summary">'
        f'<div class="head"><h1>{e(page_title)}</h1>'
        f'<span class="brand">syndetect compare</span></div>'
        f'<div class="row">'
        f'<div class="verdict v-{e(c.verdict)}"><span class="badge">{e(verdict_label)}</span>'
        f'<p>{e(explanation)}</p>{evidence}</div>'
        f'<div class="covs">'
        f'{bar(f"{na} reused in {nb}", c.coverage_a)}'
        f'{bar(f"{nb} taken from {na}", c.coverage_b)}'
        f'<p class="note">{na} {c.words_a:,} words · {nb} {c.words_b:,} words · '
        f"{c.shared_words:,} shared (page clutter not counted)</p>"
        f"</div></div>"
        f'<ul class="legend">{legend_html}'
        f'<li class="hint">Hover or click a passage to find it in the other '
        f"column · <kbd>n</kbd>/<kbd>p</kbd> next/previous change</li></ul>"
        f"{_changes(c, name_a, name_b)}"
        f"</header>"
    )

    def section(side: str, name: str, full: str, text: str, body: str, words: int,
                cov: float, other: str) -> str:
        lang = guess_lang(text)
        pct = f"{100.0 * cov:.1f}%"
        what = "reused in" if side == "a" else "taken from"
        return (
            f'<section class="col" aria-label="{e(name)}">'
            f'<h2 title="{e(full)}"><span class="side">{side.upper()}</span>'
            f'<bdi class="name">{e(name)}</bdi>'
            f'<small>{words:,} words · {pct} {what} <bdi>{e(other)}</bdi></small></h2>'
            f'<div class="text" id="text-{side}" dir="auto" lang="{lang}">{body}</div>'
            f"</section>"
        )

    return (
        "<!DOCTYPE html>\n"
        '<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="syndetect">\n'
        '<meta name="color-scheme" content="light dark">\n'
        f"<title>{e(page_title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"{summary}\n<main class=\"cols\">\n"
        f"{section('a', name_a, full_a, c.a, column_a, c.words_a, c.coverage_a, name_b)}\n"
        f"{section('b', name_b, full_b, c.b, column_b, c.words_b, c.coverage_b, name_a)}\n"
        f"</main>\n<script>{_JS}</script>\n</body>\n</html>\n"
    )


def _version_note(version: VersionMatch) -> str:
    """The closest-version line of the summary: the version in bold, then
    :meth:`~syndetect.versions.VersionMatch.explain` (the terminal report's line)."""
    e = escape
    name = "none" if version.version_id is None else f"<bdi>{e(_clean(version.version_id))}</bdi>"
    scores = " · ".join(f"{_clean(k)} {v:.2f}" for k, v in version.scores.items())
    return (
        f'<p class="note" title="{e("score per version: " + scores)}">'
        f"Closest version: <b>{name}</b> · <bdi>{e(_clean(version.explain()))}</bdi></p>"
    )


# --------------------------------------------------------------------------- layout


def _layout(
    c: Comparison, name_a: str, name_b: str
) -> tuple[
    list[_Item], list[_Item], list[_Point], list[_Point],
    list[tuple[int, int, str, str]], list[tuple[int, int, str, str]],
]:
    """Marked stretches, zero-width markers and substitutions of both columns."""
    a_items: list[_Item] = []
    b_items: list[_Item] = []
    a_points: list[_Point] = []
    b_points: list[_Point] = []
    a_subs: list[tuple[int, int, str, str]] = []
    b_subs: list[tuple[int, int, str, str]] = []
    by_offsets = {}
    for i, s in enumerate(c.shared):
        by_offsets[(s.a_start, s.a_end, s.b_start, s.b_end)] = i
        key = f"s{i}"
        where = f"{name_a} ¶{s.a_paragraph + 1} ↔ {name_b} ¶{s.b_paragraph + 1}"
        if s.moved:
            cls, what = "moved", "moved"
        elif s.quotation:
            cls, what = "quote", "shared quotation"
        else:
            cls, what = "shared", "shared"
        if s.moved and s.quotation:
            cls, what = "moved quote", "moved quotation"
        tip = f"{what} · {where} · {s.words} word{'s' if s.words != 1 else ''}"
        a_items.append(_Item(s.a_start, s.a_end, key, cls, tip))
        b_items.append(_Item(s.b_start, s.b_end, key, cls, tip))

    for j, d in enumerate(c.divergences):
        key = f"d{j}"
        if d.kind == "moved":
            if (d.a_start, d.a_end, d.b_start, d.b_end) in by_offsets:
                continue  # drawn with its shared span
            tip = f"moved · {name_a} ¶{d.a_paragraph + 1} → {name_b} ¶{d.b_paragraph + 1}"
            _side(a_items, a_points, d.a_start, d.a_end, key, "moved", tip)
            _side(b_items, b_points, d.b_start, d.b_end, key, "moved", tip)
        elif d.kind == "deleted":
            tip = _tip(d, f"deleted · only in {name_a} ¶{d.a_paragraph + 1}")
            _side(a_items, a_points, d.a_start, d.a_end, key, "del", tip)
            b_points.append(_Point(d.b_start, key, "del",
                                   f"{_words(d.words_a)} of {name_a} cut here"))
        elif d.kind == "inserted":
            tip = _tip(d, f"inserted · only in {name_b} ¶{d.b_paragraph + 1}")
            _side(b_items, b_points, d.b_start, d.b_end, key, "ins", tip)
            a_points.append(_Point(d.a_start, key, "ins",
                                   f"{_words(d.words_b)} added here in {name_b}"))
        else:
            tip = (
                f"rewritten · {name_a} ¶{d.a_paragraph + 1} → {name_b} ¶{d.b_paragraph + 1}"
                f" · {d.words_a} → {d.words_b} words"
            )
            _side(a_items, a_points, d.a_start, d.a_end, key, "rew", tip)
            _side(b_items, b_points, d.b_start, d.b_end, key, "rew", tip)
            for k, sub in enumerate(d.substitutions):
                sub_key = f"{key}.{k}"
                old = _clean(c.a[sub.a_start:sub.a_end])
                new = _clean(c.b[sub.b_start:sub.b_end])
                change = _change(old, new)
                if sub.a_end > sub.a_start:
                    a_subs.append((sub.a_start, sub.a_end, sub_key, change))
                else:
                    a_points.append(_Point(sub.a_start, key, "ins sub", change, sub_key, False))
                if sub.b_end > sub.b_start:
                    b_subs.append((sub.b_start, sub.b_end, sub_key, change))
                else:
                    b_points.append(_Point(sub.b_start, key, "del sub", change, sub_key, False))
    return a_items, b_items, a_points, b_points, a_subs, b_subs


_OPEN_CHANGES = 12  # the list of changes starts unfolded up to this many

_KIND_CLASS = {"deleted": "del", "inserted": "ins", "rewritten": "rew", "moved": "moved"}


def _changes(c: Comparison, name_a: str, name_b: str) -> str:
    """A folded list of every divergence in reading order of a, each a link to it."""
    if not c.divergences:
        return ""
    shared_at = {(s.a_start, s.a_end, s.b_start, s.b_end): i for i, s in enumerate(c.shared)}
    order = sorted(
        range(len(c.divergences)),
        key=lambda j: (c.divergences[j].a_start, c.divergences[j].kind == "inserted",
                       c.divergences[j].b_start),
    )
    items = []
    for j in order:
        d = c.divergences[j]
        key = f"d{j}"
        if d.kind == "moved":
            i = shared_at.get((d.a_start, d.a_end, d.b_start, d.b_end))
            key = key if i is None else f"s{i}"
        if d.kind == "inserted":
            where = f"{name_b} ¶{d.b_paragraph + 1}"
            excerpt = _excerpt(c.b[d.b_start:d.b_end])
        elif d.kind == "deleted":
            where = f"{name_a} ¶{d.a_paragraph + 1}"
            excerpt = _excerpt(c.a[d.a_start:d.a_end])
        else:
            where = f"{name_a} ¶{d.a_paragraph + 1} → {name_b} ¶{d.b_paragraph + 1}"
            if d.kind == "rewritten" and d.substitutions:
                excerpt = _excerpt("; ".join(
                    _change(_excerpt(c.a[x.a_start:x.a_end], 40),
                            _excerpt(c.b[x.b_start:x.b_end], 40))
                    for x in d.substitutions
                ))
            elif d.kind == "rewritten":
                excerpt = _excerpt(f"{_excerpt(c.a[d.a_start:d.a_end], 45)} → "
                                   f"{_excerpt(c.b[d.b_start:d.b_end], 45)}")
            else:
                excerpt = _excerpt(c.a[d.a_start:d.a_end])
        side = "b" if d.kind == "inserted" else "a"
        items.append(
            f'<li><a class="jump" href="#{side}-{key}" data-k="{key}">'
            f'<span class="sw k-{_KIND_CLASS.get(d.kind, "rew")}"></span>'
            f'<span class="kind">{escape(d.kind)}</span>'
            f'<span class="where">{escape(where)}</span>'
            f'<bdi class="ex">{escape(excerpt)}</bdi></a></li>'
        )
    n = len(items)
    is_open = " open" if n <= _OPEN_CHANGES else ""
    return (
        f'<details class="changes"{is_open}><summary>All {n} change{"s" if n != 1 else ""}, '
        f"in reading order of <bdi>{escape(name_a)}</bdi></summary>"
        f'<ol>{"".join(items)}</ol></details>'
    )


def _change(old: str, new: str) -> str:
    """``old → new``, or ``+ new`` / ``− old`` when a side is empty."""
    if old and new:
        return f"{old} → {new}"
    return f"− {old}" if old else f"+ {new}"


def _excerpt(text: str, limit: int = 110) -> str:
    text = _clean(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _side(
    items: list[_Item], points: list[_Point], start: int, end: int, key: str, cls: str,
    tip: str,
) -> None:
    if end > start:
        items.append(_Item(start, end, key, cls, tip))
    else:
        points.append(_Point(start, key, cls, tip))


def _tip(d: Divergence, head: str) -> str:
    return f"{head} · {_words(max(d.words_a, d.words_b))}"


def _words(n: int) -> str:
    return f"{n} word{'s' if n != 1 else ''}"


def _clip(items: Sequence[_Item]) -> tuple[list[_Item], list[_Point]]:
    """Sorted, with overlaps cut off the later item (stretches never nest). An item
    swallowed whole by an earlier one becomes an empty anchor, so links to it hold."""
    out: list[_Item] = []
    lost: list[_Point] = []
    cursor = 0
    for it in sorted(items, key=lambda it: (it.start, it.end)):
        start = max(it.start, cursor)
        if start >= it.end:
            lost.append(_Point(it.start, it.key, "x", it.title))
            continue
        out.append(it if start == it.start else _Item(start, it.end, it.key, it.cls, it.title))
        cursor = it.end
    return out, lost


def _clip_ranges(
    ranges: Sequence[tuple[int, int, str, str]],
) -> list[tuple[int, int, str, str]]:
    out: list[tuple[int, int, str, str]] = []
    cursor = 0
    for start, end, key, tip in sorted(ranges):
        start = max(start, cursor)
        if start < end:
            out.append((start, end, key, tip))
            cursor = end
    return out


def _column(
    text: str,
    side: str,
    other: str,
    items: Sequence[_Item],
    points: Sequence[_Point],
    subs: Sequence[tuple[int, int, str, str]],
    boiler: Sequence[tuple[int, int, str]],
    paragraphs: Sequence[int] = (),
) -> str:
    """One column: lines of escaped text with each marked stretch split into pieces at
    every boundary (substitution, clutter, line break), each piece a link; the number
    of each paragraph (``paragraphs``: their start offsets) in the margin, as ¶n, the
    numbering the tooltips and the list of changes use."""
    n = len(text)
    if not text.strip():
        anchored: set[str] = set()
        markers = "".join(_point_html(p, side, other, anchored) for p in points)
        what = "(empty text)" if not text else "(only whitespace)"
        return f'<div class="l empty">{what}{markers}</div>'
    def within(pos: int) -> int:  # offsets are trusted, but a link must never dangle
        return min(max(pos, 0), n)

    tops, lost = _clip([
        _Item(within(it.start), within(it.end), it.key, it.cls, it.title) for it in items
    ])
    inner = _clip_ranges([(within(s), within(e), k, t) for s, e, k, t in subs])
    clutter = _clip_ranges([(within(s), within(e), "", r) for s, e, r in boiler])
    marks = sorted(
        (_Point(within(p.pos), p.key, p.cls, p.title, p.sub, p.anchor) for p in (*points, *lost)),
        key=lambda p: p.pos,
    )

    bounds = {0, n}
    for it in tops:
        bounds.update((it.start, it.end))
    for s, e, _, _ in inner:
        bounds.update((s, e))
    for s, e, _, _ in clutter:
        bounds.update((s, e))
    bounds.update(p.pos for p in marks)
    numbers = {within(pos): k + 1 for k, pos in enumerate(paragraphs)}  # starts are distinct
    bounds.update(numbers)
    ordered = sorted(bounds)

    lines: list[list[str]] = [[]]
    anchored = set()
    ti = si = ci = pi = 0
    for idx, start in enumerate(ordered):
        if start in numbers:
            # Drawn by CSS from data-p, so that the column's text stays the text.
            lines[-1].append(f'<span class="pn" data-p="¶{numbers[start]}" '
                             f'title="paragraph {numbers[start]}" aria-hidden="true"></span>')
        while pi < len(marks) and marks[pi].pos == start:
            lines[-1].append(_point_html(marks[pi], side, other, anchored))
            pi += 1
        if idx + 1 >= len(ordered):
            break
        end = ordered[idx + 1]
        while ti < len(tops) and tops[ti].end <= start:
            ti += 1
        while si < len(inner) and inner[si][1] <= start:
            si += 1
        while ci < len(clutter) and clutter[ci][1] <= start:
            ci += 1
        top = tops[ti] if ti < len(tops) and tops[ti].start <= start else None
        sub = inner[si] if si < len(inner) and inner[si][0] <= start else None
        bp = clutter[ci] if ci < len(clutter) and clutter[ci][0] <= start else None
        _emit(lines, text[start:end], top, sub, bp, side, other, anchored)

    return "".join(
        f'<div class="l" dir="auto">{"".join(parts)}</div>' for parts in lines
    )


def _emit(
    lines: list[list[str]],
    piece: str,
    top: _Item | None,
    sub: tuple[int, int, str, str] | None,
    bp: tuple[int, int, str, str] | None,
    side: str,
    other: str,
    anchored: set[str],
) -> None:
    """Append ``piece`` to ``lines`` (starting new lines at its line breaks) wrapped in
    the element its marks call for."""
    classes: list[str] = []
    attrs = ""
    if top is not None:
        classes.extend(f"k-{c}" for c in top.cls.split())
        tip = top.title
        if sub is not None:
            classes.append("sub")
            attrs += f' data-s="{sub[2]}"'
            tip = f"{tip} · {sub[3]}"
        if bp is not None:
            classes.append("k-bp")
            tip = f"page clutter ({bp[3]}) · {tip}"
        attrs = f' data-k="{top.key}" href="#{other}-{top.key}"{attrs} title="{escape(tip)}"'
        tag = "a"
    elif bp is not None:
        classes.append("k-bp")
        attrs = f' title="page clutter ({escape(bp[3])})"'
        tag = "span"
    else:
        tag = ""
    for n, chunk in enumerate(_LINE_BREAK.split(piece)):
        if n:
            lines.append([])
        if not chunk:
            continue
        body = escape(_clean_keep(chunk), quote=False)
        if not tag:
            lines[-1].append(body)
            continue
        ident = ""
        if top is not None and top.key not in anchored:
            anchored.add(top.key)
            ident = f' id="{side}-{top.key}" data-range="{top.start}-{top.end}"'
        lines[-1].append(f'<{tag} class="{" ".join(classes)}"{ident}{attrs}>{body}</{tag}>')


def _point_html(p: _Point, side: str, other: str, anchored: set[str]) -> str:
    ident = ""
    if p.anchor and p.key not in anchored:
        anchored.add(p.key)
        ident = f' id="{side}-{p.key}" data-range="{p.pos}-{p.pos}"'
    sub = f' data-s="{p.sub}"' if p.sub else ""
    classes = " ".join(f"pt-{c}" for c in p.cls.split())
    return (
        f'<a class="pt {classes}"{ident} data-k="{p.key}"{sub} href="#{other}-{p.key}" '
        f'title="{escape(p.title)}" aria-label="{escape(p.title)}"></a>'
    )


# --------------------------------------------------------------------------- text helpers


def _control_picture(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return "\u21c6"  # a bidi control, shown rather than obeyed
    return "\ufffd"


def _clean_keep(text: str) -> str:
    """``text`` with characters that cannot stand in a page (controls, lone
    surrogates) replaced by visible symbols; tabs and spaces kept."""
    return _UNSAFE.sub(_control_picture, text)


def _short(name: str, limit: int = 48) -> str:
    """``name`` shortened from the left to ``limit`` characters: a long path keeps its
    file name."""
    if len(name) <= limit:
        return name
    base = re.split(r"[/\\]", name)[-1]
    if 0 < len(base) <= limit - 2:
        return "…/" + base
    return "…" + name[-(limit - 1):]


def _clean(text: str) -> str:
    """One line of ``text``: whitespace collapsed, controls made visible."""
    return _clean_keep(" ".join(text.split()))


_SCRIPTS: tuple[tuple[int, int, str], ...] = (
    (0x0370, 0x03FF, "el"),
    (0x0400, 0x052F, "cyrl"),
    (0x0590, 0x05FF, "he"),
    (0x0600, 0x06FF, "arab"),
    (0x0750, 0x077F, "arab"),
    (0x08A0, 0x08FF, "arab"),
    (0x0E00, 0x0E7F, "th"),
    (0x1100, 0x11FF, "ko"),
    (0x3040, 0x30FF, "kana"),
    (0x3400, 0x4DBF, "han"),
    (0x4E00, 0x9FFF, "han"),
    (0xAC00, 0xD7AF, "ko"),
    (0xFB50, 0xFDFF, "arab"),
    (0xFE70, 0xFEFF, "arab"),
)
_PERSIAN = frozenset("پچژگکی")
_URDU = frozenset("ٹڈڑںےھ")


def guess_lang(text: str) -> str:
    """A BCP 47 language tag guessed from the script of ``text``, or ``""`` (unknown).

    Only scripts that name their language are used: Arabic script gives ``ar``
    (``fa`` or ``ur`` when their own letters are frequent), Hebrew ``he``, Greek
    ``el``, Thai ``th``, Hangul ``ko``, kana ``ja``, Han alone ``zh``. Latin and
    Cyrillic texts, and mixtures, are left unknown rather than guessed.
    """
    sample = text[:20000]
    counts: dict[str, int] = {}
    letters = 0
    for ch in sample:
        if not ch.isalpha():
            continue
        letters += 1
        code = ord(ch)
        if code < 0x0370:
            continue
        for lo, hi, script in _SCRIPTS:
            if lo <= code <= hi:
                counts[script] = counts.get(script, 0) + 1
                break
    if not letters:
        return ""
    cjk = counts.get("han", 0) + counts.get("kana", 0)
    if cjk >= 0.5 * letters:
        return "ja" if counts.get("kana", 0) >= 0.05 * cjk else "zh"
    script, n = max(counts.items(), key=lambda kv: kv[1], default=("", 0))
    if n < 0.5 * letters:
        return ""
    if script == "arab":
        urdu = sum(1 for ch in sample if ch in _URDU)
        persian = sum(1 for ch in sample if ch in _PERSIAN)
        if urdu >= 0.02 * n:
            return "ur"
        if persian >= 0.03 * n:
            return "fa"
        return "ar"
    return {"el": "el", "he": "he", "th": "th", "ko": "ko"}.get(script, "")


# --------------------------------------------------------------------------- page assets

_CSS = """
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#ffffff;--panel:#f6f8fa;
--shared:#eaf0fb;--quote:#d9f2ee;--quote-b:#4aa898;--moved:#efe3fb;--moved-b:#8e5bd0;
--del:#fde0df;--del-b:#cf3b36;--ins:#d9f5df;--ins-b:#2b9a4a;--rew:#fff1bf;--rew-b:#d69e00;
--sub:#ffd36b;--sub-hl:#ffc94a;--bp:#eef0f2;--bp-fg:#8c959f;--hl:#0969da;--hl-bg:#dbe9ff;
--badge:#24292f;--track:#dfe4ea;--fill:#3d6fd8}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;
--bg:#0d1117;--panel:#151b23;--shared:#1b2a44;--quote:#0f3a36;--quote-b:#3fb9a5;
--moved:#33204d;--moved-b:#b083f0;--del:#4a1d1d;--del-b:#f85149;--ins:#12361f;
--ins-b:#3fb950;--rew:#3d3010;--rew-b:#d29922;--sub:#6b4d07;--sub-hl:#8a6408;
--bp:#21262d;--bp-fg:#7d8590;--hl:#4493f8;--hl-bg:#1f3a66;--badge:#3d444d;
--track:#30363d;--fill:#4493f8}}
*{box-sizing:border-box}
html,body{margin:0;height:100%}
body{display:flex;flex-direction:column;color:var(--fg);background:var(--bg);
overflow-wrap:anywhere;
font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Liberation Sans",
"DejaVu Sans",Arial,"Noto Sans Arabic","Noto Naskh Arabic","Noto Sans CJK SC",
"Noto Sans CJK JP","PingFang SC","Hiragino Sans","Microsoft YaHei",sans-serif}
.summary{flex:none;padding:14px 22px 10px;border-bottom:1px solid var(--line);
background:var(--panel)}
.head{display:flex;align-items:baseline;justify-content:space-between;gap:16px}
h1{font-size:18px;margin:0 0 10px;font-weight:600;overflow-wrap:anywhere}
.brand{color:var(--muted);font-size:12px;letter-spacing:.04em;text-transform:uppercase;
white-space:nowrap}
.row{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:28px;align-items:start}
.verdict p{margin:6px 0 0}
.badge{display:inline-block;padding:3px 12px;border-radius:999px;font-weight:700;
text-transform:uppercase;letter-spacing:.05em;font-size:13px;color:#fff;background:#57606a}
.v-verbatim .badge{background:#b42318}.v-light_edit .badge{background:#c4320a}
.v-heavy_edit .badge{background:#b54708}.v-partial .badge{background:#6941c6}
.v-unrelated .badge{background:#067647}
.note{margin:6px 0 0;color:var(--muted);font-size:12.5px}
.cov{display:grid;grid-template-columns:minmax(0,1fr) 160px 52px;gap:10px;align-items:center;
margin-bottom:4px}
.cov-l{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.cov-v{text-align:right;font-variant-numeric:tabular-nums;font-weight:600}
.bar{height:8px;border-radius:4px;background:var(--track);overflow:hidden}
.bar>div{height:100%;background:var(--fill);border-radius:4px}
.legend{list-style:none;margin:10px 0 0;padding:0;display:flex;flex-wrap:wrap;gap:6px 16px;
font-size:12.5px}
.legend li{display:flex;align-items:center;gap:6px}
.legend b{font-variant-numeric:tabular-nums}
.legend .hint{color:var(--muted);margin-left:auto;display:inline}
kbd{font:11px/1 ui-monospace,"DejaVu Sans Mono",monospace;border:1px solid var(--line);
border-radius:3px;padding:1px 4px;background:var(--bg)}
.sw{display:inline-block;width:14px;height:14px;border-radius:3px;border:1px solid rgba(0,0,0,.12)}
.cols{flex:1;min-height:0;display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr)}
.col{display:flex;flex-direction:column;min-height:0;border-right:1px solid var(--line)}
.col:last-child{border-right:0}
h2{flex:none;margin:0;padding:8px 22px;font-size:14px;font-weight:600;display:flex;
align-items:baseline;flex-wrap:wrap;gap:2px 8px;background:var(--bg);
border-bottom:1px solid var(--line)}
h2 small{color:var(--muted);font-weight:400;margin-left:auto}
h2 .name{min-width:0;overflow-wrap:anywhere}
.side{display:inline-block;min-width:20px;text-align:center;border-radius:4px;
background:var(--badge);color:#fff;font-size:11px;padding:1px 5px}
.text{flex:1;overflow:auto;padding:14px 30px 40vh;font-size:14.5px;line-height:1.6;
white-space:pre-wrap;overflow-wrap:anywhere}
.l{min-height:1.6em;position:relative}
.pn{position:absolute;inset-inline-start:-21px;top:.35em;width:18px;text-align:end;
font-size:9.5px;line-height:1;color:var(--muted);user-select:none;white-space:nowrap}
.pn::before{content:attr(data-p)}
.l.empty{color:var(--muted);font-style:italic}
.text a{color:inherit;text-decoration:none;border-radius:2px;
-webkit-box-decoration-break:clone;box-decoration-break:clone}
.k-shared{background:var(--shared)}
.k-quote{background:var(--quote);text-decoration:underline dotted var(--quote-b)!important;
text-underline-offset:3px}
.k-moved{background:var(--moved);box-shadow:inset 0 -2px var(--moved-b)}
.k-del{background:var(--del);box-shadow:inset 0 -2px var(--del-b)}
.k-ins{background:var(--ins);box-shadow:inset 0 -2px var(--ins-b)}
.k-rew{background:var(--rew)}
.k-rew.sub{background:var(--sub);box-shadow:inset 0 -2px var(--rew-b);font-weight:600}
.k-bp,.text .k-bp{background:var(--bp);color:var(--bp-fg);box-shadow:none;font-weight:400}
.sw.k-rew{background:linear-gradient(90deg,var(--rew) 50%,var(--sub) 50%)}
.pt{display:inline-block;margin:0 2px;vertical-align:.05em;font-size:10px;line-height:1;
font-weight:700;color:#fff;border-radius:3px;padding:1px 3px;white-space:nowrap}
.pt-del{background:var(--del-b)}.pt-del::before{content:"\\2212"}
.pt-ins{background:var(--ins-b)}.pt-ins::before{content:"+"}
.pt-sub{opacity:.75}
.pt-x{padding:0;margin:0}
.text a.hl,.text a.sel{box-shadow:0 0 0 2px var(--hl)}
.text a.hl{background-color:var(--hl-bg)}
.text a.hl.k-rew.sub{background-color:var(--sub-hl)}
.text a.hs{box-shadow:0 0 0 2px var(--rew-b)}
.text a.pt-del.hl,.text a.pt-del.sel{background:var(--del-b)}
.text a.pt-ins.hl,.text a.pt-ins.sel{background:var(--ins-b)}
.changes{margin-top:8px;font-size:12.5px}
.changes summary{cursor:pointer;color:var(--muted)}
.changes ol{margin:6px 0 0;padding:0 0 0 28px;max-height:28vh;overflow:auto}
.changes li{margin:1px 0}
.jump{display:flex;gap:8px;align-items:baseline;color:inherit;text-decoration:none;
padding:1px 4px;border-radius:3px}
.jump:hover,.jump.hl,.jump.sel{background:var(--hl-bg)}
.jump .sw{flex:none;width:10px;height:10px;align-self:center}
.jump .kind{flex:none;width:68px;font-weight:600}
.jump .where{flex:none;color:var(--muted);width:200px;overflow:hidden;text-overflow:ellipsis;
white-space:nowrap}
.jump .ex{flex:1;min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.flash{animation:flash 1.2s ease-out}
@keyframes flash{0%{background-color:var(--hl)}100%{}}
@media (max-width:800px){.row,.cols{grid-template-columns:minmax(0,1fr)}
body{height:auto;display:block}.text{overflow:visible;padding-bottom:20px}}
@media print{html,body{height:auto}body{display:block}
.text{overflow:visible;padding-bottom:0}.legend .hint{display:none}}
"""

_JS = """
(function(){
  "use strict";
  var hover = null, hoverSub = null, chosen = null, at = -1;
  var changes = document.querySelectorAll('#text-a [id^="a-d"], #text-a .k-moved[id^="a-s"]');
  function mark(key, attr, cls, on){
    if(!key) return;
    var nodes = document.querySelectorAll("[" + attr + "=\\"" + key + "\\"]");
    for(var i = 0; i < nodes.length; i++) nodes[i].classList.toggle(cls, on);
  }
  function choose(key){
    mark(chosen, "data-k", "sel", false); chosen = key; mark(key, "data-k", "sel", true);
  }
  function show(el, smooth){
    if(!el) return;
    if(!smooth){
      var box = el.closest(".text"), r = el.getBoundingClientRect();
      var c = box ? box.getBoundingClientRect() : {top: 0, bottom: window.innerHeight};
      if(r.top < c.top || r.bottom > c.bottom) el.scrollIntoView({block: "center"});
      return;
    }
    el.scrollIntoView({block: "center", behavior: "smooth"});
    el.classList.remove("flash"); void el.offsetWidth; el.classList.add("flash");
  }
  function showPair(key, smooth){
    choose(key);
    show(document.getElementById("a-" + key), smooth);
    show(document.getElementById("b-" + key), smooth);
  }
  document.addEventListener("mouseover", function(ev){
    var el = ev.target.closest ? ev.target.closest("[data-k]") : null;
    var key = el ? el.getAttribute("data-k") : null;
    var sub = el ? el.getAttribute("data-s") : null;
    if(key !== hover){
      mark(hover, "data-k", "hl", false); hover = key; mark(key, "data-k", "hl", true);
    }
    if(sub !== hoverSub){
      mark(hoverSub, "data-s", "hs", false); hoverSub = sub; mark(sub, "data-s", "hs", true);
    }
  });
  document.addEventListener("click", function(ev){
    var el = ev.target.closest ? ev.target.closest("a[data-k]") : null;
    if(!el) return;
    var sel = window.getSelection ? window.getSelection() : null;
    if(sel && !sel.isCollapsed) return;
    var target = document.getElementById(el.getAttribute("href").slice(1));
    if(!target) return;
    ev.preventDefault();
    if(el.classList.contains("jump")){ showPair(el.getAttribute("data-k"), true); return; }
    choose(el.getAttribute("data-k"));
    show(target, true);
  });
  document.addEventListener("keydown", function(ev){
    if(ev.ctrlKey || ev.metaKey || ev.altKey || !changes.length) return;
    var step = {n: 1, j: 1, p: -1, k: -1}[ev.key];
    if(ev.key === "Escape"){ choose(null); return; }
    if(!step) return;
    at = at < 0 ? (step > 0 ? 0 : changes.length - 1)
                : (at + step + changes.length) % changes.length;
    showPair(changes[at].getAttribute("data-k"), true);
  });
  // Opened at #a-s3 (say): select that pair and bring both sides into view, from the top.
  // (after the browser's own jump to the fragment, which runs once the page has loaded)
  window.addEventListener("load", function(){ setTimeout(function(){
    var start = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    if(!start || !start.hasAttribute("data-k")) return;
    var texts = document.querySelectorAll(".text");
    for(var i = 0; i < texts.length; i++) texts[i].scrollTop = 0;
    if(document.activeElement === start) start.blur();
    showPair(start.getAttribute("data-k"), false);
  }, 0); });
})();
"""
