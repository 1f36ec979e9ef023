"""Story families: candidate pairs from a self-join of the LSH table, then clustering.

Candidate pairs: every stored band key shared by units of two different documents
(keys shared by more than ``max_bucket`` units are stock text and skipped). For each
pair the words of the units that collided are summed on both sides; pairs where
neither side reaches ``min_estimate`` of its words are dropped before verification.

Clustering (:func:`cluster`) is deliberately not plain connected components: a
roundup that quotes two unrelated wires would chain them into one family. Documents
are visited in "likely original" order and each
document not yet placed founds a family and takes every unplaced document linked to
*it* directly (star clustering). The result is deterministic, every document is in
exactly one family, and every member is linked to the family's original.

"Likely original" order: earliest ``published`` first (documents without a date
after all dated ones); then the member sharing the most words with the documents
it is linked to (the hub the copies were cut from: a trimmed copy shares less than
the wire it was cut from); then the one whose text the linked documents contain
most (sum of the shares of its words found in each; a copy that added a local lead
is contained less than the wire); then the longer; then the id.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

__all__ = ["Link", "candidate_pairs", "cluster"]


@dataclass(frozen=True, slots=True)
class Link:
    """A verified link between documents ``a`` and ``b`` (document numbers).

    ``in_b`` is the share of a's words found in b, ``in_a`` the share of b's in a.
    """

    a: int
    b: int
    in_b: float
    in_a: float


def candidate_pairs(
    keys: np.ndarray, refs_doc: np.ndarray, refs_unit: np.ndarray, unit_words: np.ndarray,
    unit_base: np.ndarray, doc_words: np.ndarray, *, min_estimate: float, max_bucket: int,
) -> list[tuple[int, int]]:
    """Document pairs ``(a, b)``, ``a < b``, whose units collide in LSH enough to verify.

    ``keys``/``refs_doc``/``refs_unit``: one row per stored band entry. ``unit_words[
    unit_base[d] + u]`` is the word count of unit ``u`` of document ``d``;
    ``doc_words[d]`` its total.
    """
    if keys.size == 0:
        return []
    order = np.argsort(keys, kind="stable")
    k = keys[order]
    d = refs_doc[order]
    u = refs_unit[order]
    new = np.ones(k.size, dtype=bool)
    new[1:] = k[1:] != k[:-1]
    group = np.cumsum(new) - 1
    size = np.bincount(group)
    keep = (size[group] >= 2) & (size[group] <= max_bucket)
    d, u, group = d[keep], u[keep], group[keep]
    if d.size == 0:
        return []
    pa: list[np.ndarray] = []
    pb: list[np.ndarray] = []
    ua: list[np.ndarray] = []
    ub: list[np.ndarray] = []
    step = 1
    while step < d.size:
        same = group[step:] == group[:-step]
        if not same.any():
            break
        i = np.flatnonzero(same)
        j = i + step
        diff = d[i] != d[j]
        i, j = i[diff], j[diff]
        swap = d[i] > d[j]
        pa.append(np.where(swap, d[j], d[i]))
        pb.append(np.where(swap, d[i], d[j]))
        ua.append(np.where(swap, u[j], u[i]))
        ub.append(np.where(swap, u[i], u[j]))
        step += 1
    if not pa:
        return []
    a, b = np.concatenate(pa), np.concatenate(pb)
    xa, xb = np.concatenate(ua), np.concatenate(ub)
    n_docs = int(doc_words.size)
    pair = a * n_docs + b
    shared_a = _distinct_unit_words(pair, unit_base[a] + xa, unit_words)
    shared_b = _distinct_unit_words(pair, unit_base[b] + xb, unit_words)
    pairs = np.union1d(shared_a[0], shared_b[0])
    sa = np.zeros(pairs.size)
    sb = np.zeros(pairs.size)
    sa[np.searchsorted(pairs, shared_a[0])] = shared_a[1]
    sb[np.searchsorted(pairs, shared_b[0])] = shared_b[1]
    da, db = pairs // n_docs, pairs % n_docs
    est = np.maximum(sa / np.maximum(doc_words[da], 1), sb / np.maximum(doc_words[db], 1))
    ok = est >= min_estimate
    return list(zip(da[ok].tolist(), db[ok].tolist()))


def _distinct_unit_words(pair: np.ndarray, unit: np.ndarray,
                         unit_words: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per pair id: the summed words of its distinct units."""
    both = np.unique(np.stack((pair, unit), axis=1), axis=0)
    pairs, start = np.unique(both[:, 0], return_index=True)
    sums = np.add.reduceat(unit_words[both[:, 1]], start) if both.size else np.zeros(0)
    return pairs, sums


def cluster(
    docs: Sequence[int], links: Iterable[Link], *, published: dict[int, datetime | None],
    words: dict[int, int], ids: dict[int, str],
) -> list[tuple[int, list[int]]]:
    """Star clustering of ``docs`` over ``links``: ``[(original, members), ...]``.

    Members are listed original first, then in the same likely-original order.
    """
    nbrs: dict[int, set[int]] = {d: set() for d in docs}
    contained: dict[int, float] = {d: 0.0 for d in docs}
    shared: dict[int, float] = {d: 0.0 for d in docs}
    for ln in links:
        nbrs[ln.a].add(ln.b)
        nbrs[ln.b].add(ln.a)
        contained[ln.a] += ln.in_b
        contained[ln.b] += ln.in_a
        shared[ln.a] += ln.in_b * words.get(ln.a, 0)
        shared[ln.b] += ln.in_a * words.get(ln.b, 0)

    def rank(d: int) -> tuple[bool, datetime, float, float, int, str]:
        p = published.get(d)
        return (p is None, p or datetime.min, -round(shared[d], 6), -round(contained[d], 6),
                -words.get(d, 0), ids[d])

    order = sorted(docs, key=rank)
    pos = {d: i for i, d in enumerate(order)}
    placed: set[int] = set()
    out: list[tuple[int, list[int]]] = []
    for d in order:
        if d in placed:
            continue
        members = [d] + sorted((n for n in nbrs[d] if n not in placed), key=pos.__getitem__)
        placed.update(members)
        out.append((d, members))
    return out
