"""Wire credits, datelines and bylines (syndetect.credits), and credit status.

Every text here is written for these tests.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from syndetect import credits as credits_module
from syndetect.credits import (
    Credit,
    canonical_agency,
    credit_status,
    detect_credits,
    line_credits,
    status_from_credits,
)
from syndetect.errors import InputError

WIRE_EN = (
    "GENEVA (AFP) - Talks between the two delegations resumed on Monday after a week-long "
    "pause, a United Nations spokeswoman said.\n\n"
    "The envoy said both sides had agreed to discuss prisoner exchanges first."
)


def _one(text: str) -> Credit:
    found = detect_credits(text)
    assert len(found) == 1, found
    return found[0]


def _span(text: str, part: str) -> tuple[int, int]:
    i = text.index(part)
    return i, i + len(part)


# --------------------------------------------------------------------------- #
# English datelines and credits
# --------------------------------------------------------------------------- #


def test_lead_dateline_with_agency_in_parentheses() -> None:
    c = _one(WIRE_EN)
    assert (c.start, c.end) == (0, 14)
    assert (c.kind, c.agency, c.place, c.text) == ("dateline", "AFP", "GENEVA", "GENEVA (AFP) -")


def test_dateline_with_dash_before_agency_and_en_dash_after() -> None:
    text = "Kiev - (AFP) – Air raid sirens sounded across the capital before dawn."
    c = _one(text)
    assert (c.start, c.end) == (0, 14)
    assert (c.place, c.agency, c.text) == ("Kiev", "AFP", "Kiev - (AFP) –")


def test_reuters_dateline_with_date_and_reporting_line() -> None:
    text = ("LAGOS, March 3 (Reuters) - Nigeria's central bank held its key rate at 18.75%.\n\n"
            "(Reporting by Ade Bello; Editing by Mark Tan)")
    lead, byline = detect_credits(text)
    assert (lead.start, lead.end, lead.kind, lead.place, lead.agency) == (
        0, 26, "dateline", "LAGOS", "Reuters")
    assert lead.text == "LAGOS, March 3 (Reuters) -"
    assert byline.kind == "byline" and byline.agency == "Reuters"
    reporting = "(Reporting by Ade Bello; Editing by Mark Tan)"
    assert (byline.start, byline.end) == _span(text, reporting)


def test_ap_dateline_without_dash() -> None:
    c = _one("WASHINGTON (AP) The Senate voted late on Thursday to extend the program.")
    assert (c.text, c.agency, c.place) == ("WASHINGTON (AP)", "AP", "WASHINGTON")


def test_closing_credits() -> None:
    text = ("The port reopened after two days.\n\n"
            "Officials expect traffic to return to normal by the weekend. — Agencies\n\n"
            "Shipping firms welcomed the decision (AFP)\n\n"
            "© Reuters 2024")
    found = detect_credits(text)
    assert [(c.text, c.agency, c.kind) for c in found] == [
        ("— Agencies", "Agencies", "credit"),
        ("(AFP)", "AFP", "credit"),
        ("© Reuters 2024", "Reuters", "credit"),
    ]
    assert [(c.start, c.end) for c in found] == [
        _span(text, "— Agencies"), _span(text, "(AFP)"), _span(text, "© Reuters 2024")]


def test_credit_lines_and_bylines() -> None:
    text = "Agencies\nBy Jane Doe\nThe storm weakened overnight.\n- with AFP"
    found = detect_credits(text)
    assert [(c.kind, c.agency, c.text) for c in found] == [
        ("credit", "Agencies", "Agencies"),
        ("byline", None, "By Jane Doe"),
        ("credit", "AFP", "- with AFP"),
    ]


def test_contributed_lines() -> None:
    text = ("The storm weakened overnight.\n\n"
            "The Associated Press contributed to this report.\n"
            "Additional reporting by Reuters\n"
            "The mayor contributed to this report.")
    found = detect_credits(text)
    assert [(c.kind, c.agency, c.text) for c in found] == [
        ("credit", "AP", "The Associated Press contributed to this report."),
        ("credit", "Reuters", "Additional reporting by Reuters"),
    ]


@pytest.mark.parametrize("line", [
    "— Agence France-Presse", "Agence France-Presse", "- Agence France-Presse.",
    "(Agence France-Presse)", "© Agence France-Presse", "Anadolu", "— Anadolu Agency",
])
def test_agency_full_name_alone_or_after_a_dash(line: str) -> None:
    text = "The ferry sank off the coast on Sunday.\n\n" + line
    c = _one(text)
    assert (c.kind, c.text, c.place) == ("credit", line, None)
    assert (c.start, c.end) == (len(text) - len(line), len(text))
    assert c.agency == ("Anadolu" if "Anadolu" in line else "AFP")


def test_verbatim_afp_copy_signed_with_the_full_name_credits_the_wire() -> None:
    copy = COPY_BODY + "\n\n— Agence France-Presse"
    st = credit_status(WIRE_EN, copy)
    assert (st.status, [c.text for c in st.matched]) == (
        "credits_wire", ["— Agence France-Presse"])


@pytest.mark.parametrize(("line", "first"), [
    ("— AFP, Reuters", "AFP"), ("AFP and Reuters", "AFP"), ("Reuters/AFP", "Reuters"),
    ("- with AFP and AP", "AFP"), ("(AFP, Reuters)", "AFP"), ("رويترز وفرانس برس", "Reuters"),
])
def test_credits_naming_several_agencies(line: str, first: str) -> None:
    c = _one("The ferry sank off the coast on Sunday.\n\n" + line)
    assert (c.kind, c.text, c.agency) == ("credit", line, first)


def test_credits_naming_several_agencies_closing_a_line() -> None:
    for tail in ("— AFP, Reuters", "- Reuters and AFP", "(AFP and Reuters)", "(رويترز وفرانس برس)"):
        c = _one("The ferry sank off the coast on Sunday. " + tail)
        assert (c.kind, c.text) == ("credit", tail)


def test_several_agencies_credit_each_of_them() -> None:
    for wire_agency in ("AFP", "Reuters"):
        st = credit_status("x", COPY_BODY + "\n\nAFP and Reuters", wire_agency=wire_agency)
        assert st.status == "credits_wire"
    st = credit_status("x", COPY_BODY + "\n\nAFP and Reuters", wire_agency="AP")
    assert st.status == "credits_other"


def test_dateline_crediting_two_agencies() -> None:
    text = "PARIS (AFP/Reuters) - Talks resumed on Monday."
    c = _one(text)
    assert (c.kind, c.place, c.agency, c.text) == ("dateline", "PARIS", "AFP",
                                                   "PARIS (AFP/Reuters) -")
    merged = "Shares fell. TOKYO (Reuters, AFP) - Japan's exports rose."
    assert _one(merged).text == "TOKYO (Reuters, AFP) -"


def test_status_sees_every_agency_a_credit_names() -> None:
    st = credit_status(WIRE_EN, COPY_BODY + "\n\nReuters and AFP contributed to this report.")
    assert st.status == "credits_wire" and st.wire_agency == "AFP"
    assert [c.agency for c in st.matched] == ["Reuters"]  # the credit's first agency


def test_byline_naming_an_agency() -> None:
    c = _one("By Omar Haddad, Associated Press\nThe ceasefire held for a third day.")
    assert (c.kind, c.agency, c.text) == ("byline", "AP", "By Omar Haddad, Associated Press")


def test_generic_lead_credits() -> None:
    assert _one("Staff and agencies - The ferry sank off the coast.").text == \
        "Staff and agencies -"
    assert _one("Agencies - The ferry sank off the coast.").agency == "Agencies"


def test_agency_mentions_in_running_text_are_not_credits() -> None:
    text = ("The minister told AFP that Reuters and AP reporters could attend. "
            "By the end of the year, prices had risen again.\n\n"
            "Security agencies said the spa was closed.")
    assert detect_credits(text) == ()


def test_photo_credits_are_not_story_credits() -> None:
    assert detect_credits("AFP PHOTO / Anna Smith\nPhoto: © AFP\nGetty Images / AFP") == ()


def test_dateline_after_merged_paragraphs() -> None:
    text = "Shares fell. TOKYO (Reuters) - Japan's exports rose for a fifth month."
    c = _one(text)
    assert (c.text, c.place, c.agency) == ("TOKYO (Reuters) -", "TOKYO", "Reuters")
    assert (c.start, c.end) == _span(text, "TOKYO (Reuters) -")


# --------------------------------------------------------------------------- #
# French, Arabic, Russian
# --------------------------------------------------------------------------- #


def test_french_credits() -> None:
    text = ("PARIS (AFP) - Le Parlement a adopté mardi la réforme des retraites.\n\n"
            "Les syndicats appellent à une nouvelle journée de grève (avec AFP)\n\n"
            "AFP/Relaxnews\n\nPar Claire Martin")
    found = detect_credits(text)
    assert [(c.kind, c.agency, c.text) for c in found] == [
        ("dateline", "AFP", "PARIS (AFP) -"),
        ("credit", "AFP", "(avec AFP)"),
        ("credit", "AFP", "AFP/Relaxnews"),
        ("byline", None, "Par Claire Martin"),
    ]


def test_arabic_afp_dateline() -> None:
    text = "القاهرة - (أ ف ب) - أعلنت الحكومة المصرية خفض أسعار الوقود اعتبارا من الغد."
    c = _one(text)
    assert (c.start, c.end) == (0, 19)
    assert (c.kind, c.agency, c.place, c.text) == (
        "dateline", "AFP", "القاهرة", "القاهرة - (أ ف ب) -")


def test_spa_dateline_line() -> None:
    text = ("الدمام 3 جمادى الأولى 1446 هـ الموافق 5 نوفمبر 2024 م واس\n"
            "افتتح أمير المنطقة الشرقية معرض الكتاب بمشاركة أكثر من 300 دار نشر.")
    c = _one(text)
    line = text.split("\n")[0]
    assert (c.start, c.end) == (0, len(line))
    assert (c.kind, c.agency, c.place) == ("dateline", "SPA", "الدمام")


def test_spa_dateline_rewrapped_over_two_lines() -> None:
    text = ("تبوك 3 جمادى الأولى 1446 هـ الموافق\n5 نوفمبر 2024 م واس\n"
            "دشن أمير المنطقة مشروعا جديدا للمياه.")
    c = _one(text)
    assert c.text == "تبوك 3 جمادى الأولى 1446 هـ الموافق\n5 نوفمبر 2024 م واس"
    assert c.place == "تبوك"


def test_spa_dateline_run_into_the_first_sentence() -> None:
    text = ("تمهيد قصير.\n\nأبها 3 جمادى الأولى 1446 هـ الموافق\n5 نوفمبر 2024 م واس "
            "افتتح أمير المنطقة مهرجان الصيف في المدينة.")
    c = _one(text)
    assert c.text == "أبها 3 جمادى الأولى 1446 هـ الموافق\n5 نوفمبر 2024 م واس"
    assert (c.start, c.place, c.agency) == (text.index("أبها"), "أبها", "SPA")


def test_arabic_credits_in_parentheses_and_lines() -> None:
    text = ("الرياض (واس) - وقعت المملكة اتفاقية تعاون جديدة.\n"
            "وأكد الوزير أهمية الاتفاقية للطرفين (رويترز)\n"
            "جدة - وكالات: ارتفعت أسعار النفط.\n"
            "وكالات\n"
            "المصدر: صحيفة الوطن")
    found = detect_credits(text)
    assert [(c.kind, c.agency, c.place, c.text) for c in found] == [
        ("dateline", "SPA", "الرياض", "الرياض (واس) -"),
        ("credit", "Reuters", None, "(رويترز)"),
        ("dateline", "Agencies", "جدة", "جدة - وكالات:"),
        ("credit", "Agencies", None, "وكالات"),
        ("credit", "صحيفة الوطن", None, "المصدر: صحيفة الوطن"),
    ]


def test_source_lines_name_a_publisher_or_nothing() -> None:
    found = detect_credits("Text.\nSource: Reuters\nSource: Daily Star\nSource: 381 US 437\n"
                           "Source: www.example.org")
    assert [(c.text, c.agency) for c in found] == [
        ("Source: Reuters", "Reuters"), ("Source: Daily Star", "Daily Star"),
        ("Source: 381 US 437", None), ("Source: www.example.org", None)]


def test_arabic_mentions_are_not_credits() -> None:
    # "واسعة" contains the letters of "واس"; "لرويترز" is "told Reuters".
    text = "شهدت المدينة حملة واسعة للتشجير، وقال مسؤول لرويترز إن الحملة ستستمر."
    assert detect_credits(text) == ()


@pytest.mark.parametrize(("text", "credit", "place", "kind"), [
    ("МОСКВА, 3 ноября. /ТАСС/. Президент провел совещание с правительством.",
     "МОСКВА, 3 ноября. /ТАСС/.", "МОСКВА", "dateline"),
    ("КИЕВ, 3 ноября. /ТАСС/.", "КИЕВ, 3 ноября. /ТАСС/.", "КИЕВ", "dateline"),
    ("МОСКВА /ТАСС/. Правительство утвердило план.", "МОСКВА /ТАСС/.", "МОСКВА", "dateline"),
    ("САНКТ-ПЕТЕРБУРГ, 12 мая. /Корр. ТАСС Иван Петров/. Открылся форум.",
     "САНКТ-ПЕТЕРБУРГ, 12 мая. /Корр. ТАСС Иван Петров/.", "САНКТ-ПЕТЕРБУРГ", "dateline"),
    ("ЖЕНЕВА, 3 ноября. /Спец. корр. ТАСС/. Переговоры возобновились.",
     "ЖЕНЕВА, 3 ноября. /Спец. корр. ТАСС/.", "ЖЕНЕВА", "dateline"),
    ("МОСКВА, 3 ноября. /ИТАР-ТАСС/. Текст.", "МОСКВА, 3 ноября. /ИТАР-ТАСС/.", "МОСКВА",
     "dateline"),
    ("Переговоры продолжатся.\n/Корр. ТАСС/", "/Корр. ТАСС/", None, "credit"),
    ("Переговоры продолжатся.\n/ТАСС/", "/ТАСС/", None, "credit"),
])
def test_tass_datelines_and_credits(text: str, credit: str, place: str | None,
                                    kind: str) -> None:
    c = _one(text)
    assert (c.kind, c.agency, c.place, c.text) == (kind, "TASS", place, credit)
    assert (c.start, c.end) == _span(text, credit)


def test_tass_dateline_is_clutter_and_names_the_wire() -> None:
    from syndetect.text import analyse
    wire = "МОСКВА, 3 ноября. /ТАСС/. Президент России провел совещание с правительством."
    copy = "Президент России провел совещание с правительством."
    assert credit_status(wire, copy).wire_agency == "TASS"
    assert credit_status(wire, "КИЕВ, 3 ноября. /ТАСС/. " + copy).status == "credits_wire"
    doc = analyse(wire)
    assert [(wire[b.start:b.end], b.reason) for b in doc.boilerplate] == [
        ("МОСКВА, 3 ноября. /ТАСС/.", "dateline")]


def test_russian_prose_mentioning_tass_is_not_a_credit() -> None:
    text = ("Президент заявил корреспонденту ТАСС, что переговоры продолжатся.\n\n"
            "Как сообщил ТАСС источник в министерстве, решение уже принято.\n\n"
            "МОСКВА, 3 ноября. Министр заявил ТАСС, что план утвержден.\n\n"
            "Об этом пишет ТАСС")
    assert detect_credits(text) == ()


@pytest.mark.parametrize(("text", "credit", "kind", "place"), [
    ("الرياض-واس\nأعلنت وزارة الصحة عن حملة جديدة.", "الرياض-واس", "dateline", "الرياض"),
    ("الرياض-واس أعلنت وزارة الصحة عن حملة جديدة.", "الرياض-واس", "dateline", "الرياض"),
    ("جدة - واس\nأعلنت وزارة الصحة عن حملة جديدة.", "جدة - واس", "dateline", "جدة"),
    ("واس-أعلنت وزارة الصحة عن حملة جديدة.", "واس-", "credit", None),
    ("الرياض-واس-أعلنت وزارة الصحة عن حملة جديدة.", "الرياض-واس-", "dateline", "الرياض"),
])
def test_spa_joined_by_a_hyphen(text: str, credit: str, kind: str, place: str | None) -> None:
    c = _one(text)
    assert (c.kind, c.agency, c.place, c.text) == (kind, "SPA", place, credit)
    assert (c.start, c.end) == _span(text, credit)


def test_prose_naming_agencies_is_not_a_credit() -> None:
    text = (
        "The minister told AFP and Reuters on Monday that talks would resume, and he "
        "repeated it to AP later. Agence France-Presse reported that the envoy had left "
        "the capital for consultations, and Reuters said the date was not yet set.\n\n"
        "Agence France-Presse reported that the talks had stalled after the envoy left "
        "the capital for consultations with his government, and that no date was set.\n\n"
        "A Reuters-Ipsos poll (taken over three days) found that support had dropped.\n\n"
        "Reuters-Ipsos poll: support for the plan dropped.\n\n"
        "Thomson-Reuters: shares rose 3% on Monday.\n\n"
        "AP-NORC poll: most adults back the plan.\n\n"
        "Paris-AFP talks resume.\n\n"
        "The figures, compiled by AFP/Getty and Reuters, were disputed by the ministry.\n\n"
        "Anadolu Agency said on Monday that the talks had stalled.\n\n"
        "The data (AFP/Reuters tallies) show a rise.\n\n"
        "وقالت رويترز-نقلا عن مصادر إن المحادثات توقفت.\n\n"
        "Officials said AFP and Reuters"
    )
    assert detect_credits(text) == ()


def test_russian_ria_dateline() -> None:
    c = _one("МОСКВА, 19 дек — РИА Новости. Президент провел совещание с правительством.")
    assert (c.agency, c.place, c.text) == ("RIA Novosti", "МОСКВА", "МОСКВА, 19 дек — РИА Новости.")


# --------------------------------------------------------------------------- #
# Agencies and status
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(("name", "canon"), [
    ("Agence France-Presse", "AFP"), ("أ ف ب", "AFP"), ("ا ف ب", "AFP"), ("فرانس برس", "AFP"),
    ("REUTERS", "Reuters"), ("رويترز", "Reuters"), ("Associated Press", "AP"),
    ("واس", "SPA"), ("Saudi Press Agency", "SPA"), ("وكالات", "Agencies"),
    ("Staff and agencies", "Agencies"), ("ТАСС", "TASS"), ("(AFP)", "AFP"), ("Le Monde", None),
])
def test_canonical_agency(name: str, canon: str | None) -> None:
    assert canonical_agency(name) == canon


@pytest.mark.parametrize(("name", "canon"), [
    ("afp", "AFP"), ("Afp", "AFP"), ("reuters", "Reuters"), ("ap", "AP"), ("spa", "SPA"),
    ("Tass", "TASS"), ("тасс", "TASS"), ("/ТАСС/", "TASS"), ("ИТАР-ТАСС", "TASS"),
    ("itar-tass", "TASS"), ("agence france-presse", "AFP"), ("ASSOCIATED PRESS", "AP"),
    ("dpa", "dpa"), ("STAFF AND AGENCIES", "Agencies"), ("le monde", None), ("", None),
])
def test_canonical_agency_ignores_case(name: str, canon: str | None) -> None:
    assert canonical_agency(name) == canon


def test_canonical_agency_needs_a_string() -> None:
    with pytest.raises(InputError, match="as a str, such as 'AFP'"):
        canonical_agency(5)  # type: ignore[arg-type]


COPY_BODY = ("Talks between the two delegations resumed on Monday after a week-long pause, "
             "a United Nations spokeswoman said.")


def test_status_credits_wire() -> None:
    st = credit_status(WIRE_EN, "GENEVA (AFP) - " + COPY_BODY)
    assert st.status == "credits_wire" and st.wire_agency == "AFP"
    assert [c.text for c in st.matched] == ["GENEVA (AFP) -"]
    assert not st.uncredited


def test_status_generic_agencies_credit_the_wire() -> None:
    st = credit_status(WIRE_EN, COPY_BODY + "\n\n— Agencies")
    assert st.status == "credits_wire"
    assert "without naming AFP" in st.reason


def test_status_credits_other() -> None:
    st = credit_status(WIRE_EN, "GENEVA (Reuters) - " + COPY_BODY)
    assert st.status == "credits_other"
    assert st.matched == () and "Reuters, not AFP" in st.reason


def test_status_uncredited_even_with_a_staff_byline() -> None:
    st = credit_status(WIRE_EN, "By Sam Lee\n" + COPY_BODY)
    assert st.status == "uncredited" and st.uncredited
    assert [c.kind for c in st.credits] == ["byline"]


def test_status_arabic_spa_wire() -> None:
    wire = ("الدمام 3 جمادى الأولى 1446 هـ الموافق 5 نوفمبر 2024 م واس\n"
            "افتتح أمير المنطقة الشرقية معرض الكتاب.")
    assert credit_status(wire, "الدمام (واس) - افتتح أمير المنطقة الشرقية معرض الكتاب.") \
        .status == "credits_wire"
    assert credit_status(wire, "افتتح أمير المنطقة الشرقية معرض الكتاب.").status == "uncredited"


def test_status_with_given_wire_agency() -> None:
    st = credit_status("no credit here", "(Reuters) - copy", wire_agency="رويترز")
    assert st.status == "credits_wire" and st.wire_agency == "Reuters"
    with pytest.raises(InputError, match="canonical name such as 'AFP'"):
        credit_status("a", "b", wire_agency="Daily Bugle")


def test_status_wire_agency_in_any_case() -> None:
    copy = "GENEVA (AFP) - " + COPY_BODY
    for name in ("afp", "Afp", "agence france-presse"):
        st = credit_status("No credit here.", copy, wire_agency=name)
        assert (st.status, st.wire_agency) == ("credits_wire", "AFP")
    st = credit_status("x", "Shares fell (Reuters)", wire_agency="reuters")
    assert (st.status, st.wire_agency) == ("credits_wire", "Reuters")


def test_status_bad_wire_agency_or_text_is_an_input_error() -> None:
    for bad in (5, b"AFP", ["AFP"]):
        with pytest.raises(InputError, match="wire_agency must be an agency name as a str"):
            credit_status(WIRE_EN, "copy", wire_agency=bad)  # type: ignore[arg-type]
        with pytest.raises(InputError, match="wire_agency must be"):
            status_from_credits((), (), wire_agency=bad)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="decode bytes"):
        credit_status(b"PARIS (AFP) -", "copy", wire_agency="AFP")  # type: ignore[arg-type]


def test_status_unknown_wire_agency_any_credit_counts() -> None:
    st = credit_status("A wire without credits.", "Text (AFP)")
    assert st.status == "credits_wire" and st.wire_agency is None
    assert "unknown" in st.reason


def test_status_from_credits_matches_credit_status() -> None:
    copy = "GENEVA (Reuters) - " + COPY_BODY
    assert status_from_credits(detect_credits(WIRE_EN), detect_credits(copy)) == \
        credit_status(WIRE_EN, copy)


def test_to_dict_is_json_ready() -> None:
    import json

    st = credit_status(WIRE_EN, "By Sam Lee\nGENEVA (AFP) - " + COPY_BODY)
    d = json.loads(json.dumps(st.to_dict()))
    assert d["status"] == "credits_wire" and d["wire_agency"] == "AFP"
    assert [c["kind"] for c in d["credits"]] == ["byline", "dateline"]
    assert d["matched"] == [1]
    assert d["credits"][1] == {"start": 11, "end": 25, "kind": "dateline", "agency": "AFP",
                               "place": "GENEVA", "text": "GENEVA (AFP) -"}


def test_line_credits_reads_one_line() -> None:
    text = "Intro line.\nPARIS (AFP) - Body.\n(Reuters)"
    assert [c.text for c in line_credits(text, text.index("Body"))] == ["PARIS (AFP) -"]
    assert line_credits(text, 0) == ()


def test_bad_input_names_the_fix() -> None:
    with pytest.raises(InputError, match="decode bytes"):
        detect_credits(b"PARIS (AFP) -")  # type: ignore[arg-type]
    assert detect_credits("") == ()


def test_credits_are_frozen() -> None:
    c = _one(WIRE_EN)
    with pytest.raises(AttributeError):
        c.start = 3  # type: ignore[misc]


# --------------------------------------------------------------------------- #
# Properties
# --------------------------------------------------------------------------- #

PIECES = ["PARIS", "(AFP)", "-", "–", "—", "(", ")", "Agencies", "وكالات", "(واس)", "واس",
          "الرياض", "12", "١٢", "هـ", "By", "Jane", "Doe", "©", "2024", "with", "avec", "AFP",
          "Reuters", "رويترز", "أ ف ب", "said", "the", ".", ",", ":", "\n", "\n\n", " ",
          "Relaxnews", "/", "Source:", "المصدر:", "\u200f", "\u00a0", "МОСКВА", "РИА Новости"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join) | st.text(max_size=200))
def test_credits_offsets_in_bounds_and_exact(text: str) -> None:
    found = detect_credits(text)
    last_end = 0
    for c in found:
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start:c.end] == c.text
        assert c.start >= last_end  # sorted, disjoint
        last_end = c.end
        assert c.kind in ("dateline", "credit", "byline")
        assert c.text == c.text.strip()


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map(" ".join),
       st.lists(st.sampled_from(PIECES), max_size=30).map(" ".join))
def test_status_is_always_one_of_three(wire: str, copy: str) -> None:
    s = credit_status(wire, copy)
    assert s.status in ("credits_wire", "credits_other", "uncredited")
    assert (s.status == "uncredited") == (not any(c.agency for c in s.credits))
    assert set(s.matched) <= set(s.credits)


# --------------------------------------------------------------------------- #
# The C filter of credit lines (syndetect._scan.credit_lines)
# --------------------------------------------------------------------------- #

_FILTER_PIECES = PIECES + [
    "By:", "BY", "Par", "Von", "Por", "Автор", "Текст", "بقلم", "كتب", "إعداد", "Source",
    "SOURCE", "Credit", "Crédit", "Источник", "مصدر", "contributed", "The Associated Press",
    "Additional reporting by", "eporting", "Information from", "AFP/Relaxnews", "AFP-",
    "(Reuters)", "[AFP]", "St.", "ΑΣ", "İ", "\t", "\u2003", "\u2013", "\u2014", "-AFP",
    "2024", "AP.", "a.afp", "x/reuters", "(©", "واسط", "وام", "د ب أ", "Agence", "France-Presse",
    "РЕЙТЕР", "(Рейтер)", "ТАСС.", "AGENCIES", "Afp", "ÀFP", "REUTERS:", "МОСКВА -", "İAFP",
    "\x0b", "\u3000", "x" * 30, " " * 20, "Anadolu", "x/Reuters", "Reporting by", "- ",
    "/ТАСС/", "/ТАСС/.", "/Корр.", "ТАСС/", "ИТАР-ТАСС", "/", "3 ноября.", "الرياض-واس",
    "واس-", "-واس", "واس-أعلنت", "AFP/Reuters", "(AFP/Reuters)", "and", "و", "رويترز",
    "Agence France-Presse", "x-reuters", "Reuters-Ipsos", "-ا", "ب-", "-",
]


def _credits_in_python(text: str, **kw: object) -> tuple[Credit, ...]:
    saved = credits_module._scan
    credits_module._scan = None  # type: ignore[assignment]
    try:
        return detect_credits(text, **kw)  # type: ignore[arg-type]
    finally:
        credits_module._scan = saved


needs_c = pytest.mark.skipif(credits_module._scan is None,
                             reason="syndetect._scan was not compiled (no C compiler)")


@needs_c
@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_FILTER_PIECES), max_size=40).map(
    lambda ps: "".join(p + (" " if i % 3 else "\n") for i, p in enumerate(ps)))
    | st.text(st.sampled_from("aA(-[:–—) .\n©وا س١2\t/"), max_size=120))
def test_c_filter_only_drops_lines_without_credits(text: str) -> None:
    pats = credits_module._patterns()
    lines = credits_module._lines(text)
    kept = set(credits_module._scan.credit_lines(
        text, lines, pats.tail_words, pats.head_words, credits_module._BYLINE_STARTS,
        credits_module._SOURCE_STARTS))
    for i, (s, e) in enumerate(lines):
        if i not in kept:
            out: list[Credit] = []
            credits_module._line_credits(text, s, e, pats, out)
            assert out == [], (text[s:e], out)
    assert detect_credits(text) == _credits_in_python(text)


@needs_c
def test_c_filter_gives_the_same_credits_on_real_shapes() -> None:
    texts = [WIRE_EN, "PARIS (AFP) - Talks resumed.\n\n— Agencies",
             "By Jane Doe, AFP\nThe Associated Press contributed to this report.",
             "© AFP 2024\nSource: Reuters\n(Reporting by A; Editing by B)",
             "الرياض 12 ربيع الأول 1447 هـ الموافق 4 سبتمبر 2025 م واس\nقال الوزير.",
             "جدة - وكالات:\nنص الخبر.\n(أ ف ب)", "МОСКВА, 19 дек — РИА Новости. Текст.",
             "МОСКВА, 3 ноября. /ТАСС/. Текст.\n/Корр. ТАСС/", "x\n\n— Agence France-Presse",
             "Text.\nAgence France-Presse\n— AFP, Reuters\nAnadolu", "الرياض-واس\nنص.",
             "واس-أعلنت الوزارة.", "PARIS (AFP/Reuters) - Talks."]
    for text in texts:
        assert detect_credits(text) == _credits_in_python(text)
        assert detect_credits(text) != ()


@needs_c
def test_lines_the_c_filter_cannot_judge_go_to_python() -> None:
    np = pytest.importorskip("numpy")
    text = "PARIS (AFP) - Talks resumed.\n\n\u2014 Agencies"
    expected = ["PARIS (AFP) -", "\u2014 Agencies"]
    for lines in ([[0, 13], [30, 40]], np.array([[0, 13], [30, 40]]),
                  [(np.int64(0), np.int64(13)), (30, 40)], [(5, 5), (0, 13), (30, 40)],
                  [(0, 13), (30, 99)], [(0, 13), (-10, 40)], [(0, 13), (30, 2**80)]):
        assert detect_credits(text, lines=lines) == _credits_in_python(text, lines=lines)
    assert [c.text for c in detect_credits(text, lines=[[0, 13], [30, 40]])] == expected
    pats = credits_module._patterns()
    args = (pats.tail_words, pats.head_words, credits_module._BYLINE_STARTS,
            credits_module._SOURCE_STARTS)
    assert credits_module._scan.credit_lines("AFP\nsaid", [(0, 3), (4, 8)], *args) == [0]
    assert credits_module._scan.credit_lines("ab", [(0, 3), [0, 1], (1, 1), (0, 1)],
                                             *args) == [0, 1, 2]
    with pytest.raises(TypeError):
        credits_module._scan.credit_lines("ab", 5, *args)


def _boundary_texts() -> list[str]:
    """Credits just inside and just outside every window and length limit of
    _line_credits: the last word within 24 characters, "©" within 40, bylines up to
    90, source lines up to 70, contributed lines up to 160, an SPA "واس" within 130
    characters or ending a line of up to 160, a lead's marks within 90 characters and
    its agency among the first nine words."""
    out = []
    for k in range(0, 48):
        sp, pad = " " * k, "x" * k
        out += [
            f"Body of the story.\n\n\u2014 Agencies{sp}.", f"(Reuters{sp})", f"© AFP{sp}2024",
            f"©{sp}AFP 2024", f"Body\n\nAFP{sp}\u00a0", f"By Jane{pad}{pad} Doe",
            "By Jane Doe" + " Smith" * (k // 2) + ", AFP", f"Source: Reuters{sp}.",
            f"Source: Ministry{sp} of Health.",
            f"Source: Anadolu Agency{'.' * k}", f"Reporting by Anadolu{'.' * (k % 3)}",
            "The Associated Press" + " and Reuters" * (k // 3) + " contributed to this report.",
            "Additional reporting by AFP" + " " * (3 * k),
            "Information from" + " the" * k + " Reuters was used in this report.",
            "الرياض 12 ربيع 1447 هـ " + "الموافق " * (k // 2) + "4 سبتمبر 2025 م واس",
            "جدة 12 " + "ب" * (k * 3) + " واس قال",
            "PARIS" + " x" * k + " (AFP) - Talks.", "PARIS" + sp + "(AFP) - Talks.",
            "x" * (k * 2) + " (AFP)", "Paris (AFP" + "-" * k + ") talks",
            "Paris," + " Dec" * (k // 4) + " 19 (Reuters) -" + " word" * k,
            "St.Petersburg" + " y" * k + ", AFP -", "a.afp" + sp + " (AFP)",
            f"Reuters/{pad}", "x" * k + " AFP/Relaxnews", "(" * (k % 5) + "AFP) -",
            "Staff and agencies" + "." * k, "w " * k + "Agence France-Presse -",
            "МОСКВА, 19 дек" + sp + "\u2014 РИА Новости.",
            "(ا ف ب)" + sp, "وكالات" + "." * k,
            "headline\n" + "x" * (80 + k) + "-",
            # slashes, and hyphens beside Arabic letters, as marks of an opening credit
            "МОСКВА, 3" + " ноября" * (k // 3) + ". /ТАСС/. Текст.",
            "x" * (k * 2) + " /ТАСС/.", "/Корр." + sp + "ТАСС/", "ا" * k + "-واس",
            "واس" + sp + "-أعلنت", "x" * (k * 2) + "ب-" + " واس-", "w " * k + "الرياض-واس",
            "w " * k + "— Agence France-Presse", "x" * k + " Agence France-Presse",
            "Body.\n\n" + "x" * k + "ИТАР-ТАСС", "— AFP," + sp + "Reuters",
            "x" * k + "/ТАСС/.", "and/or " * (k // 4) + "(AFP)", "МОСКВА" + sp + "/ТАСС/",
            # an SPA dateline line of 100-150 characters whose "واس" ends it
            "ا" * 41 + " 12 " + "ب" * (50 + k) + " واس",
        ]
    # An opening credit whose only mark is the dash ending the text.
    out += ["Agence France-Presse-", "Body.\n\nAgence France-Presse-"]
    return out


@needs_c
def test_c_filter_at_every_window_and_length_limit() -> None:
    pats = credits_module._patterns()
    found = 0
    for text in _boundary_texts():
        lines = credits_module._lines(text)
        # the trimmed lines, and spans cut short or run over several lines
        spans = lines + [(s, e) for s, _ in lines for e in (s + 1, len(text))]
        kept = set(credits_module._scan.credit_lines(
            text, spans, pats.tail_words, pats.head_words, credits_module._BYLINE_STARTS,
            credits_module._SOURCE_STARTS))
        for i, (s, e) in enumerate(spans):
            out: list[Credit] = []
            credits_module._line_credits(text, s, e, pats, out)
            assert i in kept or out == [], (text, text[s:e], out)
            found += bool(out)
        assert detect_credits(text) == _credits_in_python(text)
    assert found > 1000  # the texts do hold credits, near every limit
