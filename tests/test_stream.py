"""The streaming index: a sliding window by ``published``, incremental families."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest
from conftest import PUBLISHED
from hypothesis import given, settings
from hypothesis import strategies as st

from syndetect import Index
from syndetect.errors import DuplicateDocumentError, InputError, UnknownDocumentError
from syndetect.stream import MissingPublishedError, StaleDocumentError, StreamingIndex


def in_order(news: dict[str, str]) -> list[str]:
    return sorted(news, key=lambda k: datetime.fromisoformat(PUBLISHED[k]))


def test_wide_window_families_equal_the_index_families(news):
    s = StreamingIndex(window_days=365)
    idx = Index()
    for k in in_order(news):
        assert s.add(k, news[k], published=PUBLISHED[k], outlet="x") == ()
        idx.add(k, news[k], published=PUBLISHED[k])
    assert s.families() == idx.families()
    assert len(s) == len(news) and s.expired_total == 0
    assert s.links("flood-wire")["flood-copy"] > 0.5


def test_documents_older_than_the_window_expire(news):
    s = StreamingIndex(window_days=1)
    gone: list[str] = []
    for k in in_order(news):
        gone += s.add(k, news[k], published=PUBLISHED[k])
    # the Arabic stories of September and the marathon of 12 October left the window
    assert {"ar-wire", "ar-copy", "ar-copy2", "ar-port", "marathon-wire"} <= set(gone)
    assert set(gone).isdisjoint(s.ids())
    assert s.query(news["ar-copy"]) == []
    for k in gone:
        assert k not in s and k not in s.index
    newest = max(datetime.fromisoformat(PUBLISHED[k]) for k in news)
    assert s.newest == newest.astimezone(timezone.utc).replace(tzinfo=None)
    for k in s.ids():
        when = datetime.fromisoformat(PUBLISHED[k]).astimezone(timezone.utc)
        assert when.replace(tzinfo=None) >= s.cutoff
    fams = s.families()
    assert sorted(m for f in fams for m in f) == sorted(s.ids())
    chip = next(f for f in fams if "chip-wire" in f)
    assert chip.original == "chip-wire" and set(chip) == {"chip-wire", "chip-short",
                                                           "chip-copy"}


def test_published_is_required_and_checked(news):
    s = StreamingIndex(window_days=3)
    with pytest.raises(MissingPublishedError, match="published="):
        s.add("a", news["flood-wire"])
    with pytest.raises(MissingPublishedError, match="ISO 8601"):
        s.add("a", news["flood-wire"], published="last tuesday")
    with pytest.raises(MissingPublishedError, match="datetime"):
        s.add("a", news["flood-wire"], published=12)
    assert issubclass(MissingPublishedError, InputError)
    s.add("a", news["flood-wire"], published="2025-10-14T08:00:00Z")
    with pytest.raises(StaleDocumentError, match="widen window_days"):
        s.add("b", news["chip-wire"], published="2025-10-01T08:00:00Z")
    with pytest.raises(DuplicateDocumentError):
        s.add("a", news["flood-wire"], published="2025-10-14T08:00:00Z")
    # out of order inside the window is fine
    s.add("c", news["chip-wire"], published="2025-10-13T08:00:00Z")
    s.remove("c")
    with pytest.raises(UnknownDocumentError):
        s.remove("c")
    assert s.ids() == ["a"]


def test_a_mistyped_future_date_is_refused_not_obeyed(news):
    """One document dated 2099 would move the window's end into the future, expire
    every live document and make every later one stale."""
    s = StreamingIndex(window_days=3)
    s.add("a", news["flood-wire"], published="2025-10-14T08:00:00Z")
    with pytest.raises(MissingPublishedError, match="future.*max_ahead_days=None"):
        s.add("typo", news["chip-wire"], published="2099-10-14T08:00:00Z")
    assert s.ids() == ["a"] and "typo" not in s.index
    soon = datetime.now(timezone.utc) + timedelta(days=30)  # within a year: accepted
    s.add("soon", news["chip-wire"], published=soon)
    strict = StreamingIndex(window_days=3, max_ahead_days=1)
    with pytest.raises(MissingPublishedError, match="future"):
        strict.add("soon", news["chip-wire"], published=soon)
    replay = StreamingIndex(window_days=3, max_ahead_days=None)
    replay.add("future", news["chip-wire"], published="2099-10-14T08:00:00Z")
    assert replay.ids() == ["future"]


def test_bad_options_name_the_fix():
    with pytest.raises(InputError, match="window_days"):
        StreamingIndex(window_days=0)
    for bad in (-1, "1", True):
        with pytest.raises(InputError, match="max_ahead_days"):
            StreamingIndex(window_days=3, max_ahead_days=bad)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="window_days"):
        StreamingIndex(window_days="3")  # type: ignore[arg-type]
    idx = Index()
    idx.add("x", "some text here", published="2025-01-01")
    with pytest.raises(InputError, match="resume=True"):
        StreamingIndex(window_days=3, index=idx)
    with pytest.raises(InputError, match="not both"):
        StreamingIndex(window_days=3, index=Index(), shingle=4)


def test_link_false_is_a_pure_ingest_loop(news):
    s = StreamingIndex(window_days=3, link=False)
    for k in in_order(news):
        s.add(k, news[k], published=PUBLISHED[k])
    assert all(len(f) == 1 for f in s.families())
    # Both the wire and its short cut (every word of which the copy carries) come first.
    top = [m.doc_id for m in s.query(news["chip-copy"], exclude=("chip-copy",))[:2]]
    assert set(top) == {"chip-wire", "chip-short"}


def test_expiry_removes_documents_from_redis(news, redis_url):
    name = f"stream-{uuid.uuid4().hex[:8]}"
    with StreamingIndex(window_days=1, redis_url=redis_url, name=name) as s:
        try:
            for k in ("ar-wire", "ar-copy", "flood-wire", "flood-copy"):
                s.add(k, news[k], published=PUBLISHED[k])
            assert sorted(s.index.ids()) == ["flood-copy", "flood-wire"]
            other = Index(redis_url=redis_url, name=name)  # another process's view
            assert sorted(other.ids()) == ["flood-copy", "flood-wire"]
            other.close()
            assert [f.members for f in s.families()] == [("flood-wire", "flood-copy")]
            # a restarted monitor carries on from what Redis holds
            again = StreamingIndex(window_days=1, index=Index(redis_url=redis_url, name=name),
                                   resume=True)
            assert again.ids() == ["flood-wire", "flood-copy"]
            assert again.families() == s.families()
            gone = again.add("chip-wire", news["chip-wire"], published="2025-10-15T09:00Z")
            assert gone == ("flood-wire",) and "flood-wire" not in again.index
            again.close()
        finally:
            s.index.clear()


@settings(max_examples=10, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["flood-wire", "flood-copy", "chip-wire",
                                           "chip-copy", "ar-wire", "ar-copy"]),
                          st.integers(min_value=0, max_value=20)), min_size=1, max_size=8),
       st.floats(min_value=0.5, max_value=4))
def test_live_set_is_exactly_the_window(news, items, window):
    s = StreamingIndex(window_days=window)
    t0 = datetime(2025, 1, 1)
    added: dict[str, datetime] = {}
    hours = 0
    for i, (k, step) in enumerate(items):
        hours += step * 6
        when = t0 + timedelta(hours=hours)
        s.add(f"{k}-{i}", news[k], published=when)
        added[f"{k}-{i}"] = when
    newest = max(added.values())
    live = {d for d, w in added.items() if w >= newest - timedelta(days=window)}
    assert set(s.ids()) == live == set(s.index.ids())
    fams = s.families()
    members = [m for f in fams for m in f]
    assert sorted(members) == sorted(live)  # every live doc in exactly one family
