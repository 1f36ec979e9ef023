"""Story versions: which take of a wire story a republication was cut from.

Wires send one story several times: a first take, an update with a new lead, a
write-through, a correction. Versions share most of their text, so the plain
coverage of a copy by each version hardly separates them. What separates them is
the text a version does *not* share with the others: a new lead, a changed toll,
a corrected name. :func:`closest_version` looks at exactly that.

>>> m = closest_version(copy, {"take-1": v1, "update": v2, "write-through": v3})
>>> m.version_id, m.score, m.margin
('update', 0.92, 0.61)
>>> m.evidence[0].text              # a passage the copy shares only with "update"

Method (all on normalised word keys of :func:`~syndetect.text.analyse`, page
clutter left out): cut every text into word ``ngram``-grams. A gram of the copy that
some versions contain and others do not is *informative*; a version's score is the
share of the copy's informative grams it contains. Grams every version contains
(the bulk of the story) say nothing about which version was used and are ignored.
Ties (a copy that kept nothing informative, or a version that is a strict superset
of another) go to the version with fewer informative grams the copy lacks (the
smaller extension), then to the higher plain coverage, then to the version given
first. Each version is also compared with the copy by :func:`~syndetect.compare`
for its verdict and coverage.

:func:`group_versions` recognises that several wire items are versions of one story:
same outlet (the ``outlet`` metadata, then ``source``), published within
``max_hours`` of each other, and verified to share at least ``threshold`` of the
shorter one (quotations left out); groups are connected components of such links.
:func:`match_versions` then matches every republication an index holds of such a
group to its version.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from .compare import CompareOptions, compare_analysed
from .errors import InputError
from .index import published_or_none
from .text import AnalysedText, analyse

if TYPE_CHECKING:
    from .index import Index

__all__ = ["DistinctPassage", "VersionGroup", "VersionMatch", "closest_version",
           "group_versions", "match_versions"]


@dataclass(frozen=True, slots=True)
class DistinctPassage:
    """A stretch of the copy, ``copy[start:end]``, found in ``version_id`` and not in
    every other version: evidence that the copy was cut from that version."""

    version_id: str
    start: int
    end: int
    words: int
    text: str


@dataclass(frozen=True)
class VersionMatch:
    """The version a copy was most likely taken from.

    ``version_id``: the best version, or ``None`` when the copy shares no passage with
    any of them (``related`` is then false). ``score``: share of the copy's
    informative grams (found in some versions, not all) the best version holds, 0..1
    (1.0 when no gram is informative: the versions cannot be told apart).
    ``margin``: ``score`` minus the runner-up's. ``scores``: every version's score,
    in the order given. ``coverage``: every version's plain coverage of the copy
    (``compare(version, copy).coverage_b``). ``evidence``: passages of the copy that
    the best version holds and the runner-up does not (on a tie: that the best holds
    and not every version does), longest first.
    ``missing``: passages of the copy the runner-up holds and the best does not.
    ``informative``: how many of the copy's grams were informative.
    """

    version_id: str | None
    score: float
    margin: float
    related: bool
    scores: Mapping[str, float] = field(repr=False)
    coverage: Mapping[str, float] = field(repr=False)
    verdicts: Mapping[str, str] = field(repr=False)
    evidence: tuple[DistinctPassage, ...] = field(repr=False)
    missing: tuple[DistinctPassage, ...] = field(repr=False)
    informative: int = 0
    runner_up: str | None = None

    def explain(self) -> str:
        """One line for a person: which version, by how much, on what evidence."""
        if self.version_id is None:
            return "shares no passage with any version"
        if self.informative == 0:
            return (f"closest to {self.version_id!r} by coverage only: the copy keeps "
                    "nothing that tells the versions apart")
        quoted = ", ".join(f"'{_short(p.text)}'" for p in self.evidence[:2])
        if self.runner_up is not None and self.margin == 0:
            line = (f"closest to {self.version_id!r} by the tie-break: same score "
                    f"({self.score:.2f}) as {self.runner_up!r}")
            return line + (f"; shares {quoted} with both" if quoted else "")
        line = (f"closest to {self.version_id!r} (score {self.score:.2f}, margin "
                f"{self.margin:.2f} over {self.runner_up!r})")
        if quoted:
            other = f" and not with {self.runner_up!r}" if self.runner_up else ""
            line += f": shares {quoted} with it{other}"
        return line

    def to_dict(self) -> dict[str, Any]:
        def passages(ps: tuple[DistinctPassage, ...]) -> list[dict[str, Any]]:
            return [{"version_id": p.version_id, "start": p.start, "end": p.end,
                     "words": p.words, "text": p.text} for p in ps]

        return {
            "version_id": self.version_id, "score": round(self.score, 6),
            "margin": round(self.margin, 6), "related": self.related,
            "runner_up": self.runner_up, "informative": self.informative,
            "scores": {k: round(v, 6) for k, v in self.scores.items()},
            "coverage": {k: round(v, 6) for k, v in self.coverage.items()},
            "verdicts": dict(self.verdicts),
            "evidence": passages(self.evidence), "missing": passages(self.missing),
            "explanation": self.explain(),
        }


def compare_options_from(options: Mapping[str, Any]) -> CompareOptions:
    """:class:`~syndetect.compare.CompareOptions` from keyword options, naming the valid
    ones when a name is unknown."""
    known = CompareOptions.__dataclass_fields__
    unknown = sorted(set(options) - set(known))
    if unknown:
        raise InputError(f"unknown option(s) {', '.join(unknown)}; compare accepts "
                         f"{', '.join(sorted(known))}")
    return CompareOptions(**options)


def _short(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _versions(versions: Mapping[str, str] | Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    items = list(versions.items()) if isinstance(versions, Mapping) else list(versions)
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for pos, item in enumerate(items):
        if not (isinstance(item, tuple) and len(item) == 2):
            raise InputError(
                f"version {pos} is a {type(item).__name__}; give a dict id -> text or "
                "(id, text) pairs")
        vid, text = item
        if not isinstance(vid, str) or not vid:
            raise InputError(f"a version id must be a non-empty string, got {vid!r}")
        if vid in seen:
            raise InputError(f"version id {vid!r} appears twice; ids must be unique")
        if not isinstance(text, str):
            raise InputError(f"version {vid!r} must be a str, not {type(text).__name__}")
        seen.add(vid)
        out.append((vid, text))
    if not out:
        raise InputError("closest_version needs at least one version")
    return out


def _grams(x: AnalysedText, n: int) -> list[tuple[str, ...] | None]:
    """Content-token n-grams, one per content position (``None`` where the gram would
    cross a paragraph break or run past the end: a cut paragraph must not create
    grams that happen to join two kept ones)."""
    keys = [x.keys[i] for i in x.content]
    par = [x.paragraph[i] for i in x.content]
    out: list[tuple[str, ...] | None] = []
    for i in range(len(keys)):
        j = i + n
        if j <= len(keys) and par[i] == par[j - 1]:
            out.append(tuple(keys[i:j]))
        elif i == 0 or par[i] != par[i - 1]:
            # a paragraph shorter than n words: one gram for all of it
            end = i
            while end < len(keys) and par[end] == par[i]:
                end += 1
            out.append(tuple(keys[i:end]) if end - i < n else None)
        else:
            out.append(None)
    return out


def _runs(x: AnalysedText, hits: list[bool], n: int, vid: str) -> list[DistinctPassage]:
    """Maximal stretches of the copy covered by the grams flagged in ``hits``."""
    covered = [False] * len(x.content)
    for i, h in enumerate(hits):
        if h:
            for j in range(i, min(i + n, len(covered))):
                covered[j] = True
    out: list[DistinctPassage] = []
    i = 0
    while i < len(covered):
        if not covered[i]:
            i += 1
            continue
        j = i
        while j < len(covered) and covered[j]:
            j += 1
        s = x.show_starts[x.content[i]]
        e = x.show_ends[x.content[j - 1]]
        out.append(DistinctPassage(vid, s, e, j - i, x.text[s:e]))
        i = j
    out.sort(key=lambda p: (-p.words, p.start))
    return out


def closest_version(copy: str, versions: Mapping[str, str] | Iterable[tuple[str, str]], *,
                    ngram: int = 3, **compare_options: Any) -> VersionMatch:
    """The version of a wire story ``copy`` was most likely taken from.

    ``versions``: a dict ``id -> text`` or ``(id, text)`` pairs, in the order the wire
    sent them (the order breaks exact ties). ``ngram``: words per gram (3 by
    default; 2 reacts to a single changed number with fewer grams of context).
    ``compare_options``: options of :func:`~syndetect.compare` (``min_passage``…).

    Raises :class:`~syndetect.errors.InputError` for no versions, duplicate ids or
    non-text input.
    """
    if not isinstance(ngram, int) or isinstance(ngram, bool) or ngram < 1:
        raise InputError(f"ngram must be a positive integer, got {ngram!r}")
    opts = compare_options_from(compare_options)
    items = _versions(versions)
    xc = analyse(copy, max_chars=opts.max_chars, name="copy", boilerplate=opts.boilerplate)
    xs = {vid: analyse(t, max_chars=opts.max_chars, name=f"version {vid!r}",
                       boilerplate=opts.boilerplate) for vid, t in items}
    ids = [vid for vid, _ in items]
    comps = {vid: compare_analysed(xs[vid], xc, opts) for vid in ids}
    coverage = {vid: comps[vid].coverage_b for vid in ids}
    verdicts = {vid: comps[vid].verdict for vid in ids}
    related = any(v != "unrelated" for v in verdicts.values())

    gram_sets = {vid: {g for g in _grams(xs[vid], ngram) if g is not None} for vid in ids}
    union: set[tuple[str, ...]] = set().union(*gram_sets.values())
    common: set[tuple[str, ...]] = set.intersection(*gram_sets.values())
    copy_grams = _grams(xc, ngram)
    informative = [g is not None and g in union and g not in common for g in copy_grams]
    n_inf = len(set(g for g, f in zip(copy_grams, informative) if f))
    copy_set = {g for g in copy_grams if g is not None}
    scores: dict[str, float] = {}
    unused: dict[str, int] = {}
    for vid in ids:
        have = {g for g, f in zip(copy_grams, informative) if f and g in gram_sets[vid]}
        scores[vid] = len(have) / n_inf if n_inf else 1.0
        unused[vid] = sum(1 for g in gram_sets[vid] - common if g not in copy_set)
    pos = {vid: i for i, vid in enumerate(ids)}
    ranked = sorted(ids, key=lambda v: (-round(scores[v], 9), unused[v],
                                        -round(coverage[v], 9), pos[v]))
    if not related:
        return VersionMatch(None, 0.0, 0.0, False, scores, coverage, verdicts, (), (),
                            n_inf, None)
    best = ranked[0]
    second = ranked[1] if len(ranked) > 1 else None
    margin = scores[best] - scores[second] if second is not None else scores[best]
    evidence: list[DistinctPassage] = []
    missing: list[DistinctPassage] = []
    if n_inf:
        # against the runner-up when they differ; otherwise what sets both apart
        # from the rest
        apart = second is not None and margin > 0
        evidence = _runs(xc, [f and g in gram_sets[best] and not (
            apart and second is not None and g in gram_sets[second])
            for g, f in zip(copy_grams, informative)], ngram, best)
        if second is not None:
            missing = _runs(xc, [f and g in gram_sets[second] and g not in gram_sets[best]
                                 for g, f in zip(copy_grams, informative)], ngram, second)
    return VersionMatch(best, scores[best], margin, True, scores, coverage, verdicts,
                        tuple(evidence), tuple(missing), n_inf, second)


# --------------------------------------------------------------------------- #
# Grouping wire items into versions of one story
# --------------------------------------------------------------------------- #


@dataclass(frozen=True)
class VersionGroup:
    """Wire items that are versions of one story, earliest first (``versions[0]`` is
    the first take). Iterate it for the ids."""

    outlet: str | None
    versions: tuple[str, ...]

    def __iter__(self) -> Iterator[str]:
        return iter(self.versions)

    def __len__(self) -> int:
        return len(self.versions)

    def to_dict(self) -> dict[str, Any]:
        return {"outlet": self.outlet, "versions": list(self.versions)}


def _when(meta: Mapping[str, Any]) -> datetime | None:
    return published_or_none(meta)


def _outlet(meta: Mapping[str, Any]) -> str | None:
    for key in ("outlet", "source", "agency"):
        v = meta.get(key)
        if isinstance(v, str) and v:
            return v
    return None


def group_versions(docs: Index | Mapping[str, tuple[str, Mapping[str, Any]]], *,
                   outlets: Iterable[str] | None = None, max_hours: float = 48.0,
                   threshold: float = 0.5, **index_options: Any) -> list[VersionGroup]:
    """Group wire items that are versions of one story.

    ``docs``: an :class:`~syndetect.index.Index`, or a dict ``id -> (text, metadata)``
    (indexed in memory for the search, with ``index_options``). Two items are versions
    of one story when they have the same outlet (metadata ``outlet``, else
    ``source``), both are dated (``published``) within ``max_hours`` of each other,
    and one shares at least ``threshold`` of its words (quotations left out) with
    the other. ``outlets``: only items of these outlets (say ``{"AFP", "was"}``); by
    default every outlet. Groups are connected components, earliest item first;
    items with no other version, no outlet or no ``published`` are left out.
    Deterministic: groups sorted by their first item's date, then id.
    """
    from .index import Index

    if not isinstance(max_hours, (int, float)) or max_hours < 0:
        raise InputError(f"max_hours must be a non-negative number, got {max_hours!r}")
    if not isinstance(threshold, (int, float)) or not 0.0 <= threshold <= 1.0:
        raise InputError(f"threshold must be a number from 0 to 1, got {threshold!r}")
    if isinstance(outlets, (str, bytes)):
        raise InputError(f"outlets takes a collection of outlet names, not one string (it "
                         f"would be read as its letters); pass outlets=[{outlets!r}]")
    wanted = set(outlets) if outlets is not None else None
    if isinstance(docs, Index):
        if index_options:
            raise InputError("index_options are for a dict of documents; the Index given "
                             "already has its options")
        idx = docs
        items = {i: idx.get(i) for i in idx.ids()}
    elif isinstance(docs, Mapping):
        items = {}
        for k, v in docs.items():
            if not (isinstance(v, tuple) and len(v) == 2 and isinstance(v[1], Mapping)):
                raise InputError(f"document {k!r} must be a (text, metadata) pair")
            items[k] = (v[0], dict(v[1]))
        idx = Index(**index_options)
        idx.add_many((k, t, m) for k, (t, m) in items.items()
                     if wanted is None or _outlet(m) in wanted)
    else:
        raise InputError("group_versions needs an Index or a dict id -> (text, metadata), "
                         f"not {type(docs).__name__}")
    eligible = {k for k, (_, m) in items.items() if _outlet(m) is not None
                and _when(m) is not None and (wanted is None or _outlet(m) in wanted)}
    parent = {k: k for k in eligible}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    limit = max_hours * 3600.0
    for k in sorted(eligible):
        text, meta = items[k]
        t0 = _when(meta)
        assert t0 is not None
        for m in idx.query(text, exclude=(k,)):
            if m.doc_id not in eligible or _outlet(items[m.doc_id][1]) != _outlet(meta):
                continue
            t1 = _when(items[m.doc_id][1])
            assert t1 is not None
            if abs((t1 - t0).total_seconds()) > limit:
                continue
            if max(m.evidence_query, m.evidence_doc) >= threshold:
                ra, rb = find(k), find(m.doc_id)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for k in eligible:
        groups.setdefault(find(k), []).append(k)

    def key(k: str) -> tuple[datetime, str]:
        t = _when(items[k][1])
        assert t is not None
        return (t, k)

    out = [VersionGroup(_outlet(items[g[0]][1]), tuple(sorted(g, key=key)))
           for g in groups.values() if len(g) > 1]
    out.sort(key=lambda g: key(g.versions[0]))
    return out


def match_versions(index: Index, group: VersionGroup | Iterable[str], *,
                   ngram: int = 3) -> dict[str, VersionMatch]:
    """Every republication of a story in ``index``, matched to the version it was taken
    from: ``{copy_id: VersionMatch}``.

    ``group``: the ids of the story's versions stored in ``index`` (a
    :class:`VersionGroup` from :func:`group_versions`, or any iterable of ids, first
    take first). Copies are the documents :meth:`Index.query` finds for any version
    (verdict other than ``"unrelated"``), the versions themselves left out; each is
    then given to :func:`closest_version` with the index's comparison options.
    """
    ids = list(group)
    if not ids:
        raise InputError("match_versions needs at least one version id")
    texts = {v: index.get(v)[0] for v in ids}
    copies: set[str] = set()
    for v in ids:
        copies.update(m.doc_id for m in index.query(texts[v], exclude=ids))
    opts = {f: getattr(index.config.compare, f) for f in
            index.config.compare.__dataclass_fields__}
    return {c: closest_version(index.get(c)[0], texts, ngram=ngram, **opts)
            for c in sorted(copies)}
