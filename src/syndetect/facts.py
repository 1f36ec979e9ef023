"""Changed facts: what a copy changed in substance, not in style, inside reused text.

:func:`changed_facts` reads a :class:`~syndetect.report.Comparison` and looks only
inside the passages the copy kept but reworded (the word-level substitutions of
``rewritten`` divergences, and a short cut and addition standing at the same point).
Each change becomes a :class:`FactChange`:

``number``     a number, amount, age, toll or date changed ("4,300" -> "4,500",
               "ten" -> "12", "Tuesday" -> "Wednesday", "لعشرة" -> "لاثني عشر"),
               its scale word ("3 million" -> "3 billion", "500 مليون" -> "500
               مليار", read whole even when only the scale word was substituted),
               its currency ("3 million euros" -> "3 million dollars"), or two
               numbers that changed places ("12 of 15" -> "15 of 12").
               Arabic-Indic and Latin digits are the same number; "200 million
               euros" -> "200-million-euro", "euros" -> "EUR", "4,300" -> "4.300",
               "two" -> "2" keep the value and are style, and a number moved with
               the words around it is no change.
``name``       a proper name replaced by another: capitalised words that are not a
               known respelling, or in Arabic the words after a title or "بن".
``place``      the same for places (a built-in list of common places in English and
               Arabic, or a name after "in", "at", "from", "near", "à", "في"…).
``quotation``  words inside quotation marks altered, or a quotation attributed to
               someone else (a name changed in a paragraph that carries a quotation
               and a reporting verb).
``style``      changes that keep the facts, with the reason: a respelling or
               transliteration ("Kiev" -> "Kyiv": a small table of known pairs, or
               folded forms at least 70 % similar with the same initial), a spelling
               variant ("organised" -> "organized", Arabic hamza seats), spacing
               ("عبدالعزيز" -> "عبد العزيز"), a swapped reporting verb ("said" ->
               "told AFP"), quote marks or punctuation, a number written another way.

These are heuristics, stated plainly (``docs/wire.md`` gives measured figures): an
Arabic name standing without a title is not seen; a plain word change outside
quotations ("killed" -> "wounded") is not reported here (the comparison still shows
it as a substitution); the place list is short; the same date in another calendar or
format counts as a change. Inside credits and datelines (see
:mod:`syndetect.credits`) only a changed date is reported.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rapidfuzz.distance import Indel

from .credits import Credit, line_credits
from .errors import InputError
from .text import Boilerplate, fold

if TYPE_CHECKING:  # report.py may import this module: no import cycle at run time
    from .report import Comparison, Divergence

_COMPARISON_FIELDS = ("a", "b", "shared", "divergences", "boilerplate_a", "boilerplate_b")

__all__ = ["FACT_KINDS", "FactChange", "changed_facts"]

FACT_KINDS = ("number", "name", "place", "quotation", "style")


@dataclass(frozen=True, slots=True)
class FactChange:
    """One change inside reused text: ``a[a_start:a_end]`` became ``b[b_start:b_end]``.

    ``kind`` is one of :data:`FACT_KINDS`; ``a_text``/``b_text`` are the two sides as
    published; ``detail`` says what changed, or for ``style`` why it is only style
    ("respelling", "spelling variant", "reporting verb", "quote marks or
    punctuation", "number written differently").
    """

    kind: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_text: str
    b_text: str
    detail: str

    @property
    def is_fact(self) -> bool:
        """True for a change of substance (anything but ``style``)."""
        return self.kind != "style"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, every field."""
        return {"kind": self.kind, "a_start": self.a_start, "a_end": self.a_end,
                "b_start": self.b_start, "b_end": self.b_end, "a_text": self.a_text,
                "b_text": self.b_text, "detail": self.detail}


# --------------------------------------------------------------------------- #
# Word lists (parsed on first use)
# --------------------------------------------------------------------------- #

# Places, one group a line: spellings of one place separated by "=".
_PLACES_RAW = """
Kyiv=Kiev=Kyjiw=Kijev=كييف=كيف=Киев=Київ|Kharkiv=Kharkov=خاركيف=Харьков|Odesa=Odessa=أوديسا
Luhansk=Lugansk=لوغانسك|Donetsk=دونيتسك|Mariupol=ماريوبول|Zaporizhzhia=Zaporizhzhya=Zaporozhye
Lviv=Lvov=Lwow|Dnipro=Dnipropetrovsk|Crimea=القرم|Donbas=Donbass|Minsk=مينسك|Belarus=بيلاروسيا
Ukraine=أوكرانيا=Украина|Russia=روسيا=Россия|Moscow=Moscou=موسكو=Москва|Beijing=Peking=Pékin=بكين
China=الصين|Japan=اليابان|Tokyo=طوكيو|Seoul=سيول|Korea=كوريا|Taiwan=تايوان|India=الهند
Pakistan=باكستان|Afghanistan=أفغانستان|Kabul=كابول|Iran=إيران|Tehran=Teheran=Téhéran=طهران
Iraq=العراق|Baghdad=بغداد|Mosul=الموصل|Basra=البصرة|Erbil=أربيل|Homs=حمص|Idlib=إدلب
Raqqa=الرقة|Alexandria=الإسكندرية|Sinai=سيناء|Marib=مأرب|Taiz=تعز|Hodeidah=الحديدة
Nablus=نابلس|Hebron=الخليل|Khan Younis=خان يونس|Rafah=رفح|Manama=المنامة|Sharjah=الشارقة
Syria=سوريا=سورية|Damascus=دمشق|Aleppo=حلب|Lebanon=لبنان|Beirut=بيروت
Israel=إسرائيل|Jerusalem=القدس|Gaza=غزة|West Bank=الضفة الغربية|Ramallah=رام الله
Tel Aviv=تل أبيب|Palestine=فلسطين|Jordan=الأردن|Amman=عمان|Egypt=مصر|Cairo=القاهرة
Saudi Arabia=السعودية|Riyadh=الرياض|Jeddah=Jidda=جدة|Mecca=Makkah=مكة|Medina=Madinah=المدينة
Dammam=الدمام|Taif=الطائف|Abha=أبها|Tabuk=تبوك|Buraidah=Buraydah=بريدة|Hail=حائل
Najran=نجران|Jazan=Jizan=جازان=جيزان|Qassim=القصيم|Yanbu=ينبع|Al-Ahsa=الأحساء|Jubail=الجبيل
Asir=عسير|Qatif=القطيف|Arar=عرعر|Sakaka=سكاكا|Al-Baha=الباحة|Dhahran=الظهران|Yemen=اليمن|Sanaa=Sana'a=صنعاء|Aden=عدن|Oman=عمان|Muscat=مسقط|Qatar=قطر
Doha=الدوحة|Bahrain=البحرين|Kuwait=الكويت|UAE=الإمارات|Dubai=دبي|Abu Dhabi=أبوظبي=أبو ظبي
Turkey=Türkiye=تركيا|Ankara=أنقرة|Istanbul=إسطنبول|Libya=ليبيا|Tripoli=طرابلس|Benghazi=بنغازي
Tunisia=تونس|Algeria=الجزائر|Morocco=المغرب|Rabat=الرباط|Sudan=السودان|Khartoum=الخرطوم
South Sudan=جنوب السودان|Ethiopia=إثيوبيا|Somalia=الصومال|Mogadishu=مقديشو|Kenya=كينيا
Nairobi=نيروبي|Nigeria=نيجيريا|Abuja=أبوجا|Lagos=لاغوس|Niger=النيجر|Mali=مالي|Chad=تشاد
Cameroon=الكاميرون|Yaounde=Yaoundé=ياوندي|Congo=الكونغو|South Africa=جنوب أفريقيا
France=فرنسا|Paris=باريس|Germany=ألمانيا|Berlin=برلين|Britain=بريطانيا|London=لندن|UK
England|Scotland|Ireland|Dublin|Spain=إسبانيا|Madrid=مدريد|Italy=إيطاليا|Rome=روما
Greece=اليونان|Athens=أثينا|Poland=بولندا|Warsaw=وارسو|Austria=النمسا|Vienna=فيينا
Australia=أستراليا|Sydney|Canberra|Switzerland=سويسرا|Geneva=Genève=جنيف|Brussels=Bruxelles=بروكسل
Belgium=بلجيكا|Netherlands=هولندا|Amsterdam|The Hague=لاهاي|Sweden=السويد|Stockholm
Norway=النرويج|Oslo|Denmark|Copenhagen|Finland|Helsinki|Hungary|Budapest|Romania|Bucharest
Serbia|Belgrade|Georgia=جورجيا|Tbilisi|Armenia|Yerevan|Azerbaijan|Baku|Kazakhstan|Astana
United States=US=USA=الولايات المتحدة|America=أمريكا=أميركا|Washington=واشنطن
New York=نيويورك|Chicago|Los Angeles|Boston|Texas|California|Florida|Canada=كندا|Ottawa
Toronto|Mexico=المكسيك|Brazil=البرازيل|Argentina|Venezuela|Colombia|Cuba|Havana
Myanmar=Burma|Yangon=Rangoon|Thailand|Bangkok|Vietnam|Hanoi|Indonesia|Jakarta|Malaysia
Philippines|Manila|Singapore|Mumbai=Bombay|Delhi=New Delhi|Kolkata=Calcutta|Chennai=Madras
Lyon|Marseille|Toulouse|Bordeaux|Lille|Strasbourg|Nice|Nantes|Munich=München|Hamburg|Frankfurt
Milan=Milano|Naples=Napoli|Barcelona|Lisbon=Lisboa|Portugal|Prague|Kosovo|Bosnia|Sarajevo
Europe=أوروبا|Asia=آسيا|Africa=أفريقيا|Middle East=الشرق الأوسط|Gulf=الخليج
"""

# Names with more than one accepted spelling: a change among them is style.
_NAMES_RAW = """
Zelensky=Zelenskyy=Zelenskiy=Zelenski=Selenskyj=Zelensky|Lukashenko=Loukachenko=Lukaschenko
Gaddafi=Qaddafi=Kadhafi=Gadhafi=Khadafi|Muhammad=Mohammed=Mohamed=Mohammad=Mohamad
Al-Qaeda=Al-Qaida=Al Qaeda=Al Qaida|Hezbollah=Hizbollah=Hizbullah=Hizballah
Putin=Poutine|Netanyahu=Netanyahou|Erdogan=Erdoğan|Khamenei=Khameini
Peskov=Peskow|Lavrov=Lavrow|Yanukovych=Yanukovich|Tymoshenko=Timoshenko
Assad=al-Assad|Osama=Usama|Hamas=Hamās|Daesh=Daech|Isis=Isil|Taliban=Taleban
"""

def _folded(raw: str) -> frozenset[str]:
    return frozenset(fold(w) for w in raw.split())


_PLACE_PREPOSITIONS = frozenset({
    "in", "at", "from", "near", "outside", "across", "into", "to", "towards", "toward",
    "à", "au", "aux", "en", "vers", "près", "в", "во", "из", "под",
    "في", "من", "الى", "الي", "قرب", "بمدينة", "مدينة",
})
# "the city of X", "la ville de X", "مدينة X": X is a place.
_PLACE_NOUNS = frozenset({
    "city", "town", "village", "province", "region", "district", "capital", "port", "state",
    "ville", "région", "commune", "город", "مدينة", "محافظة", "منطقة", "بلدة", "قرية", "العاصمة",
})

_REPORTING_RAW = """
said says say saying told tells tell added adds stated states explained explains noted notes
declared declares announced announces according reported reports insisted insists stressed
stresses claimed claims affirmed indicated commented remarked continued wrote writes
dit déclaré ajouté affirmé selon indiqué précisé expliqué souligné estimé assuré confié
заявил заявила сказал сказала добавил отметил сообщил
قال وقال قالت وقالت يقول ويقول أضاف وأضاف أضافت وأضافت أوضح وأوضح أوضحت وأوضحت أكد وأكد
أكدت وأكدت صرح وصرح ذكر وذكر ذكرت وذكرت أشار وأشار أشارت وأشارت مضيفا قائلا بحسب وفق وفقا
"""

_REPORTING_FILLER_RAW = """
to the a an in on of afp reuters ap spa reporters journalists journalist press agency news
statement interview him her them us also further then later earlier lui leur à l le la a
aux journalistes à l'afp ل لـ للصحفيين لوكالة الصحفيين في بيان وكالة فرانس برس رويترز واس
"""

_COMMON_CAPS_RAW = """
the a an and but or so if in on at to of for with by from as this that these those it its
he she they we you i his her their our my your there here when where while after before
since until during about against between into through over under again further then once
all any both each few more most other some such no nor not only own same than too very
can will just should now also however meanwhile moreover yet still even already last next
first second third many much several one two three four five six seven eight nine ten
mr mrs ms dr president minister prime foreign defence defense interior finance officials
official police security army military government state spokesman spokeswoman spokesperson
witnesses sources source according in but le la les un une des du de et en au aux ce cette
il elle ils elles on nous vous dans pour par sur avec sans selon mais ou donc
"""

_QUANTITY_WORDS_RAW = """
several some many few dozens scores hundreds thousands tens numerous multiple countless
about around nearly almost more than less fewer over under least most at
plusieurs quelques nombreux nombreuses dizaines centaines milliers environ près de
несколько многие десятки сотни тысячи около более менее
عدة عدد بعض العديد عشرات مئات الاف آلاف نحو حوالي قرابة اكثر اقل من
"""

# Folded ordinals (masculine; the feminine adds ة, folded to ه).
_AR_ORDINALS: dict[str, int] = {
    "\u0627\u0648\u0644": 1, "\u062b\u0627\u0646\u064a": 2, "\u062b\u0627\u0644\u062b": 3,
    "\u0631\u0627\u0628\u0639": 4, "\u062e\u0627\u0645\u0633": 5, "\u0633\u0627\u062f\u0633": 6,
    "\u0633\u0627\u0628\u0639": 7, "\u062b\u0627\u0645\u0646": 8, "\u062a\u0627\u0633\u0639": 9,
    "\u0639\u0627\u0634\u0631": 10,
}  # اول ثاني ثالث رابع خامس سادس سابع ثامن تاسع عاشر
_AR_TENS = frozenset({20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0})
_ARABIC_TEEN = frozenset({"\u0639\u0634\u0631", "\u0639\u0634\u0631\u0647"})  # عشر عشرة (folded)

_TITLES_RAW = """
الأمير الامير الملك الشيخ الرئيس الوزير الدكتور المهندس السفير اللواء العميد الفريق
السيد السيدة الأستاذ المستشار النائب الأميرة سمو معالي فضيلة سعادة
وزير امير رئيس نائب مدير محافظ سفير قائد مساعد وكيل امين عضو خادم
господин президент министр
"""

_SCALES: dict[str, float] = {
    "hundred": 1e2, "hundreds": 1e2, "thousand": 1e3, "thousands": 1e3, "k": 1e3,
    "million": 1e6, "millions": 1e6, "mln": 1e6, "m": 1e6, "mn": 1e6,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
    "cent": 1e2, "cents": 1e2, "mille": 1e3, "milliers": 1e3, "milliard": 1e9,
    "milliards": 1e9, "тысяч": 1e3, "тысячи": 1e3, "тыс": 1e3, "млн": 1e6, "миллиона": 1e6,
    "миллионов": 1e6, "млрд": 1e9, "миллиарда": 1e9, "миллиардов": 1e9,
    "الف": 1e3, "الاف": 1e3, "مليون": 1e6, "ملايين": 1e6, "مليار": 1e9, "مليارات": 1e9,
    "بليون": 1e9,
}

# Currencies, one a line: the code, then words naming it after an amount ("3 million
# euros", "500 مليون ريال"). "euros" -> "EUR" keeps the currency (style); "euros" ->
# "dollars" beside the same amount is a changed number.
_CURRENCIES_RAW = """
EUR=euro=euros=eur=евро=يورو
USD=dollar=dollars=usd=долларов=доллара=доллар=دولار=دولارا=دولارات
GBP=pound=pounds=sterling=gbp=фунтов=جنيه=جنيها=جنيهات=استرليني
SAR=riyal=riyals=rial=rials=sar=ريال=ريالا=ريالات
JPY=yen=jpy=иен=ين
CNY=yuan=renminbi=cny=юаней=يوان
RUB=rouble=roubles=ruble=rubles=рублей=рубля=روبل
AED=dirham=dirhams=aed=درهم=درهما=دراهم
DINAR=dinar=dinars=دينار=دينارا=دنانير
CHF=franc=francs=chf
INR=rupee=rupees=inr=روبية
TRY=lira=liras=lire=ليرة=ليرات
"""


@lru_cache(maxsize=1)
def _currencies() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in _CURRENCIES_RAW.split():
        code, *words = line.split("=")
        for w in words:
            out[fold(w)] = code
    return out


def _unit_changed(ka: str, kb: str) -> bool:
    """Two words that stand after an amount and change its size or its currency
    ("million" -> "billion", "euros" -> "dollars")."""
    sa, sb = _SCALES.get(ka), _SCALES.get(kb)
    if sa is not None and sb is not None:
        return sa != sb
    cur = _currencies()
    return ka in cur and kb in cur and cur[ka] != cur[kb]


_NUMBER_WORDS_RAW = """
one=1 two=2 three=3 four=4 five=5 six=6 seven=7 eight=8 nine=9 ten=10 eleven=11 twelve=12
thirteen=13 fourteen=14 fifteen=15 sixteen=16 seventeen=17 eighteen=18 nineteen=19 twenty=20
thirty=30 forty=40 fifty=50 sixty=60 seventy=70 eighty=80 ninety=90 dozen=12 dozens=12
deux=2 trois=3 quatre=4 cinq=5 sept=7 huit=8 neuf=9 dix=10 onze=11 douze=12 quinze=15
vingt=20 trente=30 quarante=40 cinquante=50 soixante=60 centaine=100 centaines=100
два=2 три=3 четыре=4 пять=5 шесть=6 семь=7 восемь=8 девять=9 десять=10 двадцать=20
واحد=1 اثنان=2 اثنين=2 ثلاثة=3 ثلاث=3 اربعة=4 اربع=4 خمسة=5 خمس=5 ستة=6 ست=6 سبعة=7
سبع=7 ثمانية=8 ثماني=8 تسعة=9 تسع=9 عشرة=10 عشر=10 عشرون=20 عشرين=20 ثلاثون=30 ثلاثين=30
اربعون=40 اربعين=40 خمسون=50 خمسين=50 مئة=100 مائة=100 مئات=100 مئتين=200 مئتي=200
اثني=2 اثنا=2 احد=1 احدى=1 الفين=2000 الفي=2000 مليونين=2000000 مليوني=2000000
مليارين=2000000000 ملياري=2000000000
"""

_DATE_WORDS_RAW = """
january=m1 february=m2 march=m3 april=m4 june=m6 july=m7 august=m8 september=m9 sept=m9
october=m10 november=m11 december=m12 jan=m1 feb=m2 aug=m8 oct=m10 nov=m11 dec=m12
monday=d1 tuesday=d2 wednesday=d3 thursday=d4 friday=d5 saturday=d6 sunday=d7
janvier=m1 février=m2 mars=m3 avril=m4 juin=m6 juillet=m7 août=m8 septembre=m9 octobre=m10
novembre=m11 décembre=m12 lundi=d1 mardi=d2 mercredi=d3 jeudi=d4 vendredi=d5 samedi=d6
dimanche=d7 январь=m1 января=m1 февраля=m2 марта=m3 апреля=m4 мая=m5 июня=m6 июля=m7
августа=m8 сентября=m9 октября=m10 ноября=m11 декабря=m12 понедельник=d1 вторник=d2
среду=d3 среда=d3 четверг=d4 пятницу=d5 пятница=d5 субботу=d6 суббота=d6 воскресенье=d7
يناير=m1 فبراير=m2 مارس=m3 ابريل=m4 مايو=m5 يونيو=m6 يوليو=m7 اغسطس=m8 سبتمبر=m9
اكتوبر=m10 نوفمبر=m11 ديسمبر=m12 الاثنين=d1 الثلاثاء=d2 الاربعاء=d3 الخميس=d4 الجمعة=d5
السبت=d6 الاحد=d7
"""

# British/American and similar spelling pairs, as (pattern, replacement) on the folded
# word: both sides are rewritten to one form before they are compared.
_SPELLING_RAW = (
    (r"is(e|es|ed|ing|ation|ations)$", r"iz\1"), (r"ys(e|es|ed|ing)$", r"yz\1"),
    (r"our(s|ed|ing|ite|ites|able)?$", r"or\1"), (r"tre(s)?$", r"ter\1"),
    (r"ence$", r"ense"), (r"ll(ed|ing|er|ers)$", r"l\1"), (r"ogue(s)?$", r"og\1"),
    (r"ae", "e"), (r"oe", "e"), (r"mme$", "m"),
)


def _groups(raw: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in raw.strip().splitlines():
        for group in line.split("|"):
            names = [n.strip() for n in group.split("=") if n.strip()]
            if not names:
                continue
            gid = _key(names[0])
            for n in names:
                out[_key(n)] = gid
    return out


def _key(phrase: str) -> str:
    return " ".join(fold(t) for t in _token_re().findall(phrase.replace("-", " ")))


@dataclass(frozen=True)
class _Lexicon:
    places: dict[str, str]
    names: dict[str, str]
    place_words: frozenset[str]  # first words of multi-word places
    numbers: dict[str, float]
    dates: dict[str, str]
    reporting: frozenset[str]
    filler: frozenset[str]  # words that may stand beside a reporting verb
    common_caps: frozenset[str]  # capitalised at a sentence start, not names
    quantities: frozenset[str]
    spelling: tuple[tuple[re.Pattern[str], str], ...]
    titles: frozenset[str]  # words a name follows in caseless scripts


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    places = _groups(_PLACES_RAW)
    names = _groups(_NAMES_RAW)
    numbers = {}
    for item in _NUMBER_WORDS_RAW.split():
        word, value = item.split("=")
        numbers[fold(word)] = float(value)
    dates = {}
    for item in _DATE_WORDS_RAW.split():
        word, value = item.split("=")
        dates[fold(word)] = value
    first = frozenset(k.split()[0] for k in places if " " in k)
    spelling = tuple((re.compile(p), r) for p, r in _SPELLING_RAW)
    return _Lexicon(places, names, first, numbers, dates, _folded(_REPORTING_RAW),
                    _folded(_REPORTING_FILLER_RAW), _folded(_COMMON_CAPS_RAW),
                    _folded(_QUANTITY_WORDS_RAW), spelling, _folded(_TITLES_RAW))


# --------------------------------------------------------------------------- #
# Tokens of a substitution
# --------------------------------------------------------------------------- #

_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
_TOKEN_PATTERN = (
    rf"\d+(?:[.,\u066b\u066c\u00a0\u202f]\d+)*|(?:[^\W\d_]|[{_MARKS}])+(?:['\u2019](?:[^\W\d_])+)?"
)
_SENTENCE_END = ".!?\n\u061f\u3002:;"
_OPEN_PUNCT = " \t\u00a0\"'\u201c\u201d\u00ab\u00bb\u2018\u2019\u201e(\u2014\u2013-"


@lru_cache(maxsize=1)
def _token_re() -> re.Pattern[str]:
    return re.compile(_TOKEN_PATTERN)


@lru_cache(maxsize=1)
def _gap_re() -> re.Pattern[str]:
    return re.compile(r"\W*")


@dataclass(frozen=True, slots=True)
class _Tok:
    start: int
    end: int
    text: str
    key: str


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    out = []
    for m in _token_re().finditer(text, start, end):
        t = m.group()
        out.append(_Tok(m.start(), m.end(), t, fold(t)))
    return out


def _sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in _OPEN_PUNCT:
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def _in_quotation(text: str, pos: int) -> bool:
    """Whether ``pos`` stands inside quotation marks of its paragraph (text since the
    last blank line, or since the last line break in a text without blank lines)."""
    ps = text.rfind("\n\n", 0, pos)
    if ps < 0 and "\n\n" not in text:
        ps = text.rfind("\n", 0, pos)
    seg = text[ps + 1:pos]
    if not seg:
        return False
    if seg.count('"') % 2 == 1:
        return True
    opens = seg.count("\u201c") + seg.count("\u00ab") + seg.count("\u201e")
    closes = seg.count("\u201d") + seg.count("\u00bb")
    return opens > closes


# --------------------------------------------------------------------------- #
# Numbers
# --------------------------------------------------------------------------- #


def _digits(t: str) -> str:
    if not t.isascii():
        t = "".join(str(unicodedata.digit(c, c)) if c.isdigit() else c for c in t)
    return t


def _parse_number(t: str) -> tuple[float, str]:
    """Value and bare digit string of a number token ("4,300" -> 4300.0, "4300")."""
    t = _digits(t)
    bare = re.sub(r"[^\d]", "", t)
    parts = re.split(r"[.,\u066b\u066c\u00a0\u202f]", t)
    if len(parts) == 1:
        return float(parts[0]), bare
    seps = re.findall(r"[.,\u066b\u066c\u00a0\u202f]", t)
    last = parts[-1]
    if "\u066b" in seps:  # Arabic decimal separator
        i = t.index("\u066b")
        return float(re.sub(r"[^\d]", "", t[:i]) + "." + re.sub(r"[^\d]", "", t[i + 1:])), bare
    if len(last) == 3 and all(len(p) == 3 for p in parts[1:]) and (
            len(set(seps)) == 1 or seps[-1] != seps[0]):
        if len(set(seps)) > 1:  # "1,234.5" or "1.234,5"
            whole = "".join(parts[:-1])
            return float(whole + "." + last), bare
        return float("".join(parts)), bare  # "4,300", "1.000.000": thousands
    whole = "".join(parts[:-1])
    return float((whole or "0") + "." + last), bare


@dataclass(frozen=True, slots=True)
class _Num:
    start: int
    end: int
    value: float | str  # a float, or "m3"/"d2" for a month or weekday
    bare: str
    digits: bool = False  # written in digits (not in words)
    scale: float = 1.0  # the scale words read after it ("3 million": 1e6)


def _numbers(toks: list[_Tok], text: str = "") -> list[_Num]:
    """Numbers, amounts and dates among ``toks`` (``text`` is the text they index,
    for times such as "02:00")."""
    lex = _lexicon()
    out: list[_Num] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        k = t.key
        value: float | str | None = None
        bare = ""
        if k[:1].isdigit():
            try:
                value, _ = _parse_number(t.text)
            except ValueError:  # "¼", "1⁄4" and other digits that are not a number
                i += 1
                continue
            # The matching key: digits, with a decimal mark "." but no group separators
            # ("4.300" and "4,300" are "4300", "1,5" and "1.5" are "1.5", "15" is not).
            bare = k
        elif k in lex.numbers and not (k in lex.dates and t.text[:1].isupper()):
            value = lex.numbers[k]  # French "sept" is 7, "Sept" is September
            bare = str(int(value))
        elif k in lex.dates:
            out.append(_Num(t.start, t.end, lex.dates[k], k))
            i += 1
            continue
        elif not k.isascii():
            value = _arabic_number_word(k, lex.numbers)
            bare = str(int(value)) if value is not None else ""
        if value is None:
            i += 1
            continue
        end = t.end
        value = float(value)
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt is not None and value < 10 and nxt.key in _ARABIC_TEEN:
            value += 10  # "اثنا عشر" is 12
            bare = str(int(value))
            end = nxt.end
            i += 1
        elif nxt is not None and value < 10 and nxt.key.startswith("\u0648") and \
                not nxt.key.isascii():
            tens = _arabic_number_word(nxt.key, lex.numbers)
            if tens is not None and tens in _AR_TENS:  # "الثالث والعشرين" is 23
                value += tens
                bare = str(int(value))
                end = nxt.end
                i += 1
        elif nxt is not None and k[:1].isdigit() and nxt.key[:1].isdigit() and \
                text[t.end:nxt.start] == ":":  # "02:00" is one time
            value += float(_digits(nxt.text)) / 60
            end = nxt.end
            i += 1
        scale = 1.0
        while i + 1 < len(toks) and toks[i + 1].key in _SCALES:
            scale *= _SCALES[toks[i + 1].key]
            end = toks[i + 1].end
            i += 1
        out.append(_Num(t.start, end, value * scale, bare, k[:1].isdigit(), scale))
        i += 1
    return out


_AR_PERCENT = frozenset({  # بالمئة بالمائة المئة المائة (folded)
    "\u0628\u0627\u0644\u0645\u064a\u0647", "\u0628\u0627\u0644\u0645\u0627\u064a\u0647",
    "\u0627\u0644\u0645\u064a\u0647", "\u0627\u0644\u0645\u0627\u064a\u0647"})
_AR_PREFIXES = ("\u0648\u0627\u0644", "\u0628\u0627\u0644", "\u0644\u0644", "\u0627\u0644",
                "\u0648", "\u0644", "\u0628")  # وال بال لل ال و ل ب


def _arabic_number_word(k: str, numbers: dict[str, float]) -> float | None:
    """A number word with its clitics and article ("وخمسة", "لعشرة", "الخمسة", "الثلاث")
    or an ordinal ("الرابعة" is 4), folded. "بالمئة" (per cent) is no number."""
    if k in _AR_PERCENT:
        return None
    for pre in ("", *_AR_PREFIXES):
        if pre and not k.startswith(pre):
            continue
        w = k[len(pre):]
        if len(w) < 2:
            continue
        if w in numbers:
            return numbers[w]
        if w in _AR_ORDINALS:
            return float(_AR_ORDINALS[w])
        if w.endswith("\u0647") and w[:-1] in _AR_ORDINALS:  # feminine "الرابعة"
            return float(_AR_ORDINALS[w[:-1]])
    return None


_JOINERS = frozenset(" -\u00a0\u202f\u2009")


def _joined(text: str, i: int, j: int) -> bool:
    """Only spaces or hyphens between ``i`` and ``j`` ("3 million", "200-million")."""
    return i <= j and all(ch in _JOINERS for ch in text[i:j])


def _window_tokens(text: str, lo: int, hi: int) -> list[_Tok]:
    """The tokens of ``text[lo:hi]`` with the window widened to whole words."""
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    return _tokens(text, lo, hi)


def _quantity_before(text: str, pos: int) -> int | None:
    """Where the amount that ends just before ``pos`` starts ("3 million" before
    "euros", "3" before "million"), read from the text; None without one."""
    toks = [t for t in _window_tokens(text, max(0, pos - 48), pos) if t.end <= pos]
    end = pos
    for t in reversed(toks):
        if not _joined(text, t.end, end):
            return None
        if t.key in _SCALES:
            end = t.start
            continue
        n = _numbers([t], text)
        return t.start if n and not isinstance(n[0].value, str) else None
    return None


def _currency_after(text: str, toks: list[_Tok], x: _Num) -> _Tok | None:
    """The currency word right after the amount ``x`` among ``toks``, if any."""
    for t in toks:
        if t.start >= x.end:
            ok = t.key in _currencies() and _joined(text, x.end, t.start)
            return t if ok else None
    return None


def _quantity_words(toks: list[_Tok], lex: _Lexicon) -> bool:
    """Are these words (at least one) a quantity ("several", "dozens", "عدة")?"""
    return bool(toks) and all(t.key in lex.quantities or t.key in lex.numbers for t in toks)


def _differing(na: list[_Num], nb: list[_Num]) -> tuple[list[_Num], list[_Num]]:
    """The numbers of two sides from the first to the last that differ (all of them
    when the sides hold different counts); two empty lists when all are the same.
    When the counts differ only by numbers in words ("70 trainees" -> "70 trainees
    at one time", "في وقت واحد"), the numbers in digits decide."""
    if len(na) != len(nb):
        da = [x for x in na if x.digits]
        db = [y for y in nb if y.digits]
        if da and len(da) == len(db) and (len(da) < len(na) or len(db) < len(nb)) and \
                all(_same_number(x, y) for x, y in zip(da, db)):
            return [], []
        return na, nb
    diff = [k for k, (x, y) in enumerate(zip(na, nb)) if not _same_number(x, y)]
    if not diff:
        return [], []
    return na[diff[0]:diff[-1] + 1], nb[diff[0]:diff[-1] + 1]


def _same_number(x: _Num, y: _Num) -> bool:
    if isinstance(x.value, str) or isinstance(y.value, str):
        return x.value == y.value
    if x.value == y.value:
        return True
    # "4.300" (French thousands) and "4,300"; "1,5" and "1.5": the same key, same scale
    # ("3 million" and "3 billion" have the same digits but not the same scale words).
    return x.bare == y.bare and x.bare != "" and x.scale == y.scale and (
        max(x.value, y.value) / max(min(x.value, y.value), 1e-12) < 1001)


# --------------------------------------------------------------------------- #
# Names and places
# --------------------------------------------------------------------------- #


@dataclass(frozen=True, slots=True)
class _Entity:
    start: int
    end: int
    key: str
    first: int  # index of its first token
    titled: bool = False  # a name found after a title in a caseless script


_CONNECTORS = frozenset({"de", "al", "el", "bin", "ibn", "von", "van", "der", "la", "du", "abu"})


def _entities(text: str, toks: list[_Tok], *, with_arabic_places: bool) -> list[_Entity]:
    """Runs of capitalised tokens (names, places), and known places in any script."""
    lex = _lexicon()
    out: list[_Entity] = []
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        w = t.text
        if w[:1].isupper() and t.key not in lex.dates:
            if _sentence_start(text, t.start) and t.key in lex.common_caps:
                i += 1
                continue
            j = i + 1
            while j < n and (toks[j].text[:1].isupper() or (
                    toks[j].key in _CONNECTORS and j + 1 < n and toks[j + 1].text[:1].isupper())):
                if text[toks[j - 1].end:toks[j].start].strip(" -\u00a0'\u2019"):
                    break  # punctuation between: two entities
                j += 1
            out.append(_Entity(t.start, toks[j - 1].end, " ".join(x.key for x in toks[i:j]), i))
            i = j
            continue
        if with_arabic_places and not w[:1].isascii() and not w[:1].isupper():
            # A caseless script: a name follows a title ("الأمير فيصل بن فرحان").
            prev = toks[i - 1].key if i else _previous_key(text, t.start)
            prev_start = toks[i - 1].start if i else t.start - len(prev) - 1
            if prev in lex.titles and _previous_key(text, max(0, prev_start)) == \
                    "\u0627\u0644":
                prev = ""  # "آل الشيخ" is a family name, not the title "الشيخ"
            # (not "الرئيس التنفيذي": an adjective with the article is no first name)
            if (prev in lex.titles or prev in _NAME_LINKS) and t.key not in lex.titles and \
                    not t.key.startswith("\u0627\u0644"):
                j = i + 2 if t.key in _NAME_HEADS and i + 1 < n else i + 1
                while j + 1 < n and toks[j].key in _NAME_LINKS:
                    j += 2
                out.append(_Entity(t.start, toks[j - 1].end,
                                   " ".join(x.key for x in toks[i:j]), i, titled=True))
                i = j
                continue
            k = t.key
            k2 = k[1:] if k[:1] in ("\u0648", "\u0628", "\u0644") and len(k) > 3 else k
            for cand in (k, k2):
                if cand in lex.places:
                    out.append(_Entity(t.start, t.end, cand, i))
                    break
                if cand in lex.place_words and i + 1 < n:
                    two = cand + " " + toks[i + 1].key
                    if two in lex.places:
                        out.append(_Entity(t.start, toks[i + 1].end, two, i))
                        i += 1
                        break
        i += 1
    return out


# بن بنت آل أبو ابن عبد (folded): they join the words of one name.
_NAME_LINKS = frozenset({"\u0628\u0646", "\u0628\u0646\u062a", "\u0627\u0644", "\u0627\u0628\u0648",
                         "\u0627\u0628\u0646", "\u0639\u0628\u062f"})
_NAME_HEADS = frozenset({"\u0639\u0628\u062f", "\u0627\u0628\u0648"})  # عبد أبو + the next word


def _previous_key(text: str, pos: int) -> str:
    before = _tokens(text, max(0, pos - 24), pos)
    return before[-1].key if before else ""


_TRANSLIT = str.maketrans({"c": "k", "q": "k", "y": "i", "j": "i", "w": "v", "x": "k"})


def _respelling(ka: str, kb: str) -> str | None:
    """Why two entity keys are the same name written differently, or None."""
    lex = _lexicon()
    for table, what in ((lex.places, "known place spelling"), (lex.names, "known spelling")):
        ga, gb = table.get(ka), table.get(kb)
        if ga is not None and ga == gb:
            return what
    pa, pb = lex.places.get(ka), lex.places.get(kb)
    if pa is not None and pb is not None:
        return None  # two different known places: Iran/Iraq, Austria/Australia
    if ka.replace(" ", "").replace("-", "") == kb.replace(" ", "").replace("-", ""):
        return "spacing or hyphenation"
    wa, wb = ka.split(), kb.split()
    if len(wa) == len(wb) and len(wa) > 1:
        # "Alastair Morton" -> "Alastayr Germany" is a new name: every word must match.
        ok = all(x == y or _similar(x, y) for x, y in zip(wa, wb))
        return "respelling or transliteration" if ok else None
    return "respelling or transliteration" if _similar(ka, kb) else None


def _similar(ka: str, kb: str) -> bool:
    """Folded forms alike enough to be one name respelt: same initial (after k/c/q,
    i/y/j, v/w folding) and at least 70 % similar, or (short names) one letter added
    or dropped."""
    ta, tb = ka.translate(_TRANSLIT), kb.translate(_TRANSLIT)
    if ta[:1] != tb[:1]:
        return False
    if min(len(ka), len(kb)) >= 4 and Indel.normalized_similarity(ta, tb) >= 0.7:
        return True
    # Short names: one letter doubled or dropped ("Bill"/"Bil", "Peck"/"Pek").
    return min(len(ka), len(kb)) >= 3 and Indel.distance(ta, tb) <= 1


def _is_place(text: str, ent: _Entity) -> bool:
    """A known place, or a name after "in", "at", "city of", "في"… (the two words
    before it are read from the text, so a substitution of one word still sees them)."""
    lex = _lexicon()
    if ent.key in lex.places:
        return True
    before = _tokens(text, max(0, ent.start - 40), ent.start)[-2:]
    keys = [t.key for t in before]
    if keys and f"{keys[-1]} {ent.key}" in lex.places:  # "New" + "York"
        return True
    if keys and (keys[-1] in _PLACE_PREPOSITIONS or keys[-1] in _PLACE_NOUNS):
        return True
    return len(keys) == 2 and keys[1] in ("of", "de", "d") and keys[0] in _PLACE_NOUNS


_CONTRACTIONS = frozenset({("are", "re"), ("is", "s"), ("will", "ll"), ("not", "t"),
                           ("not", "nt"), ("have", "ve"), ("would", "d"), ("had", "d"),
                           ("am", "m"), ("us", "s")})


def _spelling_variant(ka: str, kb: str) -> bool:
    if ka == kb or (ka, kb) in _CONTRACTIONS or (kb, ka) in _CONTRACTIONS:
        return True
    if not ka.isascii() and not kb.isascii() and ka[:1].isalpha():
        # Arabic hamza seats, the article, a verb's person ("أبناءه"/"أبناؤه",
        # "المسؤولين"/"المسئولين", "الشارة"/"اشارة", "تحتاجه"/"يحتاجه").
        if ka + "\u0627" == kb or kb + "\u0627" == ka:  # case ending: "جزء" / "جزءا"
            return True
        return min(len(ka), len(kb)) >= 4 and Indel.normalized_similarity(ka, kb) >= 0.8
    if abs(len(ka) - len(kb)) > 2 or ka[:2] != kb[:2] or min(len(ka), len(kb)) < 4:
        return False
    for rx, rep in _lexicon().spelling:
        ka2, kb2 = rx.sub(rep, ka), rx.sub(rep, kb)
        if ka2 == kb2:
            return True
    return False


def _attribution_sentence(text: str, start: int, end: int) -> bool:
    """Does the sentence around ``text[start:end]`` carry a quotation and a reporting
    verb (so that a changed name there changes who is quoted)?"""
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    if le < 0:
        le = len(text)
    para = text[ls:le]
    if not any(q in para for q in '"\u201c\u201d\u00ab\u00bb'):
        return False
    reporting = _lexicon().reporting
    return any(t.key in reporting for t in _tokens(text, ls, le))


# --------------------------------------------------------------------------- #
# Classification
# --------------------------------------------------------------------------- #


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(cs < e and s < ce for cs, ce in spans)


class _Pair:
    """The two texts of a comparison, and the credits of the lines looked at so far."""

    def __init__(self, a: str, b: str) -> None:
        self.a, self.b = a, b
        self._lines: dict[tuple[bool, int], tuple[Credit, ...]] = {}

    def credits(self, side_b: bool, pos: int) -> tuple[Credit, ...]:
        """The credits of the line holding ``pos`` in b (or a), read once."""
        text = self.b if side_b else self.a
        key = (side_b, text.rfind("\n", 0, pos) + 1)
        found = self._lines.get(key)
        if found is None:
            found = line_credits(text, pos)
            self._lines[key] = found
        return found

    def in_credit(self, a0: int, a1: int, b0: int, b1: int) -> bool:
        return any(c.start < a1 and a0 < c.end for c in self.credits(False, a0)) or \
            any(c.start < b1 and b0 < c.end for c in self.credits(True, b0))


def _change(p: _Pair, kind: str, a0: int, a1: int, b0: int, b1: int, detail: str) -> FactChange:
    return FactChange(kind, a0, a1, b0, b1, p.a[a0:a1], p.b[b0:b1], detail)


_MAX_QUOTE_WORDS = 6  # a longer "substitution" is new text, not an altered quotation
_MAX_WORDS_FOR_NUMBER = 4  # "ten" -> "several", not a paragraph replacing a number


def _spacing_variant(a: str, b: str, ta: list[_Tok], tb: list[_Tok]) -> bool:
    """The same words split or joined differently, counting the word just outside the
    substitution ("عبدالعزيز" -> "عبد" + "العزيز", "Al Qaeda" -> "AlQaeda")."""
    ja, jb = "".join(t.key for t in ta), "".join(t.key for t in tb)
    if ja == jb:
        return True
    if len(ja) == len(jb) or (jb not in ja and ja not in jb):
        return False
    after_a, after_b = _next_key(a, ta[-1].end), _next_key(b, tb[-1].end)
    before_a, before_b = _previous_key(a, ta[0].start), _previous_key(b, tb[0].start)
    return ja == jb + after_b or jb == ja + after_a or ja == before_b + jb or \
        jb == before_a + ja


def _next_key(text: str, pos: int) -> str:
    after = _tokens(text, pos, min(len(text), pos + 24))
    return after[0].key if after else ""


def _classify(p: _Pair, a0: int, a1: int, b0: int, b1: int, out: list[FactChange],
              *, credit: bool = False) -> None:
    """Append the fact changes of one substitution ``a[a0:a1] -> b[b0:b1]``; inside a
    ``credit`` (a dateline) only a changed date or number counts."""
    a, b = p.a, p.b
    ta, tb = _tokens(a, a0, a1), _tokens(b, b0, b1)
    if not ta or not tb:
        return
    lex = _lexicon()
    if credit:
        na, nb = _differing(_numbers(ta, a), _numbers(tb, b))
        if na and nb:
            s0, s1, t0, t1 = na[0].start, na[-1].end, nb[0].start, nb[-1].end
            out.append(_change(p, "number", s0, s1, t0, t1,
                               f"dateline date changed: {a[s0:s1]} \u2192 {b[t0:t1]}"))
        return
    ka, kb = [t.key for t in ta], [t.key for t in tb]
    if ka == kb:
        out.append(_change(p, "style", a0, a1, b0, b1, "quote marks or punctuation"))
        return
    if _spacing_variant(a, b, ta, tb):
        out.append(_change(p, "style", a0, a1, b0, b1, "spacing"))
        return
    quoted = _in_quotation(a, ta[0].start) or _in_quotation(b, tb[0].start)
    where = " inside a quotation" if quoted else ""
    if _unit_changed(ta[0].key, tb[0].key):
        # "3 million euros" -> "3 billion euros" substitutes the scale word alone: read
        # the amount standing before it in each text, so both sides are whole amounts.
        qa, qb = _quantity_before(a, ta[0].start), _quantity_before(b, tb[0].start)
        if qa is not None and qb is not None:
            ta, tb = _tokens(a, qa, a1), _tokens(b, qb, b1)

    # Numbers, amounts, dates.
    na, nb = _numbers(ta, a), _numbers(tb, b)
    numbers_changed = False
    same = True
    units: set[int] = set()  # starts of currency words judged with their amounts
    if na or nb:
        diff_a, diff_b = _differing(na, nb)
        same = not diff_a and not diff_b
        if same and na and len(na) == len(nb):
            # The same amount in another currency ("3 million euros" -> "3 million dollars").
            for xn, yn in zip(na, nb):
                ua, ub = _currency_after(a, ta, xn), _currency_after(b, tb, yn)
                if ua is not None and ub is not None and _unit_changed(ua.key, ub.key):
                    units.update((ua.start, ub.start))
                    out.append(_change(p, "number", xn.start, ua.end, yn.start, ub.end,
                                       f"currency changed{where}: {a[xn.start:ua.end]} "
                                       f"\u2192 {b[yn.start:ub.end]}"))
                    numbers_changed = True
        if not same and na and nb:
            da, db = _differing(na, nb)
            s0, s1 = da[0].start, da[-1].end
            t0, t1 = db[0].start, db[-1].end
            what = "date" if any(isinstance(x.value, str) for x in na + nb) else "number"
            ua, ub = _currency_after(a, ta, da[-1]), _currency_after(b, tb, db[-1])
            if ua is not None and ub is not None and _unit_changed(ua.key, ub.key):
                units.update((ua.start, ub.start))  # "3 million euros" -> "5 million dollars"
                s1, t1 = ua.end, ub.end
            out.append(_change(p, "number", s0, s1, t0, t1,
                               f"{what} changed{where}: {a[s0:s1]} \u2192 {b[t0:t1]}"))
            numbers_changed = True
        elif not same and max(len(ta), len(tb)) <= _MAX_WORDS_FOR_NUMBER and _quantity_words(
                [t for t in (tb if na else ta) if t.key not in lex.filler], lex):
            # "ten" -> "several", "a dozen" -> "12"; not a number swapped for any word.
            if na:
                out.append(_change(p, "number", na[0].start, na[-1].end, b0, b1,
                                   f"number replaced by words{where}: {a[na[0].start:na[-1].end]}"
                                   f" \u2192 {b[b0:b1]}"))
            else:
                out.append(_change(p, "number", a0, a1, nb[0].start, nb[-1].end,
                                   f"words replaced by a number{where}: {a[a0:a1]} \u2192 "
                                   f"{b[nb[0].start:nb[-1].end]}"))
            numbers_changed = True
        elif same and not numbers_changed and \
                [a[x.start:x.end] for x in na] != [b[y.start:y.end] for y in nb]:
            out.append(_change(p, "style", na[0].start, na[-1].end, nb[0].start, nb[-1].end,
                               "number written differently"))
    # Number tokens are done with when their change (or sameness) was judged above;
    # a date word swapped for a plain word stays in for the quotation test below.
    judged = same or numbers_changed
    num_keys_a = {t.key for t in ta for x in na if x.start <= t.start < x.end} if judged else set()
    num_keys_b = {t.key for t in tb for y in nb if y.start <= t.start < y.end} if judged else set()
    rest_a = [t for t in ta if t.key not in num_keys_a and t.start not in units]
    rest_b = [t for t in tb if t.key not in num_keys_b and t.start not in units]

    # Reporting verbs: "said" -> "told AFP", "said" -> "added".
    ra, rb = [t.key for t in rest_a], [t.key for t in rest_b]
    rep, fill = lex.reporting, lex.filler
    if ra and rb and any(k in rep for k in ra) and any(k in rep for k in rb) and \
            all(k in rep or k in fill for k in ra + rb):
        out.append(_change(p, "style", rest_a[0].start, rest_a[-1].end, rest_b[0].start,
                           rest_b[-1].end, "reporting verb"))
        return

    # Names and places.
    ea = _entities(a, rest_a, with_arabic_places=True)
    eb = _entities(b, rest_b, with_arabic_places=True)
    ea = [e for e in ea if len(e.key) > 1 or e.key in _lexicon().places]
    eb = [e for e in eb if len(e.key) > 1 or e.key in _lexicon().places]
    keys_b = {e.key for e in eb}
    keys_a = {e.key for e in ea}
    only_a = [e for e in ea if e.key not in keys_b]
    only_b = [e for e in eb if e.key not in keys_a]
    handled_a: set[int] = set()
    handled_b: set[int] = set()
    for x, y in zip(only_a, only_b):
        handled_a.update(range(x.start, x.end))
        handled_b.update(range(y.start, y.end))
        lex_places = _lexicon().places
        if (x.titled and y.key in lex_places) or (y.titled and x.key in lex_places):
            continue  # a person's name and a place: not one slot reworded
        why = _respelling(x.key, y.key)
        if why is not None:
            out.append(_change(p, "style", x.start, x.end, y.start, y.end, why))
            continue
        place = _is_place(a, x) or _is_place(b, y)
        if not quoted and not place and _attribution_sentence(a, x.start, x.end):
            out.append(_change(p, "quotation", x.start, x.end, y.start, y.end,
                               f"quotation attributed to {b[y.start:y.end]} instead of "
                               f"{a[x.start:x.end]}"))
            continue
        kind = "place" if place else "name"
        out.append(_change(p, kind, x.start, x.end, y.start, y.end,
                           f"{kind} changed{where}: {a[x.start:x.end]} \u2192 {b[y.start:y.end]}"))

    # Other words.
    left_a = [t for t in rest_a if t.start not in handled_a]
    left_b = [t for t in rest_b if t.start not in handled_b]
    if not left_a or not left_b:
        return
    la, lb = [t.key for t in left_a], [t.key for t in left_b]
    if la == lb:
        return
    if len(la) == len(lb) and all(_spelling_variant(x, y) for x, y in zip(la, lb)):
        out.append(_change(p, "style", left_a[0].start, left_a[-1].end, left_b[0].start,
                           left_b[-1].end, "spelling variant"))
        return
    if quoted and max(len(la), len(lb)) <= _MAX_QUOTE_WORDS:
        out.append(_change(p, "quotation", left_a[0].start, left_a[-1].end, left_b[0].start,
                           left_b[-1].end,
                           f"words inside a quotation changed: {a[left_a[0].start:left_a[-1].end]}"
                           f" \u2192 {b[left_b[0].start:left_b[-1].end]}"))


_MAX_WHOLE_WORDS = 12
_MAX_PAIRED_WORDS = 3
_CREDIT_REASONS = frozenset({"credit", "dateline", "byline"})


def _touch(text: str, x: int, lo: int, hi: int) -> bool:
    """Is point ``x`` at ``text[lo:hi]`` (only punctuation or spaces between)?"""
    if lo <= x <= hi:
        return True
    i, j = (x, lo) if x < lo else (hi, x)
    return _gap_re().fullmatch(text, i, j) is not None


def _cut_and_new(c: Comparison, d: Divergence) -> bool:
    """A long "rewrite" where most words differ pairs a cut sentence with a new one:
    its substitutions are coincidences, not edits."""
    if max(d.words_a, d.words_b) <= _MAX_WHOLE_WORDS // 2:
        return False
    changed = sum(len(_token_re().findall(c.a, s.a_start, s.a_end)) for s in d.substitutions)
    return changed * 4 > d.words_a * 3


def _substitutions(c: Comparison) -> list[tuple[int, int, int, int]]:
    """Word-level substitutions of the rewrites (a short rewrite without any is one),
    plus a short cut and a short addition standing at the same point of both texts
    (an aligner may report "1987" -> "1996" as a cut next to an addition)."""
    subs: list[tuple[int, int, int, int]] = []
    cuts: list[tuple[int, int, int]] = []  # a_start, a_end, b point
    adds: list[tuple[int, int, int]] = []  # a point, b_start, b_end
    for d in c.divergences:
        if d.kind == "rewritten":
            if d.substitutions:
                if _cut_and_new(c, d):
                    continue
                for s in d.substitutions:
                    if s.a_end > s.a_start and s.b_end > s.b_start:
                        subs.append((s.a_start, s.a_end, s.b_start, s.b_end))
                    elif s.a_end > s.a_start:
                        cuts.append((s.a_start, s.a_end, s.b_start))
                    elif s.b_end > s.b_start:
                        adds.append((s.a_start, s.b_start, s.b_end))
            elif max(d.words_a, d.words_b) <= _MAX_WHOLE_WORDS:
                subs.append((d.a_start, d.a_end, d.b_start, d.b_end))
        elif d.kind == "deleted":
            cuts.append((d.a_start, d.a_end, d.b_start))
        elif d.kind == "inserted" and d.words_b <= _MAX_WHOLE_WORDS:
            adds.append((d.a_start, d.b_start, d.b_end))
    # Word-sized pieces pair up as they are; longer ones (a new menu line next to a
    # cut first word, a cut paragraph next to an added name) only lend the number
    # that stands where they touch.
    if cuts and adds:
        subs += _pair_cuts(c, cuts, adds)
    return subs


def _pair_cuts(c: Comparison, cuts: list[tuple[int, int, int]],
               adds: list[tuple[int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Cuts and additions that stand at the same point of both texts, or between the
    same shared spans, paired as substitutions."""
    before_a = {x.a_end: k for k, x in enumerate(c.shared)}
    after_a = {x.a_start: k for k, x in enumerate(c.shared)}
    before_b = {x.b_end: k for k, x in enumerate(c.shared)}
    after_b = {x.b_start: k for k, x in enumerate(c.shared)}

    def near(table: dict[int, int], text: str, pos: int, step: int) -> int | None:
        for q in range(pos, pos + step * 4, step):
            if q in table:
                return table[q]
            k = q - 1 if step < 0 else q
            if not 0 <= k < len(text) or text[k].isalnum():
                return None
        return None

    out = []
    used: set[int] = set()
    for cut_a0, cut_a1, xb in cuts:
        na = (near(before_a, c.a, cut_a0, -1), near(after_a, c.a, cut_a1, 1))
        for k, (ya, yb0, yb1) in enumerate(adds):
            xa0, xa1 = cut_a0, cut_a1
            if k in used:
                continue
            nb = (near(before_b, c.b, yb0, -1), near(after_b, c.b, yb1, 1))
            head = (na[0] is not None and na[0] == nb[0]) or (
                _touch(c.a, ya, xa0, xa0) and _touch(c.b, xb, yb0, yb1))
            tail = (na[1] is not None and na[1] == nb[1]) or (
                _touch(c.a, ya, xa1, xa1) and _touch(c.b, xb, yb0, yb1))
            if not (head or tail):
                continue
            wa = [m.span() for m in _token_re().finditer(c.a, xa0, xa1)]
            wb = [m.span() for m in _token_re().finditer(c.b, yb0, yb1)]
            if not wa or not wb:
                continue
            if max(len(wa), len(wb)) > _MAX_PAIRED_WORDS:
                pa, pb = (wa[0], wb[0]) if head else (wa[-1], wb[-1])
                if not (c.a[pa[0]].isdigit() and c.b[pb[0]].isdigit()):
                    continue
                xa0, xa1 = pa
                yb0, yb1 = pb
            out.append((xa0, xa1, yb0, yb1))
            used.add(k)
            break
    return out


_CONTEXT_WORDS = 2  # words read on each side of a number to find its slot


def _slot(text: str, x: _Num) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words around the amount ``x`` (any number among them reads "#"): the slot
    a number fills in its sentence ("shot down # of", "of # drones")."""
    def word(t: _Tok) -> str:
        return "#" if _numbers([t], text) else t.key

    before = _window_tokens(text, max(0, x.start - 60), x.start)
    after = _window_tokens(text, x.end, min(len(text), x.end + 60))
    return (tuple(word(t) for t in before if t.end <= x.start)[-_CONTEXT_WORDS:],
            tuple(word(t) for t in after if t.start >= x.end)[:_CONTEXT_WORDS])


@lru_cache(maxsize=1)
def _date_re() -> re.Pattern[str]:
    # "1 /9 /2015", "2015-09-01", "9/2015": parts of one date, in any order.
    return re.compile(r"\d+\s*[-./]\s*\d+\s*[-./]\s*\d+|\d+\s*/\s*\d+")


def _date_part(text: str, x: _Num) -> bool:
    """Is ``x`` one part of a date written with slashes, dashes or dots?"""
    lo = max(0, x.start - 16)
    return any(m.start() + lo <= x.start and x.end <= m.end() + lo
               for m in _date_re().finditer(text[lo:x.end + 16]))


def _swapped_numbers(p: _Pair, a0: int, a1: int, b0: int, b1: int,
                     out: list[FactChange]) -> None:
    """Numbers of one rewrite that changed places ("12 of 15" -> "15 of 12"): the
    aligner keeps one of them as shared, so no substitution pairs them. A number is
    changed when the same number stands in the copy only among other words, while its
    own slot (the words on both sides) holds another number of the rewrite. A number
    that kept the words on either side ("on Tuesday", "5 people died" moved within the
    sentence), or is only written differently ("4,300" -> "٤٣٠٠"), is no change; nor
    are the parts of a date written in another order ("1/9/2015" -> "2015/9/1")."""
    a, b = p.a, p.b
    na, nb = _numbers(_tokens(a, a0, a1), a), _numbers(_tokens(b, b0, b1), b)
    if len(na) < 2 or len(nb) < 2:
        return
    slots_a = [_slot(a, x) for x in na]
    slots_b = [_slot(b, y) for y in nb]
    found: list[FactChange] = []
    for x, sx in zip(na, slots_a):
        if any(f.a_start < x.end and x.start < f.a_end for f in out):
            continue
        same = [sy for y, sy in zip(nb, slots_b) if _same_number(x, y)]
        if not same or any(sx[0] == sy[0] or sx[1] == sy[1] for sy in same):
            continue  # not in the copy (a plain change), or still among its words
        there = [y for y, sy in zip(nb, slots_b) if sy == sx and not _same_number(x, y)]
        if len(there) != 1 or not any(_same_number(z, there[0]) for z in na):
            continue
        y = there[0]
        if any(f.b_start < y.end and y.start < f.b_end for f in out) or \
                _date_part(a, x) or _date_part(b, y):
            continue
        quoted = _in_quotation(a, x.start) or _in_quotation(b, y.start)
        what = "date" if isinstance(x.value, str) else "number"
        found.append(_change(p, "number", x.start, x.end, y.start, y.end,
                             f"{what} changed{' inside a quotation' if quoted else ''}: "
                             f"{a[x.start:x.end]} \u2192 {b[y.start:y.end]} "
                             f"(numbers changed places)"))
    out.extend(found)


def _datelines(c: Comparison, p: _Pair, out: list[FactChange]) -> None:
    """Datelines are page clutter to the alignment, so a changed date in one ("... 10
    اغسطس 2015 م واس" -> "... 18 اغسطس ...") shows in no divergence: compare the
    first dateline of each text directly when both name the same place."""
    da = _first_dateline(p, False, c.boilerplate_a)
    if da is None or da.place is None:
        return
    db = _first_dateline(p, True, c.boilerplate_b)
    if db is None or db.place is None or _key(da.place) != _key(db.place) or \
            " ".join(da.text.split()) == " ".join(db.text.split()):
        return
    _classify(p, da.start, da.end, db.start, db.end, out, credit=True)


def _first_dateline(p: _Pair, side_b: bool, boiler: tuple[Boilerplate, ...]) -> Credit | None:
    """The first dateline among the first few credits and datelines marked as clutter."""
    seen = 0
    for bp in boiler:
        if bp.reason not in ("dateline", "credit"):
            continue
        for cr in p.credits(side_b, bp.start):
            if cr.kind == "dateline":
                return cr
        seen += 1
        if seen == 3:
            break
    return None


def _widest_numbers(facts: list[FactChange]) -> list[FactChange]:
    """Drop a number change lying inside another on both sides: "3" -> "5" found in
    one substitution and "3 million euros" -> "5 million dollars" read around the
    next one ("euros" -> "dollars") are one change."""
    nums = [f for f in facts if f.kind == "number"]
    out: list[FactChange] = []
    for f in facts:
        if f.kind == "number" and any(
                g is not f and g.a_start <= f.a_start and f.a_end <= g.a_end and
                g.b_start <= f.b_start and f.b_end <= g.b_end and
                (g.a_end - g.a_start + g.b_end - g.b_start >
                 f.a_end - f.a_start + f.b_end - f.b_start or g in out) for g in nums):
            continue  # inside a wider change, or the same change read twice
        out.append(f)
    return out


def changed_facts(c: Comparison, *, style: bool = True) -> tuple[FactChange, ...]:
    """Changes of substance (and, with ``style=True``, of style) inside the passages
    ``c.b`` kept from ``c.a`` but reworded, in the order of ``c.b``.

    Read are the word-level substitutions of ``rewritten`` divergences (a short
    rewrite without any counts as one), and a short deletion and insertion standing
    at the same point of both texts. Inside credits and datelines
    (:func:`syndetect.credits.line_credits`) only a changed date or number is
    reported: "WASHINGTON (AP)" -> "Agencies" is a credit change, not a place. Raises
    :class:`~syndetect.errors.InputError` when ``c`` is not a Comparison.
    """
    if not all(hasattr(c, f) for f in _COMPARISON_FIELDS):
        raise InputError(
            f"changed_facts needs a Comparison (from syndetect.compare(a, b)), "
            f"not {type(c).__name__}")
    subs = _substitutions(c)
    p = _Pair(c.a, c.b)
    out: list[FactChange] = []
    _datelines(c, p, out)
    clutter_a = [(x.start, x.end) for x in c.boilerplate_a if x.reason not in _CREDIT_REASONS]
    clutter_b = [(x.start, x.end) for x in c.boilerplate_b if x.reason not in _CREDIT_REASONS]
    for a0, a1, b0, b1 in subs:
        if a1 <= a0 or b1 <= b0 or _overlaps(clutter_a, a0, a1) or _overlaps(clutter_b, b0, b1):
            continue
        _classify(p, a0, a1, b0, b1, out, credit=p.in_credit(a0, a1, b0, b1))
    for d in c.divergences:
        # Numbers that changed places: only where the rewrite has both a cut and an
        # addition (the aligner kept one of the numbers as shared); paired
        # substitutions and whole short rewrites compare their numbers in order above.
        if d.kind != "rewritten" or \
                not any(x.a_start == x.a_end for x in d.substitutions) or \
                not any(x.b_start == x.b_end for x in d.substitutions) or \
                _cut_and_new(c, d) or _overlaps(clutter_a, d.a_start, d.a_end) or \
                _overlaps(clutter_b, d.b_start, d.b_end) or \
                p.in_credit(d.a_start, d.a_end, d.b_start, d.b_end):
            continue
        _swapped_numbers(p, d.a_start, d.a_end, d.b_start, d.b_end, out)
    out = _widest_numbers(out)
    if not style:
        out = [f for f in out if f.kind != "style"]
    out.sort(key=lambda f: (f.b_start, f.a_start))
    return tuple(out)
