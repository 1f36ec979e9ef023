"""Index behaviour, run against both back ends (in memory and a real Redis)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import datetime, timezone

import pytest
from conftest import CHIP, FLOOD, MARATHON, PUBLISHED, join
from hypothesis import given, settings
from hypothesis import strategies as st

import syndetect
from syndetect import (
    ConfigMismatchError,
    DuplicateDocumentError,
    InputError,
    UnknownDocumentError,
)
from syndetect.index import Family, Index, IndexConfig, Match

_names = itertools.count()


@pytest.fixture(params=["memory", "redis"])
def make_index(request: pytest.FixtureRequest) -> Iterator[Callable[..., Index]]:
    """Factory of empty indexes on one back end; Redis ones get fresh names."""
    made: list[Index] = []

    def make(**options: object) -> Index:
        if request.param == "memory":
            idx = Index(**options)
        else:
            url = request.getfixturevalue("redis_url")
            idx = Index(redis_url=url, name=f"test-{next(_names)}", **options)
            idx.clear()
        made.append(idx)
        return idx

    yield make
    for idx in made:
        if request.param == "redis":
            idx.clear()
        idx.close()


def _filled(make: Callable[..., Index], news: dict[str, str]) -> Index:
    idx = make()
    idx.add_many({"id": k, "text": v, "published": PUBLISHED[k], "outlet": k.split("-")[0]}
                 for k, v in news.items())
    return idx


def test_query_finds_copies_best_first_with_coverage_both_ways(make_index, news):
    idx = _filled(make_index, news)
    found = idx.query(news["flood-wire"], exclude=["flood-wire"])
    ids = [m.doc_id for m in found]
    assert {"flood-copy", "flood-reworded"} <= set(ids)
    assert "chip-wire" not in ids and "marathon-wire" not in ids
    scores = [m.score for m in found]
    assert scores == sorted(scores, reverse=True)
    for m in found:
        assert isinstance(m, Match)
        c = m.comparison
        assert m.coverage_query == c.coverage_a and m.coverage_doc == c.coverage_b
        assert m.score == max(c.evidence_a, c.evidence_b)
        assert 0.0 < m.coverage_query <= 1.0 and 0.0 < m.coverage_doc <= 1.0
        assert m.verdict != "unrelated"
    copy = next(m for m in found if m.doc_id == "flood-copy")
    # The copy kept four of six wire paragraphs: most of it is wire, not all of the wire.
    assert copy.coverage_doc > 0.85
    assert 0.45 < copy.coverage_query < 0.85
    assert copy.is_republication
    assert copy.metadata["outlet"] == "flood"


def test_query_finds_its_own_text_verbatim(make_index, news):
    idx = _filled(make_index, news)
    top = idx.query(news["chip-wire"])[0]
    assert top.doc_id == "chip-wire" and top.verdict == "verbatim" and top.score == 1.0


def test_arabic_copy_with_new_dateline_and_spelling_variants_is_found(make_index, news):
    idx = _filled(make_index, news)
    ids = {m.doc_id: m for m in idx.query(news["ar-copy"], exclude=["ar-copy"])}
    assert set(ids) == {"ar-wire", "ar-copy2"}
    assert ids["ar-wire"].coverage_query > 0.9


def test_republication_keeping_few_wire_paragraphs_inside_other_text_is_found(make_index):
    idx = make_index()
    idx.add("chip-wire", join(CHIP))
    idx.add("marathon", join(MARATHON))
    other = [
        "Our business desk looks at what the week meant for investors in Asia, from "
        "currency moves in Tokyo to a wave of listings expected in Hong Kong next month.",
        "The yen weakened again against the dollar, and exporters in Osaka said that margins "
        "were the best they had seen in a decade despite higher prices for energy imports.",
        CHIP[0],
        CHIP[3],
        "Elsewhere, a property developer in Shenzhen missed another bond payment, adding to "
        "worries that the slump in home sales across China has further to run this winter.",
        "Bank shares in Singapore rose after the central bank kept its policy unchanged and "
        "said that inflation was easing faster than it had forecast in the spring review.",
    ]
    found = idx.query(join(other))
    assert [m.doc_id for m in found] == ["chip-wire"]
    m = found[0]
    assert 0.2 < m.coverage_doc < 0.6 and 0.2 < m.coverage_query < 0.5


def test_stories_sharing_only_a_quotation_do_not_match(make_index, news):
    idx = _filled(make_index, news)
    assert [m.doc_id for m in idx.query(news["fish-a"], exclude=["fish-a"])] == []


def test_a_shared_one_line_paragraph_does_not_match_everything(make_index):
    idx = make_index()
    line = "Follow our live coverage of the summit in Belem."
    for i, story in enumerate((FLOOD, CHIP, MARATHON)):
        idx.add(f"s{i}", join([line] + story))
    assert [m.doc_id for m in idx.query(join([line] + [
        "A different story entirely, about a bakery that reopened in Lyon after a fire "
        "destroyed its ovens last winter, with queues down the street on the first day."
    ]))] == []


def test_families_group_copies_and_do_not_chain_through_a_roundup(make_index, news):
    idx = _filled(make_index, news)
    fams = idx.families()
    assert all(isinstance(f, Family) for f in fams)
    members = [d for f in fams for d in f]
    assert sorted(members) == sorted(news)  # every document in exactly one family
    by_doc = {d: f for f in fams for d in f}
    assert set(by_doc["flood-wire"]) >= {"flood-wire", "flood-copy", "flood-reworded"}
    assert set(by_doc["chip-wire"]) == {"chip-wire", "chip-short", "chip-copy"}
    assert set(by_doc["ar-wire"]) == {"ar-wire", "ar-copy", "ar-copy2"}
    # The roundup reprints two unrelated wires; they must stay apart.
    assert by_doc["flood-wire"] is not by_doc["marathon-wire"]
    assert "roundup" in by_doc["flood-wire"] or "roundup" in by_doc["marathon-wire"]
    # Quoting the same statement does not make two stories one family.
    assert by_doc["fish-a"] is not by_doc["fish-b"]
    assert len(by_doc["ar-port"]) == 1
    # The likely original is the earliest published member, listed first.
    for f in fams:
        assert f.members[0] == f.original
        first = min(f, key=lambda d: datetime.fromisoformat(PUBLISHED[d]).astimezone(
            timezone.utc))
        assert f.original == first
    assert fams == sorted(fams, key=lambda f: (-len(f), f.original))


def test_families_are_deterministic_whatever_the_insertion_order(make_index, news):
    a = make_index()
    a.add_many((k, news[k], {"published": PUBLISHED[k]}) for k in sorted(news))
    b = make_index()
    b.add_many((k, news[k], {"published": PUBLISHED[k]}) for k in sorted(news, reverse=True))
    assert a.families() == b.families()


def test_original_without_dates_is_the_member_the_others_contain_most(make_index, news):
    idx = make_index()
    for k in ("ar-wire", "ar-copy2", "ar-copy"):
        idx.add(k, news[k])
    (fam,) = idx.families()
    # ar-copy keeps three of the wire's four paragraphs, ar-copy2 adds one of its own:
    # the wire's text is what the others contain most.
    assert fam.original == "ar-wire"
    assert set(fam) == {"ar-wire", "ar-copy", "ar-copy2"}


def test_duplicate_id_is_refused_unless_replace(make_index, news):
    idx = make_index()
    idx.add("x", news["flood-wire"])
    with pytest.raises(DuplicateDocumentError, match="replace=True"):
        idx.add("x", news["chip-wire"])
    assert idx.query(news["flood-wire"])[0].doc_id == "x"
    idx.add("x", news["chip-wire"], replace=True)
    assert len(idx) == 1
    assert idx.query(news["flood-wire"]) == []
    assert idx.query(news["chip-wire"])[0].doc_id == "x"
    with pytest.raises(DuplicateDocumentError, match="twice"):
        idx.add_many([("y", "one text here"), ("y", "another text")])


def test_remove(make_index, news):
    idx = _filled(make_index, news)
    idx.remove("flood-copy")
    assert "flood-copy" not in idx
    assert len(idx) == len(news) - 1
    assert "flood-copy" not in {m.doc_id for m in idx.query(news["flood-wire"])}
    with pytest.raises(UnknownDocumentError, match="not in the index"):
        idx.remove("flood-copy")
    with pytest.raises(UnknownDocumentError):
        idx.remove("never-added")
    assert sorted(d for f in idx.families() for d in f) == sorted(set(news) - {"flood-copy"})


def test_add_many_accepts_tuples_and_dicts_and_counts(make_index, news):
    idx = make_index()
    n = idx.add_many([("a", news["chip-wire"]), {"id": "b", "text": news["chip-copy"],
                                                   "url": "https://example.com/b"}])
    assert n == 2 and len(idx) == 2
    assert idx.get("b")[1] == {"url": "https://example.com/b"}
    with pytest.raises(InputError, match="'text'"):
        idx.add_many([{"id": "c"}])
    with pytest.raises(InputError, match="tuples"):
        idx.add_many(["just a string"])


def test_metadata_is_checked_and_published_normalised(make_index):
    idx = make_index()
    idx.add("a", "Some text of a story about rain in the north of the country today.",
            published=datetime(2025, 1, 2, 3, 4, tzinfo=timezone.utc), outlet="X")
    assert idx.get("a")[1]["published"] == "2025-01-02T03:04:00+00:00"
    with pytest.raises(InputError, match="ISO 8601"):
        idx.add("b", "text", published="last Tuesday")
    with pytest.raises(InputError, match="cannot store"):
        idx.add("c", "text", extra=object())
    with pytest.raises(InputError, match="non-empty string"):
        idx.add("", "text")
    assert len(idx) == 1


def test_empty_and_clutter_only_texts(make_index):
    idx = make_index()
    idx.add("empty", "")
    idx.add("clutter", "Share\n\nTags\n\nRead more\n")
    assert idx.query("") == []
    assert idx.query("Share\n\nTags\n") == []
    assert sorted(len(f) for f in idx.families()) == [1, 1]


def test_compare_options_never_change_the_fingerprints():
    """Processes sharing an index may compare with other options; what they store and
    look up must not depend on them (clutter left out as the fingerprint options say)."""
    from syndetect.compare import CompareOptions
    from syndetect.index import _fingerprint_texts

    page = "Logo\n\nLogo\n\nTags: rain, floods\n\n" + join(FLOOD) + "\n\nShare your opinion\n"
    plain = IndexConfig()
    loose = IndexConfig(compare=CompareOptions(boilerplate=False))
    words, keys = _fingerprint_texts([page], ["p"], plain)[0]
    words2, keys2 = _fingerprint_texts([page], ["p"], loose)[0]
    assert words == words2 and (keys == keys2).all()
    idx = Index(config=loose)
    idx.add("p", page)
    assert [m.doc_id for m in idx.query(page)] == ["p"]


def test_a_copy_ranks_above_a_roundup_holding_the_whole_story(make_index):
    idx = make_index()
    story = join(FLOOD)
    roundup = "\n\n".join([join(CHIP), join(MARATHON), story])
    idx.add("a-roundup", roundup)  # first by id: a tie would put it first
    idx.add("z-copy", story)
    assert [m.doc_id for m in idx.query(story)] == ["z-copy", "a-roundup"]


def test_options_are_validated_with_a_fix():
    with pytest.raises(InputError, match="valid options"):
        Index(shingles=3)
    with pytest.raises(InputError, match="bands \\* rows"):
        Index(bands=64, rows=4)
    with pytest.raises(InputError, match="redis_url"):
        Index(name="x")
    cfg = IndexConfig.from_options(shingle=4, max_candidates=5)
    assert hash(cfg) == hash(IndexConfig.from_options(shingle=4, max_candidates=5))
    assert Index(config=cfg).config.fingerprint.shingle == 4


def test_public_surface():
    for name in ("Index", "Match", "Family", "IndexConfig", "FingerprintConfig"):
        assert name in syndetect.__all__ and hasattr(syndetect, name)


def test_redis_config_mismatch_is_refused(redis_url):
    a = Index(redis_url=redis_url, name="mismatch")
    a.clear()
    try:
        with pytest.raises(ConfigMismatchError, match="shingle"):
            Index(redis_url=redis_url, name="mismatch", shingle=5)
        b = Index(redis_url=redis_url, name="mismatch")  # same options: fine
        a.add("a", join(FLOOD))
        assert "a" in b and len(b) == 1
    finally:
        a.clear()


def test_add_many_with_worker_processes_matches_one_process(news):
    one = Index(batch_size=3)
    one.add_many(news.items())
    two = Index(batch_size=3)
    assert two.add_many(news.items(), workers=2) == len(news)
    assert two.ids() == one.ids()
    for k in ("flood-wire", "ar-copy"):
        assert [(m.doc_id, m.score) for m in two.query(news[k])] == \
            [(m.doc_id, m.score) for m in one.query(news[k])]
    with pytest.raises(InputError, match="workers"):
        one.add_many([], workers=0)
    with pytest.raises(InputError, match="'bad'"):
        Index().add_many([("bad", 42)], workers=2)


@settings(max_examples=8, deadline=None)
@given(st.data())
def test_families_partition_any_subset_of_the_corpus(data):
    from conftest import corpus

    news = corpus()
    ids = data.draw(st.lists(st.sampled_from(sorted(news)), unique=True, max_size=len(news)))
    dated = data.draw(st.booleans())
    idx = Index()
    for k in ids:
        idx.add(k, news[k], **({"published": PUBLISHED[k]} if dated else {}))
    fams = idx.families()
    members = [d for f in fams for d in f]
    assert sorted(members) == sorted(ids)
    for f in fams:
        assert f.members[0] == f.original and len(set(f)) == len(f)
    assert fams == idx.families()


def test_clear_never_reuses_document_numbers(news):
    idx = Index()
    idx.add("a", news["flood-wire"])
    before = idx._store.numbers(["a"])[0]
    idx.clear()
    assert len(idx) == 0 and idx.ids() == [] and idx.query(news["flood-wire"]) == []
    idx.add("b", news["chip-wire"])
    after = idx._store.numbers(["b"])[0]
    assert before is not None and after is not None and after > before
    assert [m.doc_id for m in idx.query(news["chip-wire"])][:1] == ["b"]
    assert idx.ids() == ["b"] and idx.get("b")[0] == news["chip-wire"]
    assert [list(f) for f in idx.families()] == [["b"]]
    idx.remove("b")
    assert len(idx) == 0


def test_families_after_numbers_ran_far_ahead(news, monkeypatch):
    """Numbers never come back, so they run ahead of the count of documents: families
    index their arrays by rank, not by number (same families, small arrays)."""
    fresh = Index()
    aged = Index()
    for _ in range(3):
        aged.add("x", news["chip-wire"])
        aged.clear()
    for idx in (fresh, aged):
        for k in sorted(news):
            idx.add(k, news[k])
    sizes = []
    import syndetect.index as index_module

    real = index_module.candidate_pairs

    def spy(*args, **kw):
        sizes.append(len(args[4]))  # unit_base: one entry per document
        return real(*args, **kw)

    monkeypatch.setattr(index_module, "candidate_pairs", spy)
    assert [list(f) for f in aged.families()] == [list(f) for f in fresh.families()]
    assert sizes == [len(news), len(news)]


def test_query_refuses_a_bare_string_exclude_and_a_bool_limit(news):
    idx = Index()
    idx.add("w", news["flood-wire"])
    idx.add("c", news["flood-copy"])
    with pytest.raises(InputError, match=r"exclude=\['w'\]"):
        idx.query(news["flood-wire"], exclude="w")
    with pytest.raises(InputError, match="limit must be a positive integer"):
        idx.query(news["flood-wire"], limit=True)
    assert [m.doc_id for m in idx.query(news["flood-wire"], exclude=["w"])] == ["c"]
