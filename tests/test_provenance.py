"""Provenance: who copied from whom inside a family, with evidence and time bounds."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from syndetect import Index
from syndetect.errors import InputError, UnknownDocumentError
from syndetect.provenance import Edge, ProvenanceGraph, family_provenance, provenance

# A wire story written for these tests, and the outlets' versions of it.
WIRE = [
    "GENEVA (Reuters) - The World Health Organization said on Friday that a new strain of "
    "avian influenza had been found in poultry farms in three countries of southern "
    "Europe, and urged governments to step up testing of farm workers.",
    "The agency said forty-two outbreaks had been reported since the start of the month, "
    "most of them on large egg farms, and that no case of transmission between humans "
    "had been confirmed so far.",
    "Health officials in Italy ordered the culling of more than two hundred thousand "
    "hens near Verona, while Spain closed livestock markets in two provinces for a "
    "week as a precaution.",
    "Scientists at the agency's laboratory network said the strain carried mutations "
    "that could help it spread among mammals, and called for samples to be shared "
    "quickly with the international influenza surveillance system.",
    "Poultry prices rose sharply in wholesale markets across the region, traders said, "
    "as supermarkets warned that egg shortages could last until the spring.",
]
LOCAL = ("Farmers in our region say they have already tightened hygiene rules on their "
         "farms and are waiting for guidance from the ministry of agriculture.")


def join(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs) + "\n"


def at(hours: float) -> str:
    return (datetime(2025, 3, 7, 8, 0) + timedelta(hours=hours)).isoformat()


def chain() -> dict[str, tuple[str, dict[str, str]]]:
    """wire -> daily (respells, adds a local paragraph) -> weekly (copies daily, cuts
    the tail); portal copies the wire directly with its own number change."""
    daily = [WIRE[0].replace("GENEVA (Reuters) - ", "").replace("Organization",
                                                                "Organisation"),
             LOCAL] + WIRE[1:4]
    weekly = ["Bird flu spreads in Europe."] + daily[:4]
    portal = [WIRE[0], WIRE[1].replace("forty-two", "forty-five")] + WIRE[2:]
    return {
        "wire": (join(WIRE), {"outlet": "Reuters", "published": at(0)}),
        "daily": (join(daily), {"outlet": "Daily", "published": at(1)}),
        "portal": (join(portal), {"outlet": "Portal", "published": at(2)}),
        "weekly": (join(weekly), {"outlet": "Weekly", "published": at(30)}),
    }


def test_copy_of_a_copy_is_attributed_to_the_intermediate():
    g = provenance(chain())
    assert isinstance(g, ProvenanceGraph) and g.original == "wire"
    assert g.parent("weekly") == "daily"
    assert g.parent("daily") == "wire"
    assert g.parent("portal") == "wire"
    assert g.parent("wire") is None
    assert set(g.children("wire")) == {"daily", "portal"}
    e = next(e for e in g.edges if e.target == "weekly")
    assert isinstance(e, Edge) and e.shared_edits >= 1.5  # respelling 0.5 + addition 1
    text = " ".join(e.evidence)
    assert "respelling 'Organization' -> 'Organisation' absent from the wire" in text
    assert "added passage 'Farmers in our region" in text
    assert "published 29 h after daily" in text
    assert 0.5 < e.confidence <= 1.0
    assert g.to_dict()["edges"][0]["source"] == "wire"
    assert len(g.lines()) == len(g) == 3


def test_nobody_copies_from_the_future():
    docs = chain()
    text, meta = docs["weekly"]
    # the same text, but published before the daily it resembles
    docs["weekly"] = (text, {**meta, "published": at(0.5)})
    g = provenance(docs)
    assert g.parent("weekly") == "wire"
    assert g.parent("daily") == "wire"


def test_contradicting_edit_rules_out_a_source():
    docs = chain()
    # this copy shares the respelling, but keeps the paragraph daily cut... and the
    # number the portal changed: it cannot come from portal
    both = [WIRE[0].replace("GENEVA (Reuters) - ", "").replace("Organization",
                                                               "Organisation")] + WIRE[1:]
    docs["site"] = (join(both), {"published": at(3)})
    g = provenance(docs)
    assert g.parent("site") != "portal"


def test_original_given_and_errors():
    docs = chain()
    g = provenance(docs, original="wire")
    assert g.nodes[0] == "wire"
    with pytest.raises(InputError, match="not among the documents"):
        provenance(docs, original="nope")
    with pytest.raises(InputError, match="non-empty"):
        provenance({})
    with pytest.raises(InputError, match="ISO 8601"):
        provenance({"a": ("text", {"published": "yesterday"})})
    with pytest.raises(InputError, match="text, metadata"):
        provenance({"a": "just text"})  # type: ignore[dict-item]
    with pytest.raises(UnknownDocumentError):
        g.parent("nope")


def test_without_dates_the_hub_is_the_original():
    docs = {k: (t, {}) for k, (t, _) in chain().items()}
    g = provenance(docs)
    assert g.original == "wire"
    assert g.parent("weekly") == "daily"


AR_WIRE = [
    "أبها 3 جمادى الآخرة 1447 هـ الموافق 24 نوفمبر 2025 م واس",
    "افتتح أمير منطقة عسير اليوم مهرجان الربيع في مدينة أبها بمشاركة أكثر من مئتي حرفي "
    "وحرفية من مختلف محافظات المنطقة، وسط حضور كبير من الزوار والسياح.",
    "ويتضمن المهرجان الذي يستمر عشرة أيام معارض للحرف اليدوية والمنتجات الزراعية، "
    "وعروضاً للفنون الشعبية، وفعاليات للأطفال في الحدائق العامة بالمدينة.",
    "وأكد رئيس اللجنة المنظمة أن المهرجان يهدف إلى دعم الأسر المنتجة وتنشيط السياحة "
    "الداخلية، متوقعاً أن يتجاوز عدد الزوار خمسين ألف زائر خلال أيامه.",
]
AR_ADD = ("وكانت المنطقة قد شهدت خلال الأسابيع الماضية أمطاراً غزيرة أعادت الخضرة إلى "
          "المرتفعات الجبلية وزادت من إقبال المصطافين عليها.")


def test_arabic_chain_through_an_outlet():
    a = "أبها - سبق\n\n" + join([AR_WIRE[1], AR_ADD] + AR_WIRE[2:])
    b = "متابعات\n\n" + join([AR_WIRE[1], AR_ADD, AR_WIRE[2]])
    docs = {"spa": (join(AR_WIRE), {"published": "2025-11-24T09:00:00+03:00"}),
            "sabq": (a, {"published": "2025-11-24T10:00:00+03:00"}),
            "other": (b, {"published": "2025-11-24T13:00:00+03:00"})}
    g = provenance(docs)
    assert g.parent("sabq") == "spa"
    assert g.parent("other") == "sabq"


def test_family_provenance_from_an_index():
    idx = Index()
    for k, (t, m) in chain().items():
        idx.add(k, t, **m)
    fams = idx.families()
    fam = next(f for f in fams if "weekly" in f)
    g = family_provenance(idx, fam)
    assert g.original == fam.original == "wire"
    assert g.parent("weekly") == "daily"
    for bad in (5, "wire"):
        with pytest.raises(InputError, match="family must be"):
            family_provenance(idx, bad)


@settings(max_examples=12, deadline=None)
@given(st.permutations(["daily", "portal", "weekly"]),
       st.lists(st.floats(min_value=0.1, max_value=40), min_size=3, max_size=3))
def test_edges_never_point_backwards_in_time(names, hours):
    base = chain()
    docs = {"wire": base["wire"]}
    for name, h in zip(names, hours):
        text, meta = base[name]
        docs[name] = (text, {**meta, "published": at(h)})
    g = provenance(docs)
    when = {k: m["published"] for k, (_, m) in docs.items()}
    assert len(g.edges) == len(docs) - 1
    assert sorted(g.nodes) == sorted(docs)
    for e in g.edges:
        assert when[e.source] <= when[e.target]
        assert 0.0 <= e.confidence <= 1.0
    # a tree: every node but the original has one parent
    assert sorted(e.target for e in g.edges) == sorted(set(docs) - {"wire"})


def test_deterministic_whatever_the_input_order():
    docs = chain()
    g1 = provenance(docs)
    g2 = provenance(dict(reversed(list(docs.items()))))
    assert g1 == g2
