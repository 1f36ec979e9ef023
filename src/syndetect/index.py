"""The corpus index: find republications of a story, and group a corpus into families.

>>> idx = Index()                                   # in memory
>>> idx.add("spa-1", wire_text, outlet="SPA", published="2015-08-10T09:00")
>>> idx.add_many(({"id": i, "text": t} for i, t in corpus))
>>> for m in idx.query(story):                      # best first
...     print(m.doc_id, m.verdict, m.coverage_query, m.coverage_doc)
>>> idx.families()                                  # every document in one family
>>> idx.save("news.sdx"); Index.load("news.sdx")
>>> Index(redis_url="redis://127.0.0.1:6379/0", name="afp-2026")  # shared

How a query works: the text is analysed and cut into paragraph units
(:mod:`syndetect.fingerprint`); each unit's LSH band keys are looked up; the hits are
aggregated per stored document (estimated shared words: the words of the distinct
query units that hit it, then the number of band collisions); every document that
collides in 4 or more bands, and the best others up to ``max_candidates``, are
verified with :func:`~syndetect.compare.compare_analysed`, the query as ``a`` (it
plays the wire:
"where was this story republished?") and the stored document as ``b``, so the
verdict reads as for ``compare(query, doc)``. Every document that shares more than
quotations, boilerplate and stock phrases (verdict other than ``"unrelated"``) is a
:class:`Match`, ranked by ``score``: the larger of the two *evidence* shares
(coverage with shared quotations left out), so a short wire inside a long roundup
ranks as high as a full copy.

Families: see :mod:`syndetect.index_families`. Two documents are linked when their
comparison is not ``"unrelated"`` and at least ``family_threshold`` (0.5 by default)
of one of them, quotations left out, is shared with the other.
"""

from __future__ import annotations

import os
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Any

import numpy as np

from .compare import CompareOptions, compare_analysed
from .errors import InputError, UnknownDocumentError
from .fingerprint import FingerprintConfig, fingerprint
from .index_families import Link, candidate_pairs, cluster
from .index_file import read_index, write_index
from .report import Comparison
from .storage import Hits, Store, StoredDoc, check_id
from .storage_memory import MemoryStore
from .text import AnalysedText, _check_text, analyse

if TYPE_CHECKING:
    from .provenance import Edge, ProvenanceGraph

__all__ = ["Family", "Index", "IndexConfig", "Match"]

_FP_FIELDS = frozenset(f.name for f in fields(FingerprintConfig))


@dataclass(frozen=True)
class IndexConfig:
    """Every option of an :class:`Index`. Hashable; ``fingerprint`` is what gets recorded.

    ``max_candidates``: documents verified per query (the best by LSH estimate),
    besides those colliding with the query in 4 or more LSH bands, which are all
    verified (up to ``max_verified``): a wire re-run by 40 outlets has 40 of them.
    ``stock_docs``: a query unit found in more documents than this is stock text (a
    recurring footer or standard paragraph) and does not count toward candidates.
    ``weak_candidates``: of those, documents that collide with the query in a single
    LSH band only are verified only when they rank among the first
    ``weak_candidates`` (on SaudiNewsNet, 4 % of such candidates were related at all;
    they cost 40 % of the verification time).
    ``family_threshold``: share of one document (quotations left out) another must
    contain for the two to be linked into a family. ``family_min_estimate``: LSH
    estimate below which a pair is not even verified when building families.
    ``max_bucket``: band keys shared by more units than this are stock text, skipped
    when building families. ``batch_size``: documents fingerprinted together by
    ``add_many``. ``cache_size``: analysed documents kept for verification.
    ``compare``: options of the verifying comparison.
    """

    fingerprint: FingerprintConfig = field(default_factory=FingerprintConfig)
    max_candidates: int = 20
    weak_candidates: int = 5
    max_verified: int = 50
    stock_docs: int = 50
    family_threshold: float = 0.5
    family_min_estimate: float = 0.3
    max_bucket: int = 200
    batch_size: int = 256
    cache_size: int = 2048
    compare: CompareOptions = field(default_factory=CompareOptions)

    def __post_init__(self) -> None:
        if not isinstance(self.fingerprint, FingerprintConfig):
            raise InputError("fingerprint must be a FingerprintConfig")
        if not isinstance(self.compare, CompareOptions):
            raise InputError("compare must be a CompareOptions")
        for name in ("max_candidates", "max_bucket", "batch_size", "cache_size",
                     "max_verified", "stock_docs"):
            v = getattr(self, name)
            if not isinstance(v, int) or isinstance(v, bool) or v < 1:
                raise InputError(f"{name} must be a positive integer, got {v!r}")
        for name in ("weak_candidates",):
            v = getattr(self, name)
            if not isinstance(v, int) or isinstance(v, bool) or v < 0:
                raise InputError(f"{name} must be a non-negative integer, got {v!r}")
        for name in ("family_threshold", "family_min_estimate"):
            v = getattr(self, name)
            if not isinstance(v, (int, float)) or isinstance(v, bool) or not 0.0 <= v <= 1.0:
                raise InputError(f"{name} must be a number from 0 to 1, got {v!r}")

    @classmethod
    def from_options(cls, **options: Any) -> IndexConfig:
        """Build from flat keyword options (fingerprint fields and index fields mixed)."""
        own = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - own - _FP_FIELDS)
        if unknown:
            valid = ", ".join(sorted((own | _FP_FIELDS) - {"fingerprint"}))
            raise InputError(
                f"unknown Index option(s) {', '.join(unknown)}; valid options: {valid}, "
                "redis_url, name"
            )
        fp = {k: v for k, v in options.items() if k in _FP_FIELDS}
        rest = {k: v for k, v in options.items() if k in own}
        if fp and "fingerprint" in rest:
            raise InputError("give fingerprint=FingerprintConfig(...) or its fields, not both")
        if fp:
            rest["fingerprint"] = FingerprintConfig(**fp)
        return cls(**rest)


@dataclass(frozen=True)
class Match:
    """A stored document that shares text with a query.

    ``coverage_query``/``coverage_doc``: share of the query's / the document's words
    (boilerplate excluded) inside shared spans. ``evidence_*``: the same with shared
    quotations left out. ``score`` = max(evidence_query, evidence_doc). ``comparison``
    is the full :class:`~syndetect.report.Comparison` with the query as ``a`` (the
    wire) and the stored document as ``b`` (the copy).
    """

    doc_id: str
    score: float
    coverage_query: float
    coverage_doc: float
    evidence_query: float
    evidence_doc: float
    verdict: str
    comparison: Comparison = field(repr=False, compare=False)
    metadata: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def is_republication(self) -> bool:
        """True when one text carries the other's story (verbatim, light or heavy edit)."""
        return self.comparison.is_republication

    def to_dict(self, *, comparison: bool = False) -> dict[str, Any]:
        """JSON-ready; with ``comparison=True`` the full comparison (texts left out)."""
        out: dict[str, Any] = {
            "doc_id": self.doc_id,
            "score": round(self.score, 6),
            "verdict": self.verdict,
            "coverage_query": round(self.coverage_query, 6),
            "coverage_doc": round(self.coverage_doc, 6),
            "evidence_query": round(self.evidence_query, 6),
            "evidence_doc": round(self.evidence_doc, 6),
            "credit": self.comparison.credit_status.status,
            "metadata": dict(self.metadata),
        }
        if comparison:
            out["comparison"] = self.comparison.to_dict(texts=False)
        return out


@dataclass(frozen=True)
class Family:
    """Documents carrying one story: iterate it for their ids, ``original`` first.

    ``original`` is the likely original: the earliest ``published``; without dates,
    the member sharing the most words with the others (the text the copies were cut
    from), then the one whose text the others contain most.
    """

    original: str
    members: tuple[str, ...]
    #: Who copied from whom, with evidence (``Index.families(provenance=True)``).
    edges: tuple[Edge, ...] = field(default=(), compare=False)

    def __iter__(self) -> Iterator[str]:
        return iter(self.members)

    def __len__(self) -> int:
        return len(self.members)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self.members

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"original": self.original, "size": len(self.members),
                               "members": list(self.members)}
        if self.edges:
            out["edges"] = [e.to_dict() for e in self.edges]
        return out


def parse_published(value: Any, doc_id: str, error: type[InputError] = InputError) -> datetime:
    """``published`` as a datetime (a datetime, a date, or an ISO 8601 string), or
    ``error`` naming the fix. Shared by the index and the streaming index."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise error(
                f"published of {doc_id!r} is {value!r}, not an ISO 8601 date; "
                "use e.g. '2015-08-10T09:30:00+03:00' or a datetime"
            ) from None
    raise error(
        f"published of {doc_id!r} must be a datetime or an ISO 8601 string, "
        f"not {type(value).__name__}"
    )


def _parse_published(value: Any, doc_id: str) -> str:
    return parse_published(value, doc_id).isoformat()


def utc_published(value: Any, doc_id: str, error: type[InputError] = InputError) -> datetime:
    """``published`` as a naive UTC datetime, or ``error`` naming the fix."""
    dt = parse_published(value, doc_id, error)
    if dt.tzinfo is not None:
        dt = dt.astimezone(timezone.utc).replace(tzinfo=None)
    return dt


def published_or_none(meta: Mapping[str, Any]) -> datetime | None:
    """``meta["published"]`` as a naive UTC datetime; None when absent or unreadable."""
    try:
        return utc_published(meta.get("published"), "")
    except InputError:
        return None


def _published_key(meta: Mapping[str, Any]) -> datetime | None:
    return published_or_none(meta)


def _jsonable(value: Any, where: str) -> Any:
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise InputError(f"{where} is {value}, which JSON cannot store")
        return value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v, where) for v in value]
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if not isinstance(k, str):
                raise InputError(f"{where} has a non-string key {k!r}")
            out[k] = _jsonable(v, where)
        return out
    raise InputError(
        f"{where} is a {type(value).__name__}, which an index cannot store; use strings, "
        "numbers, booleans, None, lists, dicts or datetimes"
    )


def _metadata(doc_id: str, meta: Mapping[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in meta.items():
        if k == "published" and v is not None:
            out[k] = _parse_published(v, doc_id)
        else:
            out[k] = _jsonable(v, f"metadata {k!r} of {doc_id!r}")
    return out


def _item(item: Any, position: int) -> tuple[str, str, dict[str, Any]]:
    if isinstance(item, Mapping):
        if "id" not in item or "text" not in item:
            raise InputError(
                f"item {position} of add_many has no {'id' if 'id' not in item else 'text'!r}; "
                "give dicts with 'id' and 'text' (other keys become metadata)"
            )
        meta = {k: v for k, v in item.items() if k not in ("id", "text")}
        return item["id"], item["text"], meta
    if isinstance(item, tuple) and len(item) in (2, 3):
        meta = item[2] if len(item) == 3 else {}
        if not isinstance(meta, Mapping):
            raise InputError(f"item {position} of add_many: metadata must be a dict")
        return item[0], item[1], dict(meta)
    raise InputError(
        f"item {position} of add_many is a {type(item).__name__}; give (id, text) tuples, "
        "(id, text, metadata) tuples or dicts with 'id' and 'text'"
    )


def _fingerprint_texts(texts: list[str], ids: list[str], config: IndexConfig
                       ) -> list[tuple[tuple[int, ...], np.ndarray]]:
    """Per text: its unit word counts and ``(units, bands)`` band keys.

    A module-level pure function so that worker processes can run it.
    """
    # Clutter detection as the (recorded) fingerprint options say, never as the
    # compare options (which may differ between processes sharing one index).
    c = config.compare
    analysed = [analyse(t, max_chars=c.max_chars, name=f"text of {i!r}",
                        boilerplate=config.fingerprint.boilerplate)
                for t, i in zip(texts, ids)]
    fp = fingerprint(analysed, config.fingerprint)
    keys = fp.band_keys()
    bounds = np.searchsorted(fp.doc, np.arange(len(texts) + 1)).tolist()
    words = fp.words.tolist()
    return [(tuple(words[lo:hi]), keys[lo:hi]) for lo, hi in zip(bounds, bounds[1:])]


class Index:
    """Paragraph MinHash/LSH index of news texts, verified with :func:`compare`.

    ``Index(**options)`` keeps everything in memory; ``Index(redis_url=..., name=...)``
    keeps it in Redis, shared by every process that opens the same name. Options are
    keyword-only: the fields of :class:`~syndetect.fingerprint.FingerprintConfig`
    and of :class:`IndexConfig`, or ``config=IndexConfig(...)``.

    An existing Redis index is opened with the fingerprint options it recorded;
    fingerprint options given must agree with them
    (:class:`~syndetect.errors.ConfigMismatchError` naming the fields). A name not
    yet in Redis creates the index, unless ``create=False``
    (:class:`~syndetect.errors.UnknownIndexError`, nothing written).
    """

    def __init__(self, *, redis_url: str | None = None, name: str | None = None,
                 create: bool = True, config: IndexConfig | None = None,
                 **options: Any) -> None:
        if config is not None and options:
            raise InputError("give config=IndexConfig(...) or separate options, not both")
        self.config = config if config is not None else IndexConfig.from_options(**options)
        if not isinstance(self.config, IndexConfig):
            raise InputError("config must be an IndexConfig")
        self._store: Store
        if redis_url is not None:
            from .storage_redis import RedisStore

            if name is None:
                raise InputError(
                    "a Redis index needs a name: Index(redis_url=..., name='afp-2026')"
                )
            # An existing index is opened with its recorded fingerprint options;
            # those given (a whole configuration, or some fields) must agree with it.
            given: FingerprintConfig | dict[str, Any] = (
                self.config.fingerprint if config is not None or "fingerprint" in options
                else {k: v for k, v in options.items() if k in _FP_FIELDS})
            self._store = RedisStore(redis_url, name, given, create=create)
            self.config = replace(self.config, fingerprint=self._store.config)
        elif name is not None or not create:
            raise InputError("name= and create= are for a Redis index; give redis_url= too")
        else:
            self._store = MemoryStore(self.config.fingerprint)
        self._cache: OrderedDict[int, AnalysedText] = OrderedDict()

    # ------------------------------------------------------------------ #
    # Basics
    # ------------------------------------------------------------------ #

    @property
    def fingerprint_config(self) -> FingerprintConfig:
        return self.config.fingerprint

    def __len__(self) -> int:
        return len(self._store)

    def __contains__(self, doc_id: object) -> bool:
        return (isinstance(doc_id, str) and doc_id != ""
                and self._store.numbers([doc_id])[0] is not None)

    def __repr__(self) -> str:
        kind = type(self._store).__name__
        return f"<syndetect.Index {kind} documents={len(self)}>"

    def ids(self) -> list[str]:
        """Every document id, in insertion order."""
        return [d.doc_id for _, d, _ in self._store.scan()]

    def get(self, doc_id: str) -> tuple[str, dict[str, Any]]:
        """``(text, metadata)`` of a stored document; UnknownDocumentError if absent."""
        num = self._store.numbers([doc_id])[0]
        d = self._store.docs([num])[0] if num is not None else None
        if d is None:
            raise UnknownDocumentError(f"document {doc_id!r} is not in the index")
        return d.text, dict(d.metadata)

    def close(self) -> None:
        """Release the back end's connection (a no-op in memory)."""
        self._store.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def clear(self) -> None:
        """Remove every document (for Redis: delete every key of this index)."""
        self._store.clear()
        self._cache.clear()

    # ------------------------------------------------------------------ #
    # Adding and removing
    # ------------------------------------------------------------------ #

    def _analyse(self, text: str, name: str) -> AnalysedText:
        c = self.config.compare
        return analyse(text, max_chars=c.max_chars, name=name, boilerplate=c.boilerplate)

    def add(self, doc_id: str, text: str, *, replace: bool = False, **metadata: Any) -> None:
        """Add one document. Metadata is free-form (``outlet``, ``published``, ``url``…).

        ``published`` (a datetime, date or ISO 8601 string) decides a family's likely
        original. Raises :class:`~syndetect.errors.DuplicateDocumentError` when
        ``doc_id`` is present, unless ``replace=True``.
        """
        self._add_batch([(doc_id, text, metadata)], replace=replace)

    def add_many(self, items: Iterable[Any], *, replace: bool = False, workers: int = 1) -> int:
        """Add many documents, fingerprinted in vectorised batches; return how many.

        ``items``: ``(id, text)`` or ``(id, text, metadata)`` tuples, or dicts with
        ``"id"`` and ``"text"`` (other keys are metadata). ``workers`` > 1 analyses
        and fingerprints batches in that many worker processes (results are identical;
        documents are stored in input order). Each batch is stored in a background
        thread while the next one is fingerprinted (a Redis store spends most of its
        time waiting on the server); batches are still stored one at a time, in input
        order, and ``items`` is read up to one batch ahead of the store (with
        ``workers`` > 1, about two batches per worker further). On an error
        the batches before the failing one stay added, and the error is raised here
        once no store is running.
        """
        if not isinstance(workers, int) or isinstance(workers, bool) or workers < 1:
            raise InputError(f"workers must be a positive integer, got {workers!r}")
        batches = self._batches(items)
        if workers == 1:
            return self._store_all(((b, self._fingerprint_batch(b)) for b in batches), replace)
        import multiprocessing
        from concurrent.futures import Future, ProcessPoolExecutor

        ctx = multiprocessing.get_context("spawn")
        pending: deque[tuple[list[tuple[str, str, dict[str, Any]]], Future[Any]]] = deque()

        def fingerprinted() -> Iterator[tuple[list[tuple[str, str, dict[str, Any]]],
                                              list[tuple[tuple[int, ...], np.ndarray]]]]:
            for batch in batches:
                # (only texts and ids go to the workers: metadata need not pickle)
                texts, ids = [t for _, t, _ in batch], [i for i, _, _ in batch]
                pending.append((batch, pool.submit(_fingerprint_texts, texts, ids, self.config)))
                if len(pending) > 2 * workers:
                    done, fut = pending.popleft()
                    yield done, fut.result()
            while pending:
                done, fut = pending.popleft()
                yield done, fut.result()

        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
            try:
                return self._store_all(fingerprinted(), replace)
            finally:
                for _, fut in pending:
                    fut.cancel()

    def _store_all(self, prints: Iterator[tuple[list[tuple[str, str, dict[str, Any]]],
                                                list[tuple[tuple[int, ...], np.ndarray]]]],
                   replace: bool) -> int:
        """Store fingerprinted batches in order, each while the next is fingerprinted.

        One background thread stores one batch at a time; the next store starts only
        after the previous one succeeded. The first error in input order wins: a
        failed store is raised before anything after it is stored (with a later
        batch's own error, if any, as its ``__context__``), and nothing is left
        running when this returns or raises.
        """
        from concurrent.futures import Future, ThreadPoolExecutor

        total = 0
        running: tuple[int, Future[list[int]]] | None = None

        def landed(job: tuple[int, Future[list[int]]]) -> int:
            n, fut = job
            self._forget(fut.result())
            return n

        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="syndetect-store") as bg:
            try:
                for batch, fps in prints:
                    previous, running = running, None
                    if previous is not None:
                        total += landed(previous)
                    running = (len(batch), bg.submit(self._store_batch, batch, fps, replace))
            finally:
                if running is not None:
                    total += landed(running)
        return total

    def _batches(self, items: Iterable[Any]) -> Iterator[list[tuple[str, str, dict[str, Any]]]]:
        """Validated ``(id, text, metadata)`` batches of ``batch_size`` documents."""
        batch: list[tuple[str, str, dict[str, Any]]] = []
        for pos, item in enumerate(items):
            batch.append(self.validate(*_item(item, pos)))
            if len(batch) >= self.config.batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    def validate(self, doc_id: Any, text: Any, metadata: Mapping[str, Any]
                 ) -> tuple[str, str, dict[str, Any]]:
        """Check one document as :meth:`add` does before adding anything: ``(doc_id,
        text, metadata)`` with metadata in stored form, or an
        :class:`~syndetect.errors.InputError` naming the fix (an id that is not a
        non-empty string, a text that is not a str or is over ``max_chars``, metadata
        JSON cannot hold, an unreadable ``published``). Corpus readers call it per
        line, so a bad line is reported (or skipped) with its line number."""
        doc_id = check_id(doc_id)
        _check_text(text, f"text of {doc_id!r}", self.config.compare.max_chars)
        return doc_id, text, _metadata(doc_id, metadata)

    def _add_batch(self, batch: list[tuple[str, str, dict[str, Any]]], *, replace: bool) -> None:
        for b in self._batches(batch):
            self._forget(self._store_batch(b, self._fingerprint_batch(b), replace))

    def _fingerprint_batch(self, batch: list[tuple[str, str, dict[str, Any]]]
                           ) -> list[tuple[tuple[int, ...], np.ndarray]]:
        """The unit words and band keys of each ``(id, text, metadata)`` of a batch."""
        return _fingerprint_texts([t for _, t, _ in batch], [i for i, _, _ in batch],
                                  self.config)

    def _forget(self, numbers: Iterable[int]) -> None:
        """Drop these document numbers' cached analyses (their documents changed)."""
        for num in numbers:
            self._cache.pop(num, None)

    def _store_batch(self, batch: list[tuple[str, str, dict[str, Any]]],
                     prints: list[tuple[tuple[int, ...], np.ndarray]], replace: bool
                     ) -> list[int]:
        """Store one fingerprinted batch; the numbers the back end gave its documents."""
        docs = [StoredDoc(doc_id, text, meta, words)
                for (doc_id, text, meta), (words, _) in zip(batch, prints)]
        return self._store.add(docs, [k for _, k in prints], replace=replace)

    def remove(self, doc_id: str) -> None:
        """Remove a document; :class:`~syndetect.errors.UnknownDocumentError` if absent."""
        num = self._store.numbers([doc_id])[0]
        self._store.remove(doc_id)
        if num is not None:
            self._cache.pop(num, None)

    # ------------------------------------------------------------------ #
    # Querying
    # ------------------------------------------------------------------ #

    def _analysis(self, num: int, doc: StoredDoc) -> AnalysedText:
        x = self._cache.get(num)
        if x is None:
            x = self._analyse(doc.text, f"document {doc.doc_id!r}")
            self._cache[num] = x
            if len(self._cache) > self.config.cache_size:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(num)
        return x

    def query(self, text: str, *, limit: int | None = None, exclude: Iterable[str] = (),
              republications_only: bool = False) -> list[Match]:
        """Stored documents sharing text with ``text``, best first.

        ``limit``: at most this many matches. ``exclude``: ids to leave out (a stored
        document querying for its own republications). ``republications_only``: keep
        only verbatim, light and heavy edits (drop ``partial``).
        """
        if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool)
                                  or limit < 1):
            raise InputError(f"limit must be a positive integer or None, got {limit!r}")
        if isinstance(exclude, (str, bytes)):
            raise InputError(
                f"exclude takes a collection of ids, not one string (it would be read as "
                f"its characters); pass exclude=[{exclude!r}]"
            )
        x = self._analyse(text, "query")
        fx = x  # fingerprinted with clutter detection as the fingerprint options say
        if self.config.fingerprint.boilerplate and not self.config.compare.boilerplate:
            fx = analyse(text, max_chars=self.config.compare.max_chars, name="query")
        fp = fingerprint([fx], self.config.fingerprint)
        if not len(fp):
            return []
        hits = self._store.lookup(fp.band_keys())
        if not len(hits):
            return []
        skip = set(exclude)
        nums = self._rank(hits, fp.words)
        out = []
        for num, doc in zip(nums, self._store.docs(nums)):
            if doc is None or doc.doc_id in skip:
                continue
            c = compare_analysed(x, self._analysis(num, doc), self.config.compare)
            if c.verdict == "unrelated" or (republications_only and not c.is_republication):
                continue
            out.append(Match(
                doc_id=doc.doc_id, score=max(c.evidence_a, c.evidence_b),
                coverage_query=c.coverage_a, coverage_doc=c.coverage_b,
                evidence_query=c.evidence_a, evidence_doc=c.evidence_b,
                verdict=c.verdict, comparison=c, metadata=dict(doc.metadata),
            ))
        # Ties (a copy and a long roundup holding the whole story both score 1) go to
        # the document that is most nearly the story alone.
        out.sort(key=lambda m: (-m.score, -m.coverage_query, -m.coverage_doc, m.doc_id))
        return out[:limit] if limit is not None else out

    def _rank(self, hits: Hits, qwords: np.ndarray) -> list[int]:
        """Candidate document numbers, best LSH estimate first, at most max_candidates."""
        pairs = np.unique(np.stack((hits.doc, hits.query_unit), axis=1), axis=0)
        # A query unit that hits many documents is stock text (a recurring footer, a
        # standard closing paragraph): its hits say nothing about any one document.
        df = np.bincount(pairs[:, 1], minlength=len(qwords))
        stock = df > self.config.stock_docs
        if stock.any():
            pairs = pairs[~stock[pairs[:, 1]]]
            live = ~stock[hits.query_unit]
            hits = Hits(hits.query_unit[live], hits.doc[live], hits.unit[live])
            if not len(hits):
                return []
        docs, start = np.unique(pairs[:, 0], return_index=True)
        shared = np.add.reduceat(qwords[pairs[:, 1]].astype(np.int64), start)
        n_hits = np.bincount(np.searchsorted(docs, hits.doc), minlength=docs.size)
        order = np.lexsort((docs, -n_hits, -shared))
        hits_sorted = n_hits[order]
        # Documents colliding in several bands are nearly always related: verify them
        # all (a wire re-run by 40 outlets has 40 of them); fill up to max_candidates
        # with weaker ones, single-band ones only near the top.
        sure = hits_sorted >= 4
        keep = sure.copy()
        rest = np.flatnonzero(~sure & (hits_sorted >= 2))
        weak = np.flatnonzero(hits_sorted < 2)[: self.config.weak_candidates]
        extra = np.sort(np.concatenate((rest, weak)))
        room = max(self.config.max_candidates - int(sure.sum()), 0)
        keep[extra[:room]] = True
        return [int(d) for d in docs[order[keep]][: self.config.max_verified]]

    # ------------------------------------------------------------------ #
    # Families
    # ------------------------------------------------------------------ #

    def families(self, *, progress: Callable[[int, int], None] | None = None,
                 provenance: bool = False) -> list[Family]:
        """Group every stored document into story families, largest first.

        Deterministic; every document is in exactly one family (a document linked to
        nothing is a family of one). See :mod:`syndetect.index_families`.
        ``progress(done, total)`` is called as candidate pairs are verified. With
        ``provenance=True`` each family of two or more also carries ``edges``: who
        copied from whom, with the evidence (see :meth:`provenance`).
        """
        nums: list[int] = []
        docs: dict[int, StoredDoc] = {}
        key_parts, doc_parts, unit_parts = [], [], []
        for num, d, k in self._store.scan():
            nums.append(num)
            docs[num] = d
            if k.size:
                key_parts.append(k.ravel())
                doc_parts.append(np.full(k.size, num, dtype=np.int64))
                unit_parts.append(np.repeat(np.arange(k.shape[0], dtype=np.int64), k.shape[1]))
        if not nums:
            return []
        # Document numbers are never reused, so they can run far past the count of
        # documents: the arrays are indexed by rank instead (an order-keeping map).
        ranked = sorted(nums)
        unit_base = np.zeros(len(ranked), dtype=np.int64)
        doc_words = np.zeros(len(ranked), dtype=np.int64)
        words_list: list[int] = []
        for rank, num in enumerate(ranked):
            unit_base[rank] = len(words_list)
            words_list.extend(docs[num].unit_words)
            doc_words[rank] = docs[num].words
        pairs: list[tuple[int, int]] = []
        if key_parts:
            ranks = np.searchsorted(np.asarray(ranked, dtype=np.int64),
                                    np.concatenate(doc_parts))
            pairs = [(ranked[a], ranked[b]) for a, b in candidate_pairs(
                np.concatenate(key_parts), ranks,
                np.concatenate(unit_parts), np.asarray(words_list, dtype=np.int64),
                unit_base, doc_words, min_estimate=self.config.family_min_estimate,
                max_bucket=self.config.max_bucket,
            )]
        links = []
        threshold = self.config.family_threshold
        for i, (a, b) in enumerate(pairs):
            if progress is not None and i % 200 == 0:
                progress(i, len(pairs))
            c = compare_analysed(self._analysis(a, docs[a]), self._analysis(b, docs[b]),
                                 self.config.compare)
            if c.verdict != "unrelated" and max(c.evidence_a, c.evidence_b) >= threshold:
                links.append(Link(a, b, in_b=c.coverage_a, in_a=c.coverage_b))
        if progress is not None:
            progress(len(pairs), len(pairs))
        groups = cluster(
            nums, links, published={n: _published_key(docs[n].metadata) for n in nums},
            words={n: docs[n].words for n in nums}, ids={n: docs[n].doc_id for n in nums},
        )
        fams = [Family(docs[orig].doc_id, tuple(docs[m].doc_id for m in members))
                for orig, members in groups]
        fams.sort(key=lambda f: (-len(f), f.original))
        if provenance:
            fams = [replace(f, edges=self.provenance(f).edges) if len(f) > 1 else f
                    for f in fams]
        return fams

    def provenance(self, family: Family, **options: Any) -> ProvenanceGraph:
        """Who copied from whom inside ``family``: a directed graph whose edges carry
        their evidence (shared edits, publication times). See
        :mod:`syndetect.provenance`."""
        from .provenance import family_provenance

        return family_provenance(self, family, **options)

    # ------------------------------------------------------------------ #
    # Persistence
    # ------------------------------------------------------------------ #

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the index to ``path`` (versioned, checksummed, atomic; no pickle)."""
        write_index(path, self.config.fingerprint,
                    ((d, k) for _, d, k in self._store.scan()))

    @classmethod
    def load(cls, path: str | os.PathLike[str], **options: Any) -> Index:
        """Read an index written by :meth:`save` into memory.

        ``options``: :class:`IndexConfig` fields. Fingerprint options (fields of
        :class:`~syndetect.fingerprint.FingerprintConfig`, or ``fingerprint=``), if
        given, must equal the recorded ones
        (:class:`~syndetect.errors.ConfigMismatchError` naming the fields otherwise);
        fields not given are taken from the record.
        """
        recorded, items = read_index(path)
        fp_given = {k: v for k, v in options.items() if k in _FP_FIELDS}
        if "fingerprint" in options:
            if fp_given:
                raise InputError(
                    "give fingerprint=FingerprintConfig(...) or its fields, not both")
            fp_given = options.pop("fingerprint")
            if not isinstance(fp_given, FingerprintConfig):
                raise InputError("fingerprint must be a FingerprintConfig")
        recorded.adopt(fp_given, str(path), "drop those options to use the recorded ones, "
                       "or rebuild the index")
        rest = {k: v for k, v in options.items() if k not in _FP_FIELDS}
        idx = cls(config=IndexConfig.from_options(**rest, fingerprint=recorded)
                  if rest else IndexConfig(fingerprint=recorded))
        step = 1024
        for s in range(0, len(items), step):
            part = items[s:s + step]
            idx._store.add([d for d, _ in part], [k for _, k in part], replace=False)
        return idx
