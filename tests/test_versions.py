"""Story versions: which take of a wire story a copy was cut from, and grouping takes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from syndetect import Index
from syndetect.errors import InputError
from syndetect.versions import VersionGroup, closest_version, group_versions

# A wire story sent three times: a first take, an update with a new lead paragraph
# and a higher toll, and a write-through adding reaction at the end. Written for
# these tests.
TAKE = [
    "KYIV (AFP) - A Russian missile strike on a residential district of Kharkiv killed "
    "seven people on Thursday, regional officials said, as air raid sirens sounded across "
    "eastern Ukraine for most of the night.",
    "Governor Oleh Synegubov said rescuers were still searching the rubble of a five-storey "
    "building for survivors, and that twenty-three people had been taken to hospital, four "
    "of them children.",
    "The strike came hours after Ukraine's foreign minister appealed to Western allies for "
    "more air defence systems, warning that power stations would be the next targets as "
    "winter approached.",
    "Russia's defence ministry did not comment on the strike but said its forces had hit "
    "military infrastructure and fuel depots used by the Ukrainian army in the region.",
]
NEW_LEAD = ("The toll rose through the morning as emergency workers pulled more bodies from "
            "the collapsed stairwell, the interior minister said in a televised statement.")
REACTION = ("President Volodymyr Zelensky condemned what he called a deliberate attack on "
            "sleeping families and said Ukraine would respond, in his nightly video address.")


def join(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs) + "\n"


def versions() -> dict[str, str]:
    update = [TAKE[0].replace("seven people", "eleven people"), NEW_LEAD] + TAKE[1:]
    return {"take-1": join(TAKE), "update": join(update),
            "write-through": join(update + [REACTION])}


def test_copy_of_the_first_take_matches_it_on_the_old_toll():
    copy = join(["World news in brief."] + TAKE[:3])
    m = closest_version(copy, versions())
    assert m.version_id == "take-1"
    assert m.related and m.margin > 0.5
    assert any("seven people" in p.text for p in m.evidence)
    assert m.runner_up is not None and m.informative > 0


def test_copy_of_the_update_matches_it_not_the_superset_write_through():
    v = versions()
    copy = join([TAKE[0].replace("KYIV (AFP) - ", "").replace("seven", "eleven"), NEW_LEAD,
                 TAKE[1]])
    m = closest_version(copy, v)
    assert m.version_id == "update"
    # the write-through contains all of the update: only the tie-break separates them
    assert m.scores["write-through"] == m.scores["update"]
    assert m.scores["take-1"] < 0.2
    assert any("toll rose" in p.text for p in m.evidence)
    assert "update" in m.explain()


def test_copy_keeping_only_the_new_toll_still_finds_the_update():
    v = versions()
    del v["write-through"]
    copy = join([TAKE[0].replace("seven", "eleven")] + TAKE[1:3])
    m = closest_version(copy, v)
    assert m.version_id == "update"
    assert m.scores["update"] == 1.0 and m.scores["take-1"] == 0.0
    assert all(c > 0.9 for c in m.coverage.values())  # raw coverage cannot tell them apart


def test_write_through_reaction_decides():
    copy = join(TAKE[1:3] + [REACTION])
    m = closest_version(copy, list(versions().items()))  # (id, text) pairs work too
    assert m.version_id == "write-through"
    assert m.to_dict()["version_id"] == "write-through"
    assert m.to_dict()["evidence"][0]["text"].startswith("President")


# Arabic: an SPA-style item and its correction (the amount corrected, a paragraph added).
AR = [
    "الرياض 14 ربيع الأول 1447 هـ الموافق 6 سبتمبر 2025 م واس",
    "وقعت وزارة الصحة اليوم عقداً لإنشاء مستشفى تخصصي جديد في محافظة الخرج بسعة ثلاثمئة "
    "سرير، بتكلفة تبلغ 420 مليون ريال، ضمن خطة الوزارة لتوسيع الخدمات الصحية في المحافظات.",
    "وأوضح المتحدث الرسمي للوزارة أن المستشفى سيضم أقساماً للقلب والأورام وطب الأطفال، "
    "إضافة إلى مركز للطوارئ يعمل على مدار الساعة، وأن العمل فيه سيبدأ مطلع العام المقبل.",
    "وبين أن المشروع سيوفر أكثر من ألف وظيفة للكوادر الصحية الوطنية، وسيخفف الضغط على "
    "مستشفيات العاصمة التي يراجعها سكان المحافظات المجاورة.",
]
AR_FIX = ("وأشار إلى أن المستشفى سيرتبط بمنصة الصحة الافتراضية لتقديم الاستشارات الطبية عن "
          "بعد لسكان القرى والهجر التابعة للمحافظة.")


def test_arabic_correction_is_matched_by_the_corrected_amount():
    first = join(AR)
    fixed = join([AR[0], AR[1].replace("420", "480")] + AR[2:] + [AR_FIX])
    copy_fixed = "الخرج - متابعات\n\n" + join([AR[1].replace("420", "480"), AR[2]])
    copy_first = "شارك الخبر\n\n" + join(AR[1:3])
    v = {"first": first, "correction": fixed}
    assert closest_version(copy_fixed, v).version_id == "correction"
    assert closest_version(copy_first, v).version_id == "first"


def test_unrelated_copy_has_no_version():
    m = closest_version(join(["The city council approved a new budget for road repairs "
                              "and school buses on Monday after a long debate."]), versions())
    assert m.version_id is None and not m.related
    assert "no passage" in m.explain()


def test_bad_input_names_the_fix():
    with pytest.raises(InputError, match="at least one version"):
        closest_version("text", {})
    with pytest.raises(InputError, match="appears twice"):
        closest_version("text", [("a", "x"), ("a", "y")])
    with pytest.raises(InputError, match="ngram"):
        closest_version("text", {"a": "x"}, ngram=0)
    with pytest.raises(InputError, match="unknown option"):
        closest_version("text", {"a": "x"}, min_pasage=3)
    with pytest.raises(InputError, match=r"outlets=\['AP'\]"):
        group_versions({"a": ("x", {})}, outlets="AP")


def test_group_versions_same_outlet_close_in_time():
    v = versions()
    docs = {
        "afp-1": (v["take-1"], {"outlet": "AFP", "published": "2025-03-06T05:00:00+00:00"}),
        "afp-2": (v["update"], {"outlet": "AFP", "published": "2025-03-06T07:30:00+00:00"}),
        "afp-3": (v["write-through"], {"outlet": "AFP",
                                       "published": "2025-03-06T11:00:00+00:00"}),
        "paper": (join(TAKE[:3]), {"outlet": "Daily", "published": "2025-03-06T06:00:00"}),
        "afp-old": (v["take-1"], {"outlet": "AFP", "published": "2025-02-01T05:00:00+00:00"}),
        "ar-1": (join(AR), {"outlet": "SPA", "published": "2025-09-06T09:00:00+03:00"}),
    }
    groups = group_versions(docs, max_hours=24)
    assert groups == [VersionGroup("AFP", ("afp-1", "afp-2", "afp-3"))]
    assert list(groups[0]) == ["afp-1", "afp-2", "afp-3"]
    assert group_versions(docs, outlets={"SPA"}) == []
    idx = Index()
    for k, (t, m) in docs.items():
        idx.add(k, t, **m)
    assert group_versions(idx, max_hours=24) == groups


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(["take-1", "update", "write-through"]),
       st.integers(min_value=0, max_value=2))
def test_scores_are_shares_and_the_best_scores_highest(source, cut):
    v = versions()
    paras = v[source].strip().split("\n\n")
    copy = join(paras[cut:])
    m = closest_version(copy, v)
    assert m.version_id is not None
    assert all(0.0 <= s <= 1.0 for s in m.scores.values())
    assert m.scores[m.version_id] == max(m.scores.values())
    assert 0.0 <= m.margin <= 1.0
    for p in m.evidence:
        assert copy[p.start:p.end] == p.text
    # the copy always keeps a passage that only its source (or a superset) has
    assert m.scores[source] == m.scores[m.version_id]


def test_match_versions_over_an_index():
    from syndetect.versions import match_versions

    v = versions()
    idx = Index()
    for k, t in v.items():
        idx.add(k, t, outlet="AFP")
    idx.add("paper-old", join(["News in brief."] + TAKE[:3]), outlet="Paper")
    idx.add("paper-new", join([TAKE[0].replace("seven", "eleven"), NEW_LEAD, TAKE[2]]),
            outlet="Site")
    idx.add("other", join(["The city council approved a new budget for road repairs and "
                           "school buses on Monday after a long and heated debate."]))
    got = match_versions(idx, ["take-1", "update", "write-through"])
    assert sorted(got) == ["paper-new", "paper-old"]
    assert got["paper-old"].version_id == "take-1"
    assert got["paper-new"].version_id == "update"
    with pytest.raises(InputError, match="at least one"):
        match_versions(idx, [])
