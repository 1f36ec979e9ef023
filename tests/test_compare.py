"""Behaviour of syndetect.compare on realistic republications."""

from __future__ import annotations

import pytest
from sample_texts import (
    CLUTTER_BOTTOM,
    CLUTTER_TOP,
    OUTLET_AR,
    OUTLET_EN,
    WIRE_AR,
    WIRE_EN,
    WIRE_RU,
    WIRE_ZH,
    paragraphs,
)

import syndetect
from syndetect import compare


def kinds(c: syndetect.Comparison) -> list[str]:
    return [d.kind for d in c.divergences]


def texts_of(c: syndetect.Comparison, kind: str) -> list[tuple[str, str]]:
    return [(c.a[d.a_start:d.a_end], c.b[d.b_start:d.b_end]) for d in c.divergences
            if d.kind == kind]


def test_identical_text_is_verbatim_with_full_coverage() -> None:
    c = compare(WIRE_EN, WIRE_EN)
    assert c.verdict == "verbatim"
    assert c.coverage_a == c.coverage_b == 1.0
    assert c.divergences == ()
    assert c.a is WIRE_EN and c.b is WIRE_EN


def test_page_clutter_is_reported_and_kept_out_of_the_verdict() -> None:
    page = CLUTTER_TOP + WIRE_EN + CLUTTER_BOTTOM
    c = compare(WIRE_EN, page)
    assert c.verdict == "verbatim"
    assert c.coverage_a == 1.0 and c.coverage_b == 1.0
    reasons = {(page[b.start:b.end], b.reason) for b in c.boilerplate_b}
    assert ("Logo", "repeated") in reasons
    assert ("WORLD NEWS", "label") in reasons
    assert ("Share your opinion", "clutter") in reasons
    assert ("Tags", "clutter") in reasons and ("Floods", "clutter") in reasons
    assert any(r == "dateline" for _, r in reasons)
    # The wire's own credit is boilerplate too.
    assert any(WIRE_EN[b.start:b.end] == "VIENNA (AFP) -" and b.reason == "dateline"
               for b in c.boilerplate_a)


def test_repeated_headline_is_boilerplate_but_its_first_occurrence_is_content() -> None:
    page = WIRE_EN + "\n\nShare your opinion\n\n" + WIRE_EN.splitlines()[0] + "\n"
    c = compare(WIRE_EN, page)
    assert c.verdict == "verbatim"
    assert [b.reason for b in c.boilerplate_b][-1] == "repeated"


def test_truncated_tail_is_a_heavy_edit_however_short() -> None:
    paras = paragraphs(WIRE_EN)
    copy = "\n\n".join(paras[:3])
    c = compare(WIRE_EN, copy)
    assert c.verdict == "heavy_edit"
    assert c.coverage_b == 1.0
    assert c.coverage_a < 0.5
    assert kinds(c) == ["deleted"]
    deleted = texts_of(c, "deleted")[0][0]
    assert deleted.startswith('"We have never seen') and deleted.endswith("15 billion euros.")


def test_respelling_and_number_change_are_rewrites_with_substitutions() -> None:
    copy = WIRE_EN.replace("Danube", "Donau").replace("4,300", "4,500")
    c = compare(WIRE_EN, copy)
    assert c.verdict == "light_edit"
    assert set(kinds(c)) == {"rewritten"}
    subs = {(c.a[s.a_start:s.a_end], c.b[s.b_start:s.b_end])
            for d in c.divergences for s in d.substitutions}
    assert subs == {("Danube", "Donau"), ("4,300", "4,500")}
    assert len(c.divergences) == WIRE_EN.count("Danube") + 1


@pytest.mark.parametrize("wire, copy", [
    ("Prices rose by 1.5% in October, the statistics office said on Tuesday in its "
     "monthly report.", "Prices rose by 15% in October, the statistics office said on "
     "Tuesday in its monthly report."),
    ("قال المكتب إن الأسعار ارتفعت بنسبة 1.5% في أكتوبر وفق التقرير الشهري للمكتب.",
     "قال المكتب إن الأسعار ارتفعت بنسبة ١٥٪ في أكتوبر وفق التقرير الشهري للمكتب."),
    ("The company said it would cut 4,300 jobs over two years across its European plants.",
     "The company said it would cut 43,00 jobs over two years across its European plants."),
])
def test_a_moved_decimal_point_is_a_changed_number(wire: str, copy: str) -> None:
    c = compare(wire, copy)
    assert c.verdict == "light_edit"
    assert kinds(c) == ["rewritten"]
    facts = syndetect.changed_facts(c)
    assert [f.kind for f in facts] == ["number"], facts


def test_digit_grouping_and_decimal_comma_are_the_same_number() -> None:
    wire = ("The quake killed 4,300 people and left 100,000 homeless; the ground rose 1.5 "
            "metres near the coast, officials said on Tuesday.")
    copy = ("The quake killed 4.300 people and left 1,00,000 homeless; the ground rose 1,5 "
            "metres near the coast, officials said on Tuesday.")
    c = compare(wire, copy)
    assert c.verdict == "verbatim"
    assert c.coverage_a == c.coverage_b == 1.0


def test_moved_paragraph_is_moved_not_deleted_and_inserted() -> None:
    paras = paragraphs(WIRE_EN)
    moved = paras.pop(8)  # "Two people died ..."
    paras.insert(3, moved)
    copy = "\n\n".join(paras)
    c = compare(WIRE_EN, copy)
    assert kinds(c) == ["moved"]
    d = c.divergences[0]
    assert c.a[d.a_start:d.a_end] == moved.strip()
    assert c.b[d.b_start:d.b_end] == moved.strip()
    assert d.a_start == WIRE_EN.index(moved) and d.b_start == copy.index(moved)
    assert c.coverage_a == 1.0 and c.coverage_b == 1.0  # a moved passage is still shared
    assert c.verdict == "light_edit"
    assert any(s.moved for s in c.shared)


@pytest.mark.parametrize("order", [(0, 3, 1, 2), (3, 0, 1, 2), (0, 2, 1, 3)])
def test_a_moved_paragraph_keeps_its_first_word_when_neighbours_open_alike(order) -> None:
    """Paragraphs open with "The" and end with "this year": the common beginning (or
    end) of the two texts must not run past a paragraph into the next and tear those
    words off the moved one."""
    paras = [
        "Officials said the bridge over the river would reopen on Monday after three weeks "
        "of repairs.",
        "The mayor thanked the workers and promised a festival for the whole town in the "
        "park this year.",
        "The traffic had been diverted through the old town, causing long delays for "
        "commuters this year.",
        "The council will vote next week on a budget for maintaining other bridges in the "
        "region.",
    ]
    a = "\n\n".join(paras)
    b = "\n\n".join(paras[i] for i in order)
    for c in (compare(a, b), compare(b, a)):
        assert kinds(c) == ["moved"], [(d.kind, c.a[d.a_start:d.a_end]) for d in c.divergences]
        assert c.coverage_a == c.coverage_b == 1.0


def test_a_sentence_inserted_before_one_opening_with_the_same_word_is_an_insertion() -> None:
    a = ("Police said the blast hit a market in the city centre. The army sealed off the "
         "area and searched nearby homes.")
    b = a.replace("The army", "The death toll rose to 12 overnight. The army")
    c = compare(a, b)
    assert texts_of(c, "inserted") == [("", "The death toll rose to 12 overnight.")]
    assert kinds(c) == ["inserted"] and c.coverage_a == 1.0


@pytest.mark.parametrize("edit", [
    ("We have never seen", "We have never ever seen"),
    ("in Krems, Melk and Tulln", "in Krems, Melk, Vienna and Tulln"),
    ("4,300 residents had left", "4,300 residents had not left"),
])
def test_a_few_words_added_inside_a_sentence_are_an_edit_not_verbatim(edit) -> None:
    """Under 2 % of a 300-word story, but inside a sentence: not a dateline or credit
    standing alone, so not verbatim."""
    assert edit[0] in WIRE_EN
    c = compare(WIRE_EN, WIRE_EN.replace(*edit))
    assert c.coverage_b > 0.98 and c.verdict == "light_edit", c.divergences
    # ... while a dateline or credit standing alone leaves it verbatim
    for copy in ("KREMS -\n\n" + WIRE_EN, WIRE_EN + " (AFP)", WIRE_EN + "\n\nAFP"):
        assert compare(WIRE_EN, copy).verdict == "verbatim", copy


def test_new_local_lead_is_an_insertion() -> None:
    lead = ("Residents of our city with family in Austria spent the night trying to reach "
            "them, the local Austrian association said on Tuesday.")
    paras = paragraphs(WIRE_EN)
    copy = "\n\n".join(paras[:1] + [lead] + paras[1:])
    c = compare(WIRE_EN, copy)
    assert texts_of(c, "inserted") == [("", lead)]
    d = [d for d in c.divergences if d.kind == "inserted"][0]
    assert d.a_start == d.a_end  # empty a side, anchored where the lead was added
    assert c.verdict == "light_edit"


def test_rewrapped_whitespace_and_restyled_quotes_stay_verbatim() -> None:
    words = WIRE_EN.replace('"', "\u201c", 1).replace("-", "\u2013").split()
    rewrapped = ""
    for i, w in enumerate(words):
        rewrapped += w + ("\n" if i % 9 == 8 else "  ")
    c = compare(WIRE_EN, rewrapped)
    assert c.verdict == "verbatim"
    assert c.coverage_a == 1.0


def test_the_bundled_example_shows_every_kind_of_edit() -> None:
    c = compare(WIRE_EN, OUTLET_EN)
    assert set(kinds(c)) == {"deleted", "inserted", "rewritten", "moved"}
    assert c.verdict in ("light_edit", "heavy_edit")
    assert 0.6 < c.coverage_a < 0.9 and 0.75 < c.coverage_b < 0.95
    subs = {(c.a[s.a_start:s.a_end], c.b[s.b_start:s.b_end])
            for d in c.divergences for s in d.substitutions}
    assert ("4,300", "4,500") in subs


def _stories_sharing_a_quote(opening: str, closing: str, apostrophe: str) -> tuple[str, str]:
    """Two independent stories quoting the chancellor at length, in the given marks."""
    quote = (opening + "We will rebuild every bridge and every road that this flood has "
             "taken from us, and we will do it before the winter comes, whatever the cost to "
             "the federal budget," + closing + " the chancellor told parliament.")
    story_a = ("Austria" + apostrophe + "s government approved a reconstruction plan on "
               "Wednesday as the floodwaters began to recede across the north of the "
               "country. " + quote + " Opposition parties said the plan came too late for "
               "farmers.")
    story_b = ("Lawmakers clashed in Vienna over the cost of the floods, with the finance "
               "minister warning of a larger deficit next year. " + quote +
               " The debate is expected to continue next week.")
    return story_a, story_b


def test_shared_quotation_alone_is_not_a_republication() -> None:
    story_a, story_b = _stories_sharing_a_quote('"', '"', "'")
    c = compare(story_a, story_b)
    assert c.verdict == "unrelated"
    assert any(s.quotation for s in c.shared)
    assert c.coverage_a > 0.4  # the quotation is shared and shown...
    assert c.evidence_a < 0.2  # ...but is not evidence of copying
    assert compare(story_a, story_b, quotations=False).verdict != "unrelated"


def test_a_shared_quotation_in_british_single_quotes_is_a_quotation() -> None:
    story_a, story_b = _stories_sharing_a_quote("\u2018", "\u2019", "\u2019")
    c = compare(story_a, story_b)
    assert c.verdict == "unrelated" and any(s.quotation for s in c.shared)
    # A single quotation inside another nests; it does not end the outer one.
    x = syndetect.analyse("The band said: \u2018Rock \u2018n\u2019 roll is back in the old "
                          "town hall tonight,\u2019 the singer told us.")
    quoted = [x.text[x.starts[i]:x.ends[i]] for i in range(len(x)) if x.quoted[i]]
    assert quoted[0] == "Rock" and quoted[-1] == "tonight"
    # Apostrophes are not quotation marks: nothing here is quoted.
    x = syndetect.analyse("Don\u2019t worry: the workers\u2019 union met in the \u201890s "
                          "and at Austria\u2019s border.")
    assert not any(x.quoted)


def test_a_few_wire_paragraphs_inside_another_story_are_partial() -> None:
    paras = paragraphs(WIRE_EN)
    other = [
        "The city council met on Tuesday evening to discuss the budget for next year, "
        "including new spending on schools, parks and the renovation of the old market hall.",
        "Council members argued for three hours over the cost of the market hall, which has "
        "been closed since a fire damaged its roof two winters ago.",
        "The mayor said the renovation would be paid for by selling two municipal buildings "
        "that have stood empty for years, a plan opposition members called short-sighted.",
        "Parents at the meeting asked for more crossing guards near the primary schools on "
        "the east side of town, where traffic has grown since the new bypass opened.",
        "The council also voted to extend the opening hours of the public library on "
        "weekends, after a petition signed by more than two thousand residents.",
        "A final vote on the budget is expected next month, after a public consultation "
        "that will run until the end of the year.",
    ]
    story = "\n\n".join(other[:3] + paras[5:7] + other[3:])
    c = compare(WIRE_EN, story)
    assert c.verdict == "partial"
    assert c.coverage_b < 0.4


def test_unrelated_stories_on_another_topic() -> None:
    c = compare(WIRE_EN, WIRE_RU)
    assert c.verdict == "unrelated"
    assert c.shared == ()


def test_arabic_diacritics_tatweel_digits_and_hamza_fold_for_matching() -> None:
    c = compare(WIRE_AR, OUTLET_AR)
    assert c.verdict == "verbatim", (c.coverage_a, c.coverage_b, texts_of(c, "rewritten"))
    # Offsets are in the original strings: the outlet's text keeps its diacritics.
    assert any("\u0640" in c.b[s.b_start:s.b_end] for s in c.shared)  # tatweel kept
    assert any("٣٥٠" in c.b[s.b_start:s.b_end] for s in c.shared)
    assert {b.reason for b in c.boilerplate_a} >= {"dateline", "clutter"}


def test_arabic_paragraph_dropped_is_a_deletion() -> None:
    paras = paragraphs(OUTLET_AR)
    copy = "\n\n".join(p for p in paras if not p.startswith("وأضاف"))
    c = compare(WIRE_AR, copy)
    assert texts_of(c, "inserted") == [("", "سبق - الرياض:")]  # the outlet's own dateline
    assert len(texts_of(c, "deleted")) == 1
    assert texts_of(c, "deleted")[0][0].startswith("وأضاف")
    assert c.verdict == "heavy_edit"  # a quarter of the story cut


def test_cyrillic_copy_with_a_changed_number() -> None:
    copy = WIRE_RU.replace("16 процентов", "15 процентов")
    c = compare(WIRE_RU, copy)
    assert c.verdict == "light_edit"
    (d,) = c.divergences
    assert (c.a[d.a_start:d.a_end], c.b[d.b_start:d.b_end]) == ("16", "15")
    assert any(b.reason == "dateline" for b in c.boilerplate_a)  # "МОСКВА, 3 ноября (Рейтер) -"


def test_cjk_text_without_spaces_aligns_by_character() -> None:
    paras = paragraphs(WIRE_ZH)
    copy = paras[0] + "\n\n" + paras[2]
    c = compare(WIRE_ZH, copy)
    assert c.verdict == "heavy_edit"
    assert kinds(c) == ["deleted"]
    assert texts_of(c, "deleted")[0][0] == paras[1].strip()


def test_zero_width_and_compatibility_characters_keep_original_offsets() -> None:
    a = "The e\ufb03cient o\ufb03cials met in Kyiv on Monday to discuss the reconstruction plan."
    b = "The efficient offi\u200bcials met in Kyiv on Monday to discuss the reconstruction plan."
    c = compare(a, b)
    assert c.verdict == "verbatim"
    (s,) = c.shared
    assert (s.a_start, s.a_end) == (0, len(a))
    assert (s.b_start, s.b_end) == (0, len(b))


@pytest.mark.parametrize("empty", ["", "   ", "\n\n\t  \u200b\n"])
def test_empty_or_blank_text_is_unrelated_not_an_error(empty: str) -> None:
    for c in (compare(empty, WIRE_EN), compare(WIRE_EN, empty), compare(empty, empty)):
        assert c.verdict == "unrelated"
        assert c.coverage_a == 0.0 or c.words_a > 0
        assert c.shared == ()


def test_short_identical_texts_are_verbatim() -> None:
    assert compare("Hello world", "hello, WORLD!").verdict == "verbatim"
    assert compare("Share your opinion", "Share your opinion").verdict == "verbatim"


def test_bad_input_raises_specific_errors() -> None:
    with pytest.raises(syndetect.InputError, match="must be a str"):
        compare(b"bytes", "text")  # type: ignore[arg-type]
    with pytest.raises(syndetect.InputError, match="decode"):
        compare("text", b"bytes")  # type: ignore[arg-type]
    with pytest.raises(syndetect.InputTooLargeError, match="max_chars"):
        compare("x" * 101, "y", max_chars=100)
    with pytest.raises(syndetect.InputError, match="unknown option"):
        compare("a", "b", min_mach=3)
    with pytest.raises(syndetect.InputError, match="positive integer"):
        compare("a", "b", min_match=0)
    for name, value in (("boilerplate", "no"), ("quotations", None), ("fuzzy", 1),
                        ("passage_gap", True), ("min_move", True)):
        with pytest.raises(syndetect.InputError, match=name):
            compare("a", "b", **{name: value})
    with pytest.raises(TypeError):
        compare("a", "b", 4)  # type: ignore[misc]  # options are keyword-only
    assert issubclass(syndetect.InputTooLargeError, syndetect.SyndetectError)


def test_to_dict_is_json_ready_with_schema_and_texts() -> None:
    import json

    c = compare(WIRE_EN, OUTLET_EN)
    d = c.to_dict()
    assert d["schema"] == syndetect.COMPARISON_SCHEMA
    assert json.loads(json.dumps(d)) == d
    assert d["verdict"] == c.verdict
    assert len(d["shared"]) == len(c.shared) and len(d["divergences"]) == len(c.divergences)
    for item in d["shared"]:
        assert item["a_text"] == WIRE_EN[item["a_start"]:item["a_end"]]
        assert item["b_text"] == OUTLET_EN[item["b_start"]:item["b_end"]]
    assert "a_text" not in c.to_dict(texts=False)["shared"][0]


def test_value_types_are_frozen() -> None:
    c = compare(WIRE_EN, OUTLET_EN)
    with pytest.raises(AttributeError):
        c.verdict = "verbatim"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        c.shared[0].a_start = 3  # type: ignore[misc]


def test_highly_repetitive_identical_texts_are_verbatim() -> None:
    text = "breaking news " * 3000 + "\n\nThe end of the story."
    c = compare(text, text)
    assert c.verdict == "verbatim" and c.coverage_a == 1.0


def test_long_documents_with_one_shared_passage_are_partial() -> None:
    import random

    rnd = random.Random(7)
    vocab = [f"w{i}" for i in range(5000)]

    def doc(n: int) -> str:
        ws = [rnd.choice(vocab) for _ in range(n)]
        return "\n\n".join(" ".join(ws[i:i + 60]) + "." for i in range(0, n, 60))

    a, b = doc(6000), doc(6000)
    passage = " ".join(WIRE_EN.split()[20:120])
    b = b[:20000] + " " + passage + " " + b[20000:]
    a = a[:9000] + " " + passage + " " + a[9000:]
    c = compare(a, b)
    assert c.verdict == "partial"
    big = [p for p in c.passages if p.shared_words >= 50]
    assert len(big) == 1
    assert a[big[0].a_start:big[0].a_end].split()[:3] == passage.split()[:3]


def test_lone_surrogates_do_not_crash() -> None:
    a = "Officials said \udcff the river rose by two metres on Tuesday in the old town."
    c = compare(a, a)
    assert c.verdict == "verbatim"
    assert c.shared[0].a_end <= len(a)


def test_substitutions_show_the_words_alone() -> None:
    a = "The mayor of Kiev said on Monday that the city would rebuild the bridge."
    b = "The mayor of Kyiv said on Monday that the city would rebuild the bridge."
    (d,) = compare(a, b).divergences
    (s,) = d.substitutions
    assert (a[s.a_start:s.a_end], b[s.b_start:s.b_end]) == ("Kiev", "Kyiv")


@pytest.mark.parametrize("line", [
    "Topics on the agenda of the council meeting include the cost of the repairs, which "
    "rose by a third, and compensation for shop owners on the bridge.",
    "Related talks between the two unions are expected to resume on Thursday in Antwerp.",
    "Copyright lawyers said the ruling would change how the music industry works.",
    "الصورة التي نشرتها الوزارة أظهرت حجم الدمار في المدينة القديمة.",
    "شارك الرئيس في القمة التي عقدت في الرياض يوم الثلاثاء الماضي.",
])
def test_a_sentence_opening_with_a_clutter_word_is_content(line: str) -> None:
    """A paragraph of the story is not a label because its first word is "Topics",
    "Photo" or "شارك" (share / took part): dropping it is a cut, not clutter."""
    top = ("Officials said the bridge over the river would reopen on Monday after three "
           "weeks of repairs, ending long detours for thousands of commuters.")
    end = ("The mayor thanked the workers and promised a festival for the whole town next "
           "month in the park near the river bank.")
    c = compare(top + "\n\n" + line + "\n\n" + end, top + "\n\n" + end)
    assert c.boilerplate_a == ()
    assert kinds(c) == ["deleted"]
    assert c.verdict != "verbatim"


@pytest.mark.parametrize("line, reason", [
    ("Tags: Putin, Belarus, Ukraine, Kremlin", "clutter"),
    ("Photo: A man walks past a damaged building in Kyiv on Tuesday.", "caption"),
    ("Related: Putin arrives in Minsk for talks with his ally Lukashenko.", "clutter"),
    ("Copyright 2023 The Associated Press. All rights reserved.", "clutter"),
    ("Photo by John Smith/AFP", "caption"),
    ("File photo of the prime minister speaking in parliament on Tuesday.", "caption"),
    ("Read more about the floods on our website today.", "clutter"),
    ("Tags Turkey earthquake rescue aid Syria border region.", "clutter"),
    ("Copyright 2024 Reuters. Reproduction of this content is prohibited without written "
     "permission.", "clutter"),
    ("\u00a9 copyright 2006 domain.com. All rights reserved.", "clutter"),
    # a date line whose number reads as a decimal ("04,2007") is still a date line
    ("By news desk on April 04,2007", "dateline"),
])
def test_labels_after_a_clutter_word_stay_clutter(line: str, reason: str) -> None:
    x = syndetect.analyse("The minister spoke on Tuesday in the capital.\n\n" + line)
    assert [b.reason for b in x.boilerplate] == [reason]


_RATE_QUOTE = (
    '"We have decided to raise the benchmark interest rate by a quarter of a percentage '
    "point, because inflation remains well above our target and the labour market is "
    "still very tight. We will continue to watch the data closely, and we are prepared to "
    'act again if needed."')


@pytest.mark.parametrize("edit", [
    lambda w: w.replace("Markets had expected the move.",
                        "Markets had widely expected the move, analysts said."),
    lambda w: w.replace("\n\nMarkets had expected the move.\n", ""),
])
def test_a_short_wire_that_is_mostly_one_quotation_is_still_copied(edit) -> None:
    """Its own words (attribution, last line) are few: the copy of the whole page,
    lightly edited or with its tail cut, is a republication all the same."""
    wire = ("FRANKFURT (Reuters) - The central bank governor said on Thursday:\n\n"
            + _RATE_QUOTE + "\n\nMarkets had expected the move.\n")
    assert compare(wire, edit(wire)).verdict == "heavy_edit"


def test_a_mostly_quoted_text_does_not_lower_the_bar_for_an_unrelated_one() -> None:
    """Quotations only one text holds are its own words: a mayor's long statement and
    an unrelated report sharing a stock phrase stay unrelated."""
    report = ("Officials in the northern province said on Monday that the old bridge would "
              "reopen next week after three months of repairs, ending long detours for "
              'commuters and lorry drivers. "It is safe," the transport minister told '
              "reporters at the site.")
    statement = ('"We have waited a very long time for this moment and the whole town is '
                 "relieved that it is finally over. Our shops lost customers every single "
                 "day while the road was closed and many families had to change their "
                 "plans. I want to thank the workers who stayed through the winter storms "
                 'to finish the job on time," the mayor said. The bridge would reopen next '
                 "week.")
    assert compare(report, statement).verdict == "unrelated"
    assert compare(statement, report).verdict == "unrelated"


def test_independent_stories_sharing_one_quotation_stay_unrelated() -> None:
    one = ("The governor told reporters in Frankfurt after the meeting of the council on "
           "Thursday:\n\n" + _RATE_QUOTE + "\n\nAnalysts at several banks said they had "
           "expected a larger increase given the recent data on wages and prices.")
    two = ("Speaking at a news conference, the head of the bank explained the decision to "
           "journalists:\n\n" + _RATE_QUOTE + "\n\nShares in European banks rose after the "
           "announcement, while the euro gained against the dollar in late trading.")
    assert compare(one, two).verdict == "unrelated"


def test_menus_and_arabic_share_lines_are_clutter() -> None:
    page = "Home | World | Sport | Business | Culture\n\n" + WIRE_EN
    c = compare(WIRE_EN, page)
    assert c.verdict == "verbatim"
    assert c.boilerplate_b[0].reason == "clutter"
    ar = (OUTLET_AR + "\nشارك الخبر\n\nأضف تعليقك\n\n"
          "اقرأ أيضاً: مبادرات بيئية جديدة في المنطقة الشرقية\n")
    c = compare(WIRE_AR, ar)
    assert c.verdict == "verbatim"
    clutter = [ar[b.start:b.end] for b in c.boilerplate_b if b.reason == "clutter"]
    assert "شارك الخبر" in clutter and "أضف تعليقك" in clutter


def test_a_copied_paragraph_that_is_mostly_a_quotation_is_still_evidence() -> None:
    quote = ('"We will rebuild every bridge and every road that this flood has taken from us, '
             'and we will do it before the winter comes, whatever the cost," ')
    narrative = ("the chancellor told a packed emergency session of parliament in Vienna on "
                 "Wednesday, as rescue teams in Lower Austria searched for two missing "
                 "fishermen.")
    wire = WIRE_EN + "\n\n" + quote + narrative
    other = ("The city council met on Tuesday evening to discuss next year's budget, "
             "including new spending on schools, parks and the old market hall.\n\n"
             + quote + narrative + "\n\nA final vote is expected next month.")
    c = compare(wire, other)
    assert c.verdict == "partial"


def test_paragraph_numbers_index_the_paragraph_offsets() -> None:
    c = compare(WIRE_EN, OUTLET_EN)
    for s in c.shared:
        pa, pb = c.paragraphs_a[s.a_paragraph], c.paragraphs_b[s.b_paragraph]
        assert pa.start <= s.a_start < pa.end and pb.start <= s.b_start < pb.end
    d = c.to_dict()
    assert d["paragraphs_a"][0] == [c.paragraphs_a[0].start, c.paragraphs_a[0].end]
