"""A streaming index for a monitor that runs for months: a sliding time window.

>>> s = StreamingIndex(window_days=3)                       # in memory
>>> s = StreamingIndex(window_days=3, redis_url="redis://127.0.0.1:6379/0", name="mon")
>>> expired = s.add("spa-1", text, published="2015-08-10T09:00:00+03:00", outlet="was")
>>> s.query(story)                                          # live documents only
>>> s.families()                                            # cheap: no comparison re-run

Every document needs a ``published`` date. The window is measured back from the
newest ``published`` seen so far: when a document arrives, every live document
published more than ``window_days`` before the newest is removed from the index
(:meth:`Index.remove`, so memory and Redis alike) and from the family links. A
document older than the window when it arrives is refused with
:class:`StaleDocumentError` (nothing is silently dropped); documents may arrive out of
order within the window.

Families are kept incrementally: each added document is queried against the live
index once (that is the only verification it ever gets) and its links (the same
test as :meth:`Index.families`: verdict not ``unrelated`` and at least
``family_threshold`` of one side shared, quotations left out) are stored as an
adjacency among live documents; expiry drops a document's links. :meth:`families`
then clusters those links with the index's own star clustering
(:func:`syndetect.index_families.cluster`), so it costs a pass over the live documents
and their links, never a comparison. State per live document is a few numbers and
its links, so memory follows the window, not the stream.

With ``link=False`` documents are not queried on arrival (a pure ingest loop) and
:meth:`families` puts every document in its own family.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from typing import Any

from .errors import (
    DuplicateDocumentError,
    InputError,
    MissingPublishedError,
    StaleDocumentError,
    UnknownDocumentError,
)
from .index import Family, Index, Match, utc_published
from .index_families import Link, cluster

__all__ = ["StreamingIndex"]


def _utc(value: Any, doc_id: str) -> datetime:
    if value is None:
        raise MissingPublishedError(
            f"document {doc_id!r} has no published date; a streaming index expires "
            "documents by it: pass published='2015-08-10T09:30:00+03:00' or a datetime")
    return utc_published(value, doc_id, MissingPublishedError)


class StreamingIndex:
    """An :class:`~syndetect.index.Index` that forgets documents older than a window.

    ``window_days``: how long a document stays live, measured back from the newest
    ``published`` seen. ``index``: an existing, empty :class:`Index` to wrap (in
    memory or Redis); otherwise one is made from ``index_options`` (any
    :class:`Index` keyword: ``redis_url``, ``name``, fingerprint and index
    options). ``link``: verify each new document against the live ones on arrival
    and keep family links (default true). ``resume``: carry on from the documents
    already in ``index`` (a monitor restarted on a Redis index): their dates are read
    from the stored ``published``, the expired ones removed, and the live ones
    re-linked (each queried once); without it a non-empty index is refused.
    ``max_ahead_days`` (default 365): a document published more than this many days
    after the present (the machine's clock, UTC) is refused with
    :class:`MissingPublishedError`: one mistyped year (2099) would otherwise move the
    window's end into the future, expire every live document and make every later
    one stale. A live monitor can set it to a day; ``None`` accepts any date
    (replaying a simulated future).
    """

    def __init__(self, window_days: float, *, index: Index | None = None, link: bool = True,
                 resume: bool = False, max_ahead_days: float | None = 365.0,
                 **index_options: Any) -> None:
        if (not isinstance(window_days, (int, float)) or isinstance(window_days, bool)
                or not window_days > 0 or window_days == float("inf")):
            raise InputError(f"window_days must be a positive number of days, got "
                             f"{window_days!r}; e.g. StreamingIndex(window_days=3)")
        if max_ahead_days is not None and (
                not isinstance(max_ahead_days, (int, float)) or isinstance(max_ahead_days, bool)
                or not max_ahead_days >= 0):
            raise InputError(f"max_ahead_days must be a number of days >= 0 or None, got "
                             f"{max_ahead_days!r}")
        self.max_ahead = None if max_ahead_days is None else timedelta(days=float(max_ahead_days))
        if index is not None and index_options:
            raise InputError("give index=Index(...) or Index options, not both")
        if index is not None and not isinstance(index, Index):
            raise InputError(f"index must be a syndetect.Index, not {type(index).__name__}")
        self.index = index if index is not None else Index(**index_options)
        if len(self.index) and not resume:
            raise InputError(
                "the index already holds documents; pass resume=True to carry on from them "
                "(a restarted monitor on a Redis index), or start from an empty index "
                "(index.clear() or a new name)")
        self.window = timedelta(days=float(window_days))
        self.link = bool(link)
        self._threshold = self.index.config.family_threshold
        self._heap: list[tuple[datetime, int, str]] = []
        self._seq = 0
        self._num: dict[str, int] = {}  # live id -> sequence number
        self._when: dict[str, datetime] = {}
        self._words: dict[str, int] = {}
        self._links: dict[str, dict[str, tuple[float, float]]] = {}
        self._newest: datetime | None = None
        self.expired_total = 0
        if len(self.index):
            self._resume()

    def _resume(self) -> None:
        """Take over the documents already in the index: their dates from the stored
        ``published``, expiry, then the links, each live document queried once."""
        stored = []
        for doc_id in self.index.ids():
            text, meta = self.index.get(doc_id)
            stored.append((_utc(meta.get("published"), doc_id), doc_id, text))
        stored.sort()
        for when, doc_id, _ in stored:
            self._num[doc_id] = self._seq
            self._seq += 1
            self._when[doc_id] = when
            self._words[doc_id] = 0
            self._links[doc_id] = {}
            heapq.heappush(self._heap, (when, self._num[doc_id], doc_id))
        self._newest = stored[-1][0]
        self._expire()
        if not self.link:
            return
        for _, doc_id, text in stored:
            if doc_id in self._num:
                self._link(doc_id, self.index.query(text, exclude=(doc_id,)))

    # -------------------------------------------------------------- #

    def __len__(self) -> int:
        return len(self._num)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._num

    def __repr__(self) -> str:
        return (f"<syndetect.StreamingIndex window={self.window.total_seconds() / 86400:g} "
                f"days live={len(self)} expired={self.expired_total}>")

    @property
    def newest(self) -> datetime | None:
        """The newest ``published`` seen (naive UTC), or None before the first add."""
        return self._newest

    @property
    def cutoff(self) -> datetime | None:
        """Documents published before this (naive UTC) are expired."""
        return None if self._newest is None else self._newest - self.window

    def ids(self) -> list[str]:
        """Live document ids, in arrival order."""
        return sorted(self._num, key=self._num.__getitem__)

    def links(self, doc_id: str) -> dict[str, float]:
        """Live documents linked to ``doc_id`` and the larger shared share of each link."""
        if doc_id not in self._num:
            raise UnknownDocumentError(f"document {doc_id!r} is not live in the stream")
        return {o: max(v) for o, v in sorted(self._links[doc_id].items())}

    # -------------------------------------------------------------- #

    def add(self, doc_id: str, text: str, *, published: Any = None,
            **metadata: Any) -> tuple[str, ...]:
        """Add a document and expire the ones the window has left behind.

        Returns the ids expired by this call. Raises
        :class:`MissingPublishedError` (no, bad or future ``published``),
        :class:`StaleDocumentError` (older than the window) and
        :class:`~syndetect.errors.DuplicateDocumentError` (id live already).
        """
        if not isinstance(doc_id, str) or not doc_id:
            raise InputError(f"a document id must be a non-empty string, got {doc_id!r}")
        when = _utc(published, doc_id)
        if self.max_ahead is not None:
            latest = datetime.now(timezone.utc).replace(tzinfo=None) + self.max_ahead
            if when > latest:
                raise MissingPublishedError(
                    f"document {doc_id!r} was published {when.isoformat()} UTC, in the "
                    f"future (after {latest.isoformat(timespec='seconds')}): check the date, "
                    "or pass StreamingIndex(max_ahead_days=None) to replay future dates")
        if doc_id in self._num:
            raise DuplicateDocumentError(
                f"document {doc_id!r} is already live in the stream; remove it first")
        cutoff = self.cutoff
        if cutoff is not None and when < cutoff:
            raise StaleDocumentError(
                f"document {doc_id!r} was published {when.isoformat()}, before the window "
                f"(from {cutoff.isoformat()} UTC); widen window_days or add documents in "
                "publication order")
        matches: list[Match] = []
        if self.link and len(self._num):
            matches = self.index.query(text)
        self.index.add(doc_id, text, published=published, **metadata)
        self._num[doc_id] = self._seq
        self._seq += 1
        self._when[doc_id] = when
        heapq.heappush(self._heap, (when, self._num[doc_id], doc_id))
        self._links[doc_id] = {}
        self._words[doc_id] = 0
        self._link(doc_id, matches)
        if self._newest is None or when > self._newest:
            self._newest = when
        return self._expire()

    def _link(self, doc_id: str, matches: list[Match]) -> None:
        for m in matches:
            self._words[doc_id] = m.comparison.words_a
            if m.doc_id not in self._num or m.doc_id == doc_id:
                continue
            if max(m.evidence_query, m.evidence_doc) >= self._threshold:
                # (share of the new doc found in the old, share of the old in the new)
                self._links[doc_id][m.doc_id] = (m.coverage_query, m.coverage_doc)
                self._links[m.doc_id][doc_id] = (m.coverage_doc, m.coverage_query)

    def add_many(self, items: Iterable[Any]) -> tuple[str, ...]:
        """Add ``(id, text, metadata)`` tuples or dicts with ``id``, ``text`` and
        ``published``, in order; return every id expired meanwhile."""
        out: list[str] = []
        for pos, item in enumerate(items):
            if isinstance(item, dict):
                meta = {k: v for k, v in item.items() if k not in ("id", "text")}
                if "id" not in item or "text" not in item:
                    raise InputError(f"item {pos}: give dicts with 'id', 'text' and 'published'")
                out.extend(self.add(item["id"], item["text"], **meta))
            elif isinstance(item, tuple) and len(item) == 3 and isinstance(item[2], dict):
                out.extend(self.add(item[0], item[1], **item[2]))
            else:
                raise InputError(f"item {pos} of add_many: give (id, text, metadata) tuples "
                                 "or dicts with 'id', 'text' and 'published'")
        return tuple(out)

    def _expire(self) -> tuple[str, ...]:
        cutoff = self.cutoff
        gone: list[str] = []
        while self._heap and cutoff is not None and self._heap[0][0] < cutoff:
            _, num, doc_id = heapq.heappop(self._heap)
            if self._num.get(doc_id) != num:
                continue  # removed by hand meanwhile
            self._drop(doc_id)
            gone.append(doc_id)
        self.expired_total += len(gone)
        return tuple(gone)

    def _drop(self, doc_id: str) -> None:
        self.index.remove(doc_id)
        del self._num[doc_id]
        del self._when[doc_id]
        del self._words[doc_id]
        for other in self._links.pop(doc_id):
            self._links[other].pop(doc_id, None)

    def remove(self, doc_id: str) -> None:
        """Remove a live document now (its heap entry is skipped when it comes due)."""
        if doc_id not in self._num:
            raise UnknownDocumentError(f"document {doc_id!r} is not live in the stream")
        self._drop(doc_id)

    # -------------------------------------------------------------- #

    def query(self, text: str, **options: Any) -> list[Match]:
        """:meth:`Index.query` over the live documents."""
        return self.index.query(text, **options)

    def families(self) -> list[Family]:
        """Story families among the live documents, largest first.

        Every live document is in exactly one family; computed from the links kept
        since each document arrived (no comparison is re-run).
        """
        ids = self.ids()
        num = {d: i for i, d in enumerate(ids)}
        links = [Link(num[a], num[b], in_b=v[0], in_a=v[1])
                 for a in ids for b, v in self._links[a].items() if num[a] < num[b]]
        # v = (share of a found in b, share of b found in a)
        groups = cluster(list(range(len(ids))), links,
                         published={num[d]: self._when[d] for d in ids},
                         words={num[d]: self._words[d] for d in ids},
                         ids={num[d]: d for d in ids})
        fams = [Family(ids[orig], tuple(ids[m] for m in members)) for orig, members in groups]
        fams.sort(key=lambda f: (-len(f), f.original))
        return fams

    def close(self) -> None:
        self.index.close()

    def __enter__(self) -> StreamingIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
