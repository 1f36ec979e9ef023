"""The terminal report of a :class:`~syndetect.report.Comparison`.

:func:`terminal` turns a comparison into a report a person reads top to bottom: the
verdict and what it means, coverage both ways, word counts, how many spans of each
kind, then every divergence in reading order with the text on each side. With
``color=True`` kinds are coloured (red deleted, green inserted, yellow rewritten,
magenta moved, cyan shared quotations, dim page clutter); with ``color=False`` the
output holds no escape code at all, whatever the input texts contain.

:func:`use_color` decides whether a stream should get colour (a TTY, ``NO_COLOR``
unset or empty, ``TERM`` not ``dumb``).
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import IO, Any

from .report import Comparison, Divergence, SharedSpan, Substitution
from .text import Boilerplate, Paragraph

__all__ = ["VERDICT_EXPLANATIONS", "explain_verdict", "terminal", "use_color"]

#: One plain-English sentence per verdict; ``{a}`` and ``{b}`` are the two names.
VERDICT_EXPLANATIONS = {
    "verbatim": "{b} carries {a}'s story essentially unchanged "
    "(page clutter, credits and whitespace aside).",
    "light_edit": "{b} is {a}'s story with small cuts, additions or rewordings.",
    "heavy_edit": "{b} is still mostly {a}'s story, but with large cuts, rewrites "
    "or additions.",
    "partial": "a few passages of one text sit inside another text that is mostly "
    "something else.",
    "unrelated": "nothing shared beyond quotations, page clutter and stock phrases.",
}

# Styles: names used inside this module, mapped to SGR parameters.
_SGR = {
    "deleted": "31",
    "inserted": "32",
    "rewritten": "33",
    "moved": "35",
    "quotation": "36",
    "boilerplate": "2",
    "sub_a": "1;31",
    "sub_b": "1;32",
    "head": "1",
    "dim": "2",
    "label": "1",
}

_Run = tuple[str, str]  # (text, style); style "" is unstyled
_Chars = list[tuple[str, str]]

_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_MAX_LINES = 4  # wrapped lines shown per side of a divergence before truncating


def use_color(stream: IO[Any] | Any) -> bool:
    """True when ``stream`` should receive ANSI colour.

    Only for a TTY, only when the ``NO_COLOR`` environment variable is unset or empty
    (https://no-color.org) and ``TERM`` is not ``dumb``. A stream without ``isatty``
    or a closed one gets no colour.
    """
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    if isatty is None:
        return False
    try:
        return bool(isatty())
    except (ValueError, OSError):
        return False


def explain_verdict(verdict: str, *, name_a: str = "a", name_b: str = "b") -> str:
    """The one-line plain-English meaning of ``verdict``, naming the two texts."""
    template = VERDICT_EXPLANATIONS.get(verdict)
    if template is None:
        return f"unknown verdict {verdict!r}."
    return template.format(a=name_a, b=name_b)


def terminal(
    c: Comparison,
    *,
    color: bool,
    width: int = 100,
    name_a: str = "a",
    name_b: str = "b",
) -> str:
    """A readable terminal report of ``c``, ending with a newline.

    ``width`` is the widest line in columns (wide CJK characters count two; at
    least 40 is used). ``name_a`` and ``name_b`` name the two texts (file names,
    say). With ``color=False`` the result holds no escape code at all: control
    characters in the texts are shown as visible symbols in both modes.
    """
    width = max(40, int(width))
    name_a = _one_line(name_a) or "a"
    name_b = _one_line(name_b) or "b"
    out = _Out(color)

    # Summary.
    _heading(out, "syndetect compare", f"{name_a} → {name_b}", width, note_style="")
    out.line([])
    pad = " " * 10
    out.line([("Verdict".ljust(10), "label"), (c.verdict.replace("_", " ").upper(), "verdict")])
    explanation = explain_verdict(c.verdict, name_a=name_a, name_b=name_b)
    _block(out, pad, pad, [(explanation, "")], width, "")
    _block(out, "Coverage".ljust(10), pad,
           [(f"{_pct(c.coverage_a)} of {name_a} reused in {name_b}", "")], width, "label")
    _block(out, pad, pad, [(f"{_pct(c.coverage_b)} of {name_b} comes from {name_a}", "")],
           width, "")
    if _differs(c.evidence_a, c.coverage_a) or _differs(c.evidence_b, c.coverage_b):
        _block(out, pad, pad, [(f"{_pct(c.evidence_a)} / {_pct(c.evidence_b)} with quoted "
                                "text left out (what the verdict weighs)", "dim")], width, "")
    _block(out, "Words".ljust(10), pad,
           [(f"{name_a} {c.words_a:,} · {name_b} {c.words_b:,} · shared "
             f"{c.shared_words:,} (page clutter not counted)", "")], width, "label")
    counts = c.counts()
    spans: list[_Run] = [
        (f"{counts['shared']} shared ({counts['quotations']} "
         f"quotation{_s(counts['quotations'])})", "")
    ]
    for kind in ("deleted", "inserted", "rewritten", "moved"):
        spans += [(" · ", ""), (f"{counts[kind]} {kind}", kind if counts[kind] else "")]
    _block(out, "Spans".ljust(10), pad, spans, width, "label")
    _block(out, pad, pad,
           [(f"{len(c.boilerplate_a)} page-clutter item{_s(len(c.boilerplate_a))} in "
             f"{name_a} · {len(c.boilerplate_b)} in {name_b}", "boilerplate")], width, "")
    status = c.credit_status
    credit_style = {"credits_wire": "", "credits_other": "rewritten",
                    "uncredited": "deleted"}[status.status]
    _block(out, "Credit".ljust(10), pad,
           [(status.status.replace("_", " "), credit_style), (f": {status.reason}", "")],
           width, "label")
    facts = [f for f in c.changed_facts if f.kind != "style"]
    styles = len(c.changed_facts) - len(facts)
    if facts or styles:
        kinds: dict[str, int] = {}
        for f in facts:
            kinds[f.kind] = kinds.get(f.kind, 0) + 1
        summary = " · ".join(f"{n} {k}" for k, n in kinds.items()) or "none"
        runs: list[_Run] = [(f"changed: {summary}", "rewritten" if facts else "")]
        if styles:
            runs.append((f" ({styles} style-only change{_s(styles)} not counted)", "dim"))
        _block(out, "Facts".ljust(10), pad, runs, width, "label")

    # Divergences, in the order of a (insertions where they would stand in a).
    divergences = sorted(c.divergences, key=_reading_key)
    out.line([])
    if divergences:
        _heading(out, f"Divergences ({len(divergences)})",
                 f"in reading order of {name_a}; ¶ numbers paragraphs from 1", width)
    elif c.shared:
        _heading(out, "No divergences", "the shared text reads the same on both sides", width)
    else:
        _heading(out, "No divergences", "and nothing shared", width)
    number_width = len(str(len(divergences)))
    for n, d in enumerate(divergences, 1):
        _divergence(out, c, d, n, number_width, width, name_a, name_b)

    # Changed facts: substance, not style.
    facts = [f for f in c.changed_facts if f.kind != "style"]
    if facts:
        out.line([])
        _heading(out, f"Changed facts ({len(facts)})",
                 "numbers, names, places and quotations altered in kept text", width)
        for f in facts:
            _block(out, f"  {f.kind:<10}", " " * 12,
                   [(_one_line(f.a_text) or "∅", "deleted"), (" → ", ""),
                    (_one_line(f.b_text) or "∅", "inserted")], width, "label")

    # Shared quotations: shared, but not evidence of copying.
    quotes = [s for s in c.shared if s.quotation]
    if quotes:
        out.line([])
        _heading(out, f"Shared quotations ({len(quotes)})",
                 "both quote the same words: not counted as copying", width)
        for s in quotes:
            _quotation(out, c, s, width, name_a, name_b)

    # Page clutter, briefly.
    if c.boilerplate_a or c.boilerplate_b:
        out.line([])
        _heading(out, "Page clutter", "kept out of coverage and verdict", width)
        for name, items, text in (
            (name_a, c.boilerplate_a, c.a),
            (name_b, c.boilerplate_b, c.b),
        ):
            if items:
                _clutter(out, name, items, text, width)
    return out.text()


# --------------------------------------------------------------------------- report parts


def _heading(out: _Out, title: str, note: str, width: int, *, note_style: str = "dim") -> None:
    _block(out, "", "", [(title.replace(" ", "\u00a0"), "head"), ("\u00a0 " + note, note_style)],
           width, "")


def _around(text: str, paragraphs: tuple[Paragraph, ...], index: int, offset: int) -> str:
    """Where the empty point ``offset`` of ``text`` stands, told by its paragraph
    ``index``: "before ¶n", "after ¶n" (only punctuation between it and the
    paragraph's edge) or "inside ¶n"."""
    if not paragraphs or not 0 <= index < len(paragraphs):
        return f"at ¶{index + 1}"
    par = paragraphs[index]
    if not any(map(str.isalnum, text[par.start:offset])):
        return f"before ¶{index + 1}"
    if not any(map(str.isalnum, text[offset:par.end])):
        return f"after ¶{index + 1}"
    return f"inside ¶{index + 1}"


def _divergence(
    out: _Out,
    c: Comparison,
    d: Divergence,
    n: int,
    number_width: int,
    width: int,
    name_a: str,
    name_b: str,
) -> None:
    indent = " " * (number_width + 4)
    pa, pb = d.a_paragraph + 1, d.b_paragraph + 1
    if d.kind == "deleted":
        where = (f"{name_a} ¶{pa}, cut from {name_b} "
                 f"({_around(c.b, c.paragraphs_b, d.b_paragraph, d.b_start)})")
        size = f"{d.words_a}\u00a0word{_s(d.words_a)}"
    elif d.kind == "inserted":
        where = (f"{name_b} ¶{pb}, added ("
                 f"{_around(c.a, c.paragraphs_a, d.a_paragraph, d.a_start)} of {name_a})")
        size = f"{d.words_b}\u00a0word{_s(d.words_b)}"
    elif d.kind == "moved":
        where = f"{name_a} ¶{pa} → {name_b} ¶{pb}"
        size = f"{d.words_a}\u00a0word{_s(d.words_a)}"
    else:
        where = f"{name_a} ¶{pa} → {name_b} ¶{pb}"
        size = f"{d.words_a}\u00a0→\u00a0{d.words_b}\u00a0words"
    _block(
        out,
        f" {n:>{number_width}}. ",
        " " * (number_width + 3 + 11),
        [(d.kind.ljust(9, "\u00a0"), d.kind), ("\u00a0 " + where, ""),
         (f" ({size})", "dim")],
        width,
        "dim",
    )
    boiler_a = _overlapping(c.boilerplate_a, d.a_start, d.a_end)
    boiler_b = _overlapping(c.boilerplate_b, d.b_start, d.b_end)
    tag_a, tag_b = _side_tags(name_a, name_b)
    inline = _inline_runs(c, d)
    if inline is not None:
        marker = {"deleted": "- ", "inserted": "+ "}.get(d.kind, "~ ")
        _block(out, indent + marker, indent + "  ", inline, width, d.kind)
        return
    if d.a_end > d.a_start:
        runs = _side_runs(c.a, d.a_start, d.a_end, d.kind, boiler_a,
                          [(s.a_start, s.a_end) for s in d.substitutions], "sub_a")
        _block(out, indent + tag_a, indent + " " * len(tag_a), runs, width, d.kind)
    if d.b_end > d.b_start and d.kind != "moved":
        runs = _side_runs(c.b, d.b_start, d.b_end, d.kind, boiler_b,
                          [(s.b_start, s.b_end) for s in d.substitutions], "sub_b")
        _block(out, indent + tag_b, indent + " " * len(tag_b), runs, width, d.kind)
    if d.kind == "rewritten" and d.substitutions and not _whole(d):
        runs = _substitution_runs(c, d)
        _block(out, indent + "changes: ", indent + "         ", runs, width, "")


def _quotation(
    out: _Out, c: Comparison, s: SharedSpan, width: int, name_a: str, name_b: str
) -> None:
    runs = _side_runs(c.a, s.a_start, s.a_end, "quotation", (), [], "")
    _block(
        out,
        "  “ ",
        "    ",
        [(f"{name_a} ¶{s.a_paragraph + 1} · {name_b} ¶{s.b_paragraph + 1}", ""),
         (f"\u00a0 ({s.words}\u00a0word{_s(s.words)})", "dim")],
        width,
        "quotation",
    )
    _block(out, "    ", "    ", runs, width, "quotation", max_lines=2)


def _clutter(
    out: _Out, name: str, items: Sequence[Boilerplate], text: str, width: int
) -> None:
    runs: list[_Run] = []
    for i, bp in enumerate(items):
        if i:
            runs.append((" · ", "dim"))
        piece = text[bp.start:bp.end]
        if len(piece) > 200:
            piece = piece[:200] + "…"
        runs.append((piece, "boilerplate"))
    prefix = f"  {name}: "
    _block(out, prefix, " " * len(prefix), runs, width, "boilerplate", max_lines=3)


def _side_tags(name_a: str, name_b: str) -> tuple[str, str]:
    """Prefixes of the two sides' lines, padded to the same width."""
    longest = max(len(name_a), len(name_b))
    if longest > 12:
        return "a: ", "b: "
    return f"{name_a:<{longest}}: ", f"{name_b:<{longest}}: "


def _reading_key(d: Divergence) -> tuple[int, int, int]:
    return (d.a_start, 1 if d.kind == "inserted" else 0, d.b_start)


def _overlapping(
    items: Iterable[Boilerplate], start: int, end: int
) -> list[tuple[int, int]]:
    return [(bp.start, bp.end) for bp in items if bp.start < end and bp.end > start]


_SHORT = 80  # characters: a divergence this short is shown on one line, in context
_CONTEXT = 36  # characters of surrounding text shown around a short divergence


def _whole(d: Divergence) -> bool:
    """True when a rewrite is one substitution covering both sides entirely."""
    return len(d.substitutions) == 1 and (
        d.substitutions[0].a_start <= d.a_start
        and d.substitutions[0].a_end >= d.a_end
        and d.substitutions[0].b_start <= d.b_start
        and d.substitutions[0].b_end >= d.b_end
    )


def _inline_runs(c: Comparison, d: Divergence) -> list[_Run] | None:
    """A short divergence as one line in its context, or None to show it side by side.

    A rewrite reads ``… context [old → new] more [old → new] context …`` (b's words
    between the substitutions), a deletion ``… context [- words] context …`` from a,
    an insertion ``… context [+ words] context …`` from b. Long ones and rewrites
    that are mostly substitution are shown side by side instead.
    """
    len_a, len_b = d.a_end - d.a_start, d.b_end - d.b_start
    if d.kind == "deleted" and len_a <= _SHORT:
        text, start, end, boiler = c.a, d.a_start, d.a_end, c.boilerplate_a
        body = [("[", "dim"), ("- ", "deleted"), *_styled_slice(
            c.a, d.a_start, d.a_end, "deleted", _overlapping(boiler, start, end)), ("]", "dim")]
    elif d.kind == "inserted" and len_b <= _SHORT:
        text, start, end, boiler = c.b, d.b_start, d.b_end, c.boilerplate_b
        body = [("[", "dim"), ("+ ", "inserted"), *_styled_slice(
            c.b, d.b_start, d.b_end, "inserted", _overlapping(boiler, start, end)), ("]", "dim")]
    elif d.kind == "rewritten" and d.substitutions and (
        (len_a <= _SHORT and len_b <= _SHORT) or _minor(d)
    ):
        text, start, end, boiler = c.b, d.b_start, d.b_end, c.boilerplate_b
        body = _rewrite_body(c, d, _overlapping(boiler, start, end))
    else:
        return None
    return [*_context(text, start, before=True), *body, *_context(text, end, before=False)]


def _minor(d: Divergence) -> bool:
    """True when substitutions are a minority of both sides of a rewrite."""
    changed_a = sum(s.a_end - s.a_start for s in d.substitutions)
    changed_b = sum(s.b_end - s.b_start for s in d.substitutions)
    return changed_a <= 0.6 * max(1, d.a_end - d.a_start) and changed_b <= 0.6 * max(
        1, d.b_end - d.b_start
    )


def _rewrite_body(
    c: Comparison, d: Divergence, boiler_b: list[tuple[int, int]]
) -> list[_Run]:
    """b's text of a rewrite with each substitution shown as ``[old → new]``."""
    if _whole(d):
        return _substitution(c, d.substitutions[0], bracket=True)
    runs: list[_Run] = []
    pos = d.b_start
    for s in sorted(d.substitutions, key=lambda s: (s.b_start, s.a_start)):
        if s.b_start > pos:
            runs.extend(_styled_slice(c.b, pos, s.b_start, "rewritten", boiler_b))
        runs.extend(_substitution(c, s, bracket=True))
        pos = max(pos, s.b_end)
    if d.b_end > pos:
        runs.extend(_styled_slice(c.b, pos, d.b_end, "rewritten", boiler_b))
    return runs


def _context(text: str, pos: int, *, before: bool) -> list[_Run]:
    """Up to :data:`_CONTEXT` characters of ``text`` before or after ``pos``, within
    its line, cut at a word boundary, dim."""
    if before:
        piece = text[max(0, pos - _CONTEXT):pos]
        cut = max(piece.rfind("\n"), piece.rfind("\r"))
        whole = cut >= 0 or pos - _CONTEXT <= 0
        if cut >= 0:
            piece = piece[cut + 1:]
        elif not whole:
            space = piece.find(" ")
            piece = piece[space + 1:] if 0 <= space < len(piece) // 2 else piece
        while _width(piece) > _CONTEXT:  # wide (CJK) characters count two columns
            piece, whole = piece[1:], False
        piece = piece.lstrip()
        if not piece:
            return []
        return [("" if whole else "…", "dim"), (piece, "dim")]
    piece = text[pos:pos + _CONTEXT]
    cut = min((i for i in (piece.find("\n"), piece.find("\r")) if i >= 0), default=-1)
    whole = cut >= 0 or pos + _CONTEXT >= len(text)
    if cut >= 0:
        piece = piece[:cut]
    elif not whole:
        space = piece.rfind(" ")
        piece = piece[:space] if space > len(piece) // 2 else piece
    while _width(piece) > _CONTEXT:
        piece, whole = piece[:-1], False
    piece = piece.rstrip()
    if not piece:
        return []
    return [(piece, "dim"), ("" if whole else "…", "dim")]


def _substitution_runs(c: Comparison, d: Divergence) -> list[_Run]:
    runs: list[_Run] = []
    for i, s in enumerate(d.substitutions):
        if i:
            runs.append(("; ", "dim"))
        runs.extend(_substitution(c, s, bracket=False))
    return runs


def _substitution(c: Comparison, s: Substitution, *, bracket: bool) -> list[_Run]:
    old = _collapse(c.a[s.a_start:s.a_end][:300])
    new = _collapse(c.b[s.b_start:s.b_end][:300])
    open_, close = ("[", "]") if bracket else ("", "")
    if old and new:
        body: list[_Run] = [(old, "sub_a"), ("\u00a0→ ", "dim"), (new, "sub_b")]
    elif old:
        body = [("- ", "sub_a"), (old, "sub_a")]
    else:
        body = [("+ ", "sub_b"), (new, "sub_b")]
    return [(open_, "dim"), *body, (close, "dim")]


def _side_runs(
    text: str,
    start: int,
    end: int,
    style: str,
    boiler: Sequence[tuple[int, int]],
    marks: Sequence[tuple[int, int]],
    mark_style: str,
) -> list[_Run]:
    """``text[start:end]`` as styled runs: clutter dim, marked (substituted) parts in
    ``mark_style``, the rest in ``style``. Very long stretches keep only their head
    and tail (the middle is cut again, visibly, when wrapped)."""
    limit = 4000
    if end - start > 2 * limit:
        head = _side_runs(text, start, start + limit, style, boiler, marks, mark_style)
        tail = _side_runs(text, end - limit, end, style, boiler, marks, mark_style)
        return [*head, (" ", ""), ("\x00cut", "cut"), (" ", ""), *tail]
    points = {start, end}
    for s, e in (*boiler, *marks):
        points.update(p for p in (s, e) if start < p < end)
    bounds = sorted(points)
    runs: list[_Run] = []
    for s, e in zip(bounds, bounds[1:], strict=False):
        if any(bs <= s and e <= be for bs, be in boiler):
            piece_style = "boilerplate"
        elif mark_style and any(ms <= s and e <= me for ms, me in marks):
            piece_style = mark_style
        else:
            piece_style = style
        runs.append((text[s:e], piece_style))
    return runs


def _styled_slice(
    text: str, start: int, end: int, style: str, boiler: Sequence[tuple[int, int]]
) -> list[_Run]:
    return _side_runs(text, start, end, style, boiler, (), "")


# --------------------------------------------------------------------------- text layout


def _block(
    out: _Out,
    first_prefix: str,
    prefix: str,
    runs: Sequence[_Run],
    width: int,
    prefix_style: str,
    *,
    max_lines: int = _MAX_LINES,
) -> None:
    """Write ``runs`` wrapped to ``width`` after a prefix, at most ``max_lines``
    lines: longer text keeps its head and tail around an ellipsis."""
    avail = max(20, width - _width(prefix))
    chars = _clean_chars(runs)
    chars = _truncate(chars, avail * max_lines - 2)
    lines = _wrap(chars, avail)
    for i, line in enumerate(lines or [[]]):
        lead = first_prefix if i == 0 else prefix
        out.line([(lead, prefix_style), *_group(line)])


def _clean_chars(runs: Sequence[_Run]) -> _Chars:
    """Runs to (char, style) pairs: whitespace collapsed to single spaces, ends
    stripped, control characters shown as visible symbols."""
    chars: _Chars = []
    pending_space = False
    for text, style in runs:
        if style == "cut":
            chars.append(("\x00", "cut"))
            pending_space = False
            continue
        for ch in text:
            if (ch.isspace() and ch != "\u00a0") or ch in _LINE_BREAKS:
                pending_space = True
                continue
            if pending_space and chars:
                chars.append((" ", "" if chars[-1][1] != style else style))
            pending_space = False
            shown = _visible(ch)
            if shown:
                chars.append((shown, style))
    return chars


def _visible(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # control pictures: ␛ for ESC, ␀ for NUL...
    if code == 0x7F:
        return "\u2421"
    if 0x80 <= code < 0xA0 or 0xD800 <= code < 0xE000:
        return "\ufffd"
    if ch in _BIDI_CONTROLS:
        return ""  # embeddings and overrides would reorder the report around them
    return ch


def _truncate(chars: _Chars, limit: int) -> _Chars:
    """Keep about two thirds of ``limit`` columns from the head and the rest from the
    tail, cut at spaces when one is near, joined by an ellipsis."""
    cut_inside = any(ch == "\x00" for ch, _ in chars)
    total = sum(_char_width(ch) for ch, _ in chars)
    if total <= limit and not cut_inside:
        return chars
    ellipsis: _Chars = [(" ", ""), ("…", "dim"), (" ", "")]
    head_w = max(1, (limit - 3) * 2 // 3)
    tail_w = max(1, limit - 3 - head_w)
    head = _take(chars, head_w)
    tail = _take(chars[::-1], tail_w)[::-1]
    head = [(ch, st) for ch, st in head if ch != "\x00"]
    tail = [(ch, st) for ch, st in tail if ch != "\x00"]
    while head and head[-1][0] == " ":
        head.pop()
    while tail and tail[0][0] == " ":
        tail.pop(0)
    return head + ellipsis + tail


def _take(chars: _Chars, limit: int) -> _Chars:
    """The longest prefix of ``chars`` within ``limit`` columns, shortened to end at a
    space when one lies within the last fifth (so words are not cut)."""
    used = 0
    n = 0
    for ch, _ in chars:
        if ch == "\x00":
            break
        w = _char_width(ch)
        if used + w > limit:
            break
        used += w
        n += 1
    if n < len(chars) and chars[n][0] not in (" ", "\x00"):
        for back in range(n - 1, max(0, n - max(3, limit // 5)) - 1, -1):
            if chars[back][0] == " ":
                n = back
                break
    return chars[:n]


def _wrap(chars: _Chars, width: int) -> list[_Chars]:
    """Greedy wrap at spaces; a word wider than the line (CJK runs) breaks anywhere."""
    lines: list[_Chars] = []
    words: list[_Chars] = []
    current: _Chars = []
    for item in chars:
        if item[0] == " ":
            if current:
                words.append(current)
                current = []
        else:
            current.append(item)
    if current:
        words.append(current)
    line: _Chars = []
    used = 0
    for word in words:
        w = sum(_char_width(ch) for ch, _ in word)
        gap = 1 if line else 0
        if used + gap + w <= width:
            if gap:
                line.append((" ", _join_style(line[-1][1], word[0][1])))
            line.extend(word)
            used += gap + w
            continue
        if w <= width:
            if line:
                lines.append(line)
            line, used = list(word), w
            continue
        # A word (or unspaced CJK run) wider than a line: fill and break anywhere.
        if line and used + gap < width:
            line.append((" ", ""))
            used += 1
        elif line:
            lines.append(line)
            line, used = [], 0
        for item in word:
            cw = _char_width(item[0])
            if used + cw > width:
                lines.append(line)
                line, used = [], 0
            line.append(item)
            used += cw
    if line:
        lines.append(line)
    return lines


def _join_style(left: str, right: str) -> str:
    return left if left == right else ""


def _group(line: _Chars) -> list[_Run]:
    runs: list[_Run] = []
    for ch, style in line:
        if runs and runs[-1][1] == style:
            runs[-1] = (runs[-1][0] + ch, style)
        else:
            runs.append((ch, style))
    return runs


@lru_cache(maxsize=8192)
def _char_width(ch: str) -> int:
    """Terminal columns of ``ch``: 0 for combining and format characters, 2 for wide
    (CJK) ones, else 1."""
    if " " <= ch < "\u00ad":
        return 1
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _width(s: str) -> int:
    return sum(_char_width(ch) for ch in s)


_SPACES = re.compile(r"\s+")


def _collapse(text: str) -> str:
    return "".join(_visible(ch) for ch in _SPACES.sub(" ", text).strip())


def _one_line(text: str) -> str:
    return _collapse(str(text))


def _pct(x: float) -> str:
    return f"{100.0 * x:.1f}%"


def _differs(x: float, y: float) -> bool:
    return abs(x - y) >= 0.0005


def _s(n: int) -> str:
    return "" if n == 1 else "s"


class _Out:
    """Collects lines of styled runs; styles become SGR codes only with colour."""

    def __init__(self, color: bool) -> None:
        self.color = color
        self.lines: list[str] = []

    def line(self, runs: Sequence[_Run]) -> None:
        parts: list[str] = []
        for text, style in runs:
            if not text:
                continue
            text = text.replace("\u00a0", " ")  # no-break spaces only steer wrapping
            code = self._code(style)
            if self.color and code:
                parts.append(f"\x1b[{code}m{text}\x1b[0m")
            else:
                parts.append(text)
        self.lines.append("".join(parts).rstrip(" "))

    @staticmethod
    def _code(style: str) -> str:
        if style == "verdict":
            return "1;7"  # reverse video: the verdict as a badge
        return _SGR.get(style, "")

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"
