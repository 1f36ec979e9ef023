"""Changed facts inside reused text (syndetect.facts).

Every text here is written for these tests.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import syndetect
from syndetect.errors import InputError
from syndetect.facts import FACT_KINDS, FactChange, changed_facts

WIRE = (
    "KYIV (AFP) - Russian drones struck Kiev overnight, killing at least ten people and "
    "wounding 4,300, the city's mayor Vitali Klitschko said on Tuesday.\n\n"
    "\"We will rebuild every house,\" Klitschko told reporters near the damaged building in "
    "the Solomianskyi district, where rescue teams searched the rubble.\n\n"
    "The government will spend 200 million euros on repairs, Finance Minister Sergii "
    "Marchenko said, adding that ten schools would be organised as shelters in Kharkiv."
)
COPY = (
    "Russian drones struck Kyiv overnight, killing at least 12 people and wounding 4,500, "
    "the city's mayor Vitali Klitschko told AFP on Wednesday.\n\n"
    "\"We will restore every house,\" Klitschko told reporters near the damaged building in "
    "the Solomianskyi district, where rescue teams searched the rubble.\n\n"
    "The government will spend 200 million euros on repairs, Finance Minister Denys "
    "Shmyhal said, adding that ten schools would be organized as shelters in Odesa."
)


def _facts(a: str, b: str) -> list[tuple[str, str, str]]:
    return [(f.kind, f.a_text, f.b_text) for f in changed_facts(syndetect.compare(a, b))]


def _find(facts: tuple[FactChange, ...], a_text: str) -> FactChange:
    (f,) = [f for f in facts if f.a_text == a_text]
    return f


def test_english_pair_every_change_classified() -> None:
    assert _facts(WIRE, COPY) == [
        ("style", "Kiev", "Kyiv"),
        ("number", "ten", "12"),
        ("number", "4,300", "4,500"),
        ("style", "said", "told AFP"),
        ("number", "Tuesday", "Wednesday"),
        ("quotation", "rebuild", "restore"),
        ("name", "Sergii Marchenko", "Denys Shmyhal"),
        ("style", "organised", "organized"),
        ("place", "Kharkiv", "Odesa"),
    ]


def test_offsets_point_at_the_published_words() -> None:
    facts = changed_facts(syndetect.compare(WIRE, COPY))
    f = _find(facts, "4,300")
    assert (f.a_start, f.a_end) == (WIRE.index("4,300"), WIRE.index("4,300") + 5)
    assert (f.b_start, f.b_end) == (COPY.index("4,500"), COPY.index("4,500") + 5)
    assert f.detail == "number changed: 4,300 \u2192 4,500"
    assert f.is_fact
    kyiv = _find(facts, "Kiev")
    assert kyiv.kind == "style" and kyiv.detail == "known place spelling" and not kyiv.is_fact
    for f in facts:
        assert WIRE[f.a_start:f.a_end] == f.a_text and COPY[f.b_start:f.b_end] == f.b_text


def test_to_dict() -> None:
    f = _find(changed_facts(syndetect.compare(WIRE, COPY)), "ten")
    assert f.to_dict() == {"kind": "number", "a_start": f.a_start, "a_end": f.a_end,
                           "b_start": f.b_start, "b_end": f.b_end, "a_text": "ten",
                           "b_text": "12", "detail": "number changed: ten \u2192 12"}


def test_style_can_be_left_out() -> None:
    facts = changed_facts(syndetect.compare(WIRE, COPY), style=False)
    assert facts and all(f.kind != "style" for f in facts)


def test_arabic_pair_digits_places_and_quotation() -> None:
    wire = (
        "الرياض 12 ربيع الأول 1447 هـ الموافق 4 سبتمبر 2025 م واس\n"
        "أعلنت وزارة الصحة اليوم تسجيل 120 إصابة جديدة في مدينة جدة خلال الأسبوع الماضي، "
        "مشيرة إلى أن جميع الحالات مستقرة وأن الفرق الطبية تتابعها.\n"
        "وقال المتحدث باسم الوزارة: \"إن الوضع تحت السيطرة التامة ولا داعي للقلق\" مؤكدا "
        "استمرار حملات التوعية في جميع المناطق."
    )
    copy = (
        "أعلنت وزارة الصحة اليوم تسجيل ١٥٠ إصابة جديدة في مدينة الدمام خلال الأسبوع الماضي، "
        "مشيرة إلى أن جميع الحالات مستقرة وأن الفرق الطبية تتابعها.\n"
        "وقال المتحدث باسم الوزارة: \"إن الوضع تحت السيطرة الكاملة ولا داعي للقلق\" مؤكدا "
        "استمرار حملات التوعية في جميع المناطق."
    )
    assert _facts(wire, copy) == [
        ("number", "120", "١٥٠"),
        ("place", "جدة", "الدمام"),
        ("quotation", "التامة", "الكاملة"),
    ]


def test_arabic_indic_digits_are_the_same_number() -> None:
    wire = ("أعلنت الهيئة العامة للإحصاء أن عدد السكان بلغ 4300 نسمة في القرية الصغيرة "
            "الواقعة شمال المنطقة بحسب آخر تعداد رسمي أجري هذا العام.")
    copy = ("أعلنت الهيئة العامة للإحصاء أن عدد السكان بلغ ٤٣٠٠ نسمة في القرية الصغيرة "
            "الواقعة شمال المنطقة بحسب آخر تعداد رسمي أجري هذا العام.")
    assert _facts(wire, copy) == []  # the alignment already treats them as equal


def test_french_pair_amounts_dates_and_reporting_verbs() -> None:
    wire = ("PARIS (AFP) - Le gouvernement a annoncé mardi un plan de 1,5 milliard d'euros "
            "pour la reconstruction des écoles de la ville de Lyon, a indiqué le ministre.\n\n"
            "Les travaux doivent commencer en septembre et durer trois ans.")
    copy = ("Le gouvernement a annoncé mercredi un plan de 2 milliards d'euros pour la "
            "reconstruction des écoles de la ville de Marseille, a précisé le ministre.\n\n"
            "Les travaux doivent commencer en septembre et durer trois ans. (avec AFP)")
    assert sorted(_facts(wire, copy)) == sorted([
        ("number", "mardi", "mercredi"),
        ("number", "1,5 milliard", "2 milliards"),
        ("place", "Lyon", "Marseille"),
        ("style", "indiqué", "précisé"),
    ])


def test_quotation_attributed_to_someone_else() -> None:
    wire = ("Belarusian President Alexander Lukashenko met Russian President Vladimir Putin "
            "in Minsk on Monday for talks on economic ties.\n\n"
            "\"Belarus and Russia stand together,\" Lukashenko said after the meeting, "
            "according to his press service.")
    copy = ("Belarusian President Alexander Loukachenko met Russian President Vladimir Putin "
            "in Minsk on Monday for talks on economic ties.\n\n"
            "\"Belarus and Russia stand together,\" Putin said after the meeting, "
            "according to his press service.")
    facts = changed_facts(syndetect.compare(wire, copy))
    assert [(f.kind, f.a_text, f.b_text) for f in facts] == [
        ("style", "Lukashenko", "Loukachenko"),
        ("quotation", "Lukashenko", "Putin"),
    ]
    assert facts[1].detail == "quotation attributed to Putin instead of Lukashenko"


def test_same_number_written_differently_is_style() -> None:
    wire = ("The company said it would invest 200 million euros in the plant next year, "
            "creating about 4,300 jobs in the region over the coming decade.")
    copy = ("The company said it would invest 200 million EUR in the plant next year, "
            "creating about 4.300 jobs in the region over the coming decade.")
    facts = _facts(wire, copy)
    assert ("number", "4,300", "4.300") not in facts
    assert all(kind == "style" for kind, _, _ in facts)


def test_style_traps_are_style() -> None:
    base = ("The minister said on {d} that {n} people had been evacuated from {p} after the "
            "floods, and that {m} would visit the region with {o} officials. \"{q},\" he told "
            "reporters.")
    a = base.format(d="Sept 3", n="two", p="Kharkov", m="Mr Smith", o="U.S.",
                    q="We are doing everything we can")
    b = base.format(d="September 3", n="2", p="Kharkiv", m="Mr. Smith", o="US",
                    q="We're doing everything we can")
    facts = changed_facts(syndetect.compare(a, b))
    assert facts and all(f.kind == "style" for f in facts), facts
    assert {f.detail for f in facts} == {"number written differently", "known place spelling",
                                        "spelling variant", "spacing"}


def test_arabic_dual_numbers_and_multiword_places() -> None:
    wire = ("وأوضح أن عدد الحجاج بلغ مليوني حاج هذا العام مقارنة بالعام الماضي حسب "
            "الإحصاءات الرسمية الصادرة.")
    copy = ("وأوضح أن عدد الحجاج بلغ ثلاثة ملايين حاج هذا العام مقارنة بالعام الماضي حسب "
            "الإحصاءات الرسمية الصادرة.")
    assert _facts(wire, copy) == [("number", "مليوني", "ثلاثة ملايين")]
    wire = ("The company, based in New York, hired 300 workers last year and plans to hire "
            "more next year, its chief executive said.")
    copy = ("The company, based in New Jersey, hired 300 workers last year and plans to hire "
            "more next year, its chief executive said.")
    assert _facts(wire, copy) == [("place", "York", "Jersey")]


def test_arabic_spelling_and_spacing_variants_are_style() -> None:
    wire = ("استقبل صاحب السمو الملكي الأمير مشاري بن سعود بن عبدالعزيز أمير منطقة الباحة "
            "اليوم عددا من المواطنين في مكتبه بالإمارة.")
    copy = wire.replace("عبدالعزيز", "عبد العزيز")
    assert _facts(wire, copy) == [("style", "عبدالعزيز", "عبد العزيز")]
    wire = ('وقال الأمير: "ومشى على نهجه أبناءه من بعده في خدمة الوطن والمواطنين بكل إخلاص '
            'وتفان".')
    copy = wire.replace("أبناءه", "أبناؤه")
    assert _facts(wire, copy) == [("style", "أبناءه", "أبناؤه")]


def test_arabic_number_words() -> None:
    wire = ("وإن الرياض ستستضيف اجتماعا لعشرة وزراء الأسبوع المقبل لبحث الأوضاع في المنطقة "
            "بشكل كامل.")
    copy = ("وإن الرياض ستستضيف اجتماعا لاثني عشر وزيرا الأسبوع المقبل لبحث الأوضاع في المنطقة "
            "بشكل كامل.")
    assert _facts(wire, copy) == [("number", "لعشرة", "لاثني عشر"),
                                  ("style", "وزراء", "وزيرا")]
    wire = "ووصل ثلاثة عشر لاعبا إلى المعسكر التدريبي في الطائف صباح اليوم استعدادا للبطولة."
    copy = "ووصل 13 لاعبا إلى المعسكر التدريبي في الطائف صباح اليوم استعدادا للبطولة."
    assert _facts(wire, copy) == [("style", "ثلاثة عشر", "13")]


@pytest.mark.parametrize(("wire", "copy", "a_text", "b_text"), [
    ("وزاد سعر الخام الأمريكي 90 سنتا أو 2 % إلى 44.77 دولار بعد ان نزل في وقت سابق.",
     "وزاد سعر الخام الأمريكي 90 سنتا أو اثنين بالمئة إلى 44.77 دولار بعد ان نزل في وقت سابق.",
     "2", "اثنين"),
    ("وشارك الفريق في المخيم الكشفي العالمي الـ 23 الذي استضافته اليابان هذا الصيف بنجاح.",
     "وشارك الفريق في المخيم الكشفي العالمي الثالث والعشرين الذي استضافته اليابان هذا الصيف بنجاح.",
     "23", "الثالث والعشرين"),
    ("على أن يتم التقديم قبل الساعة الثانية ظهراً بالتوقيت المحلي يوم الخميس المقبل للجميع.",
     "على أن يتم التقديم قبل الساعة 02:00 ظهراً بالتوقيت المحلي يوم الخميس المقبل للجميع.",
     "الثانية", "02:00"),
])
def test_arabic_numbers_written_differently(wire: str, copy: str, a_text: str,
                                            b_text: str) -> None:
    assert _facts(wire, copy) == [("style", a_text, b_text)]


LOSS = ("The company said on Monday that it had lost {} in the last quarter because of weak "
        "demand in its main markets, its chief executive told reporters.")
BUDGET = ("وأعلنت الوزارة اليوم أنها خصصت {} لتنفيذ مشاريع البنية التحتية في المنطقة خلال "
          "العام المقبل وفق الخطة المعتمدة.")


@pytest.mark.parametrize(("wire", "copy", "a_text", "b_text"), [
    (LOSS.format("3 million euros"), LOSS.format("3 billion euros"), "3 million", "3 billion"),
    (LOSS.format("3 million euros"), LOSS.format("3 thousand euros"), "3 million",
     "3 thousand"),
    (LOSS.format("3 million euros"), LOSS.format("3 billion dollars"), "3 million euros",
     "3 billion dollars"),
    (BUDGET.format("500 مليون ريال"), BUDGET.format("500 مليار ريال"), "500 مليون",
     "500 مليار"),
    (BUDGET.format("خمسة ملايين ريال"), BUDGET.format("خمسة مليارات ريال"), "خمسة ملايين",
     "خمسة مليارات"),
], ids=["million-billion", "million-thousand", "scale-and-currency", "ar-digits", "ar-words"])
def test_scale_word_change_is_a_number_change(wire: str, copy: str, a_text: str,
                                              b_text: str) -> None:
    # The copy substitutes the scale word alone; the amount is read around it.
    facts = changed_facts(syndetect.compare(wire, copy))
    assert [(f.kind, f.a_text, f.b_text) for f in facts] == [("number", a_text, b_text)]
    assert facts[0].detail == f"number changed: {a_text} \u2192 {b_text}"
    assert wire[facts[0].a_start:facts[0].a_end] == a_text


@pytest.mark.parametrize(("wire", "copy", "a_text", "b_text"), [
    (LOSS.format("3 million euros"), LOSS.format("3 million dollars"), "3 million euros",
     "3 million dollars"),
    (BUDGET.format("500 مليون ريال"), BUDGET.format("500 مليون دولار"), "500 مليون ريال",
     "500 مليون دولار"),
], ids=["en", "ar"])
def test_currency_change_is_a_number_change(wire: str, copy: str, a_text: str,
                                            b_text: str) -> None:
    facts = changed_facts(syndetect.compare(wire, copy))
    assert [(f.kind, f.a_text, f.b_text) for f in facts] == [("number", a_text, b_text)]
    assert facts[0].detail == f"currency changed: {a_text} \u2192 {b_text}"
    # The same currency written another way is no change.
    assert _facts(wire, wire.replace("euros", "EUR")) == []


def test_a_change_of_amount_and_currency_is_one_change() -> None:
    assert _facts(LOSS.format("3 million euros"), LOSS.format("5 million dollars")) == [
        ("number", "3 million euros", "5 million dollars")]


DRONES = ("Air defence units shot down {} drones launched overnight against the region, the "
          "governor said, adding that nobody was hurt.")
DRONES_AR = ("وقال المتحدث العسكري إن الدفاعات الجوية أسقطت {} طائرة مسيرة أطلقت باتجاه "
             "المدن الجنوبية الليلة الماضية دون وقوع إصابات.")


@pytest.mark.parametrize(("wire", "copy", "first", "second"), [
    (DRONES.format("12 of 15"), DRONES.format("15 of 12"), ("12", "15"), ("15", "12")),
    (DRONES_AR.format("12 من 15"), DRONES_AR.format("15 من 12"), ("12", "15"), ("15", "12")),
    (DRONES_AR.format("١٢ من ١٥"), DRONES_AR.format("15 من 12"), ("١٢", "15"), ("١٥", "12")),
], ids=["en", "ar", "ar-indic-digits"])
def test_numbers_that_swap_places_are_changes(wire: str, copy: str, first: tuple[str, str],
                                              second: tuple[str, str]) -> None:
    facts = changed_facts(syndetect.compare(wire, copy))
    assert [(f.kind, f.a_text, f.b_text) for f in facts] == [
        ("number", *first), ("number", *second)]
    assert facts[0].detail == f"number changed: {first[0]} \u2192 {first[1]} " \
        "(numbers changed places)"
    for f in facts:
        assert wire[f.a_start:f.a_end] == f.a_text and copy[f.b_start:f.b_end] == f.b_text


def test_numbers_moved_with_their_words_are_no_change() -> None:
    base = ("The storm hit the coast {}, officials said, and rescue teams were still "
            "searching the flooded villages for survivors late into the night.")
    assert _facts(base.format("on Tuesday, killing 5 people in the north"),
                  base.format("killing 5 people in the north on Tuesday")) == []
    wire = ("Officials said the storm killed 5 in the north and 7 in the south of the "
            "country, and rescue teams were still searching.")
    copy = wire.replace("5 in the north and 7 in the south", "7 in the south and 5 in the north")
    assert [f for f in changed_facts(syndetect.compare(wire, copy)) if f.is_fact] == []
    wire = wire.replace("killed 5", "killed 4,300")
    copy = wire.replace("4,300 in the north and 7 in the south",
                        "7 in the south and ٤٣٠٠ in the north")
    assert [f for f in changed_facts(syndetect.compare(wire, copy)) if f.is_fact] == []


@pytest.mark.parametrize(("wire", "copy"), [
    ("The ministry said the rule applies from 1/9/2015 to all companies that follow the "
     "Gregorian calendar, officials added.",
     "The ministry said the rule applies from 2015-09-01 to all companies that follow the "
     "Gregorian calendar, officials added."),
    ("وقال إن القرار يسري بتاريخ 1 /9 /2015 م للمنشآت التي تعمل بالتاريخ الميلادي وفق ما "
     "أعلنته المؤسسة اليوم.",
     "وقال إن القرار يسري بتاريخ 2015/9/1 للمنشآت التي تعمل بالتاريخ الميلادي وفق ما "
     "أعلنته المؤسسة اليوم."),
], ids=["en", "ar"])
def test_date_parts_in_another_order_have_not_changed_places(wire: str, copy: str) -> None:
    # A date in another format is still read number by number (see docs/wire.md), but
    # its parts are not numbers that changed places.
    assert not any("changed places" in f.detail
                   for f in changed_facts(syndetect.compare(wire, copy)))


def test_score_reversed_is_two_changes() -> None:
    wire = ("The match ended 3-1 after extra time in the capital on Sunday, the federation "
            "said in a statement.")
    assert _facts(wire, wire.replace("3-1", "1-3")) == [("number", "3", "1"),
                                                        ("number", "1", "3")]


def test_arabic_names_after_titles() -> None:
    wire = ("وقال وزير الخارجية الأمير فيصل بن فرحان إن المملكة تدعم الحل السياسي في اليمن "
            "بشكل كامل ودائم ومستمر.")
    copy = ("وقال وزير الخارجية الأمير خالد بن سلمان إن المملكة تدعم الحل السياسي في اليمن "
            "بشكل كامل ودائم ومستمر.")
    assert _facts(wire, copy) == [("name", "فيصل", "خالد"), ("name", "فرحان", "سلمان")]
    wire = ("وقال المتحدث باسم الوزارة الدكتور محمد العبدالعالي: \"إن الوضع تحت السيطرة التامة "
            "ولا داعي للقلق\" مؤكدا استمرار الحملات.")
    copy = wire.replace("محمد", "أحمد")
    facts = changed_facts(syndetect.compare(wire, copy))
    assert [(f.kind, f.a_text, f.b_text) for f in facts] == [("quotation", "محمد", "أحمد")]
    assert facts[0].detail == "quotation attributed to أحمد instead of محمد"


def test_similar_but_different_known_places_are_a_change() -> None:
    wire = ("Officials from Iran and the United Nations met in Geneva on Monday to discuss "
            "the inspection schedule for the coming months, diplomats said.")
    copy = ("Officials from Iraq and the United Nations met in Geneva on Monday to discuss "
            "the inspection schedule for the coming months, diplomats said.")
    assert _facts(wire, copy) == [("place", "Iran", "Iraq")]


def test_credit_change_is_not_a_place_change() -> None:
    wire = ("WASHINGTON (AP) - The Senate approved the aid package on Tuesday after months "
            "of negotiations, sending it to the House for a final vote.")
    copy = ("Agencies - The Senate approved the aid package on Tuesday after months "
            "of negotiations, sending it to the House for a final vote.")
    assert _facts(wire, copy) == []


def test_dateline_date_change_is_reported() -> None:
    wire = ("جدة 25 شوال 1446 هـ الموافق 10 اغسطس 2025 م واس\n"
            "أعلنت الهيئة العامة للطيران المدني افتتاح صالة جديدة في المطار الدولي بطاقة "
            "استيعابية تصل إلى خمسة ملايين مسافر سنويا.")
    copy = ("جدة 25 شوال 1446 هـ الموافق 18 اغسطس 2025 م واس\n"
            "أعلنت الهيئة العامة للطيران المدني افتتاح صالة جديدة في المطار الدولي بطاقة "
            "استيعابية تصل إلى خمسة ملايين مسافر سنويا.")
    facts = changed_facts(syndetect.compare(wire, copy))
    assert [(f.kind, f.a_text, f.b_text) for f in facts] == [("number", "10", "18")]
    assert facts[0].detail.startswith("dateline date changed")


def test_identical_texts_have_no_changes() -> None:
    assert changed_facts(syndetect.compare(WIRE, WIRE)) == ()


def test_bad_input_names_the_fix() -> None:
    with pytest.raises(InputError, match=r"syndetect.compare\(a, b\)"):
        changed_facts("not a comparison")  # type: ignore[arg-type]


def test_fact_changes_are_frozen() -> None:
    f = changed_facts(syndetect.compare(WIRE, COPY))[0]
    with pytest.raises(AttributeError):
        f.kind = "name"  # type: ignore[misc]


def test_wire_intel_benchmark_runs_without_data() -> None:
    from benchmarks import wire_intel

    res = wire_intel.run(None, quick=True)
    hand = res["hand"]
    assert hand["facts_found"] == hand["facts_expected"] and hand["facts_extra"] == 0
    assert hand["status_correct"] == hand["pairs"]
    assert "Hand-written pairs" in res["markdown"]


# --------------------------------------------------------------------------- #
# Properties
# --------------------------------------------------------------------------- #

WORDS = ["the", "minister", "said", "told", "AFP", "Kiev", "Kyiv", "Paris", "ten", "12", "4,300",
         "٤٣٠٠", "Tuesday", "Wednesday", "\"", "\u201c", "\u201d", "in", "people", "killed",
         "John", "Smith", "Omar", "قال", "الرياض", "جدة", "واس", ".", ",", "\n", "\n\n",
         "million", "euros", "organised", "organized", "(AFP)", "-"]


@settings(max_examples=120, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=5, max_size=60),
       st.lists(st.tuples(st.integers(0, 59), st.sampled_from(WORDS)), max_size=8))
def test_fact_offsets_in_bounds_and_exact(words: list[str], edits: list[tuple[int, str]]) -> None:
    copy = list(words)
    for i, w in edits:
        if i < len(copy):
            copy[i] = w
    a, b = " ".join(words), " ".join(copy)
    for f in changed_facts(syndetect.compare(a, b)):
        assert f.kind in FACT_KINDS
        assert 0 <= f.a_start <= f.a_end <= len(a) and 0 <= f.b_start <= f.b_end <= len(b)
        assert a[f.a_start:f.a_end] == f.a_text and b[f.b_start:f.b_end] == f.b_text
        assert f.detail


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300), st.text(max_size=300))
def test_changed_facts_never_raises(a: str, b: str) -> None:
    changed_facts(syndetect.compare(a, b))
