"""Shared fixtures of the index tests: a real redis-server, and a small news corpus.

The corpus is written for these tests (no corpus or seed text): wire stories in
English and Arabic, and the copies outlets make of them (clutter, new leads, cut
tails, reworded sentences), plus the traps: a roundup that reprints two unrelated
wires, and two independent stories that quote the same statement.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of a redis-server started for this test session on a free loopback port."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server); "
                    "the Redis index tests need a real server")
    pytest.importorskip("redis", reason="the redis package is needed: pip install redis")
    import redis

    workdir: Path = tmp_path_factory.mktemp("redis")
    port = _free_port()
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(workdir), "--protected-mode", "yes"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url, socket_connect_timeout=0.5)
    try:
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.exceptions.ConnectionError:
                if proc.poll() is not None:
                    pytest.skip(f"redis-server exited with code {proc.returncode} at start")
                time.sleep(0.05)
        else:
            pytest.skip("redis-server did not answer within 5 s")
        yield url
    finally:
        client.close()
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# --------------------------------------------------------------------------- #
# A small corpus written for the tests
# --------------------------------------------------------------------------- #

FLOOD = [
    "VIENNA (AFP) - Floods swept through eastern Austria on Tuesday after three days of "
    "torrential rain, forcing the evacuation of more than two thousand residents from "
    "villages along the Danube and cutting power to tens of thousands of homes.",
    "The regional governor said emergency crews had rescued forty people trapped on the "
    "roofs of their houses overnight, and that two elderly men were still missing near "
    "the town of Krems after their car was swept off a bridge.",
    "Meteorologists warned that the river would not peak before Thursday morning, and "
    "the army deployed eight hundred soldiers to reinforce sandbag walls in the old town "
    "of Melk, where water had already reached the ground floor of the abbey school.",
    "Rail traffic between Vienna and Salzburg was suspended for a second day, the "
    "national operator said, advising passengers to postpone all journeys that were not "
    "essential until the tracks near Ybbs had been inspected by engineers.",
    "Chancellor's office announced an emergency fund of fifty million euros for farmers "
    "and small businesses, saying the damage to harvests in Lower Austria was the worst "
    "recorded since the floods of two thousand and two.",
    "Scientists have linked the growing frequency of such downpours in central Europe to "
    "warmer air over the Mediterranean, which carries more moisture north across the "
    "Alps in late summer and early autumn.",
]

CHIP = [
    "SEOUL (Reuters) - South Korea's largest chipmaker said on Wednesday it would build a "
    "new memory plant south of the capital at a cost of twenty trillion won, betting that "
    "demand from data centres training artificial intelligence models will keep rising.",
    "The company said construction would start in the spring and the first production "
    "line would open in two years, creating about three thousand jobs in the city of "
    "Pyeongtaek, where it already operates the world's biggest semiconductor complex.",
    "Analysts said the investment was larger than expected and showed confidence that "
    "prices for high bandwidth memory would hold up despite export controls on sales to "
    "China and a slowdown in orders for smartphones and personal computers.",
    "Shares in the company rose four percent in morning trade in Seoul, outperforming "
    "the broader market, while shares of equipment suppliers jumped on hopes of large "
    "orders for lithography and etching machines next year.",
    "The government welcomed the announcement and said it would speed up permits for "
    "power lines and water pipes to the site, after complaints from industry that grid "
    "connections had delayed earlier projects by more than a year.",
]

MARATHON = [
    "NAIROBI (AP) - A Kenyan teenager won the city marathon on Sunday in her first race "
    "over the distance, breaking the course record by almost two minutes on a cool "
    "morning that drew thirty thousand runners onto the streets of the capital.",
    "The seventeen year old, who trains at a high altitude camp in Iten, pulled away "
    "from the leading group after the thirtieth kilometre and crossed the line alone in "
    "two hours nineteen minutes, to loud cheers from spectators along Uhuru Highway.",
    "Her coach said she had only entered the race a week ago after recovering from an "
    "ankle injury, and that the federation would now consider her for the national team "
    "at next year's world championships in Tokyo.",
    "In the men's race, the defending champion held off a late challenge from two "
    "Ethiopian runners to win his third title in a row, finishing four seconds ahead in "
    "a sprint down the final straight in front of the national stadium.",
    "Organisers said the race raised more than forty million shillings for children's "
    "hospitals, and announced that next year's edition would include a wheelchair "
    "category for the first time.",
]

# Two independent stories about one press conference: they quote the same statement
# at length but are written separately.
QUOTE = ("\u201cWe will not accept any agreement that leaves our fishermen without access to "
         "the waters their families have worked for generations, and we will defend that "
         "position at every meeting until the final text is signed,\u201d the minister said.")
FISH_A = [
    "DUBLIN - Ireland's fisheries minister rejected the draft quota deal on Monday, "
    "telling reporters in Dublin that the proposal would cost coastal towns hundreds of "
    "jobs over the next decade.",
    QUOTE,
    "Fishing organisations in Donegal and Cork welcomed the stance, but warned that "
    "boats were already tied up in harbour because fuel prices had doubled since spring.",
    "Talks resume in Brussels next week, with officials hoping for a compromise before "
    "the end of the year when the current arrangement expires.",
]
FISH_B = [
    "The government has drawn a red line in the fisheries negotiations, the minister "
    "made clear at a crowded press conference on Monday afternoon in the capital.",
    QUOTE,
    "Opposition politicians accused the government of grandstanding, saying it had "
    "agreed to similar terms two years ago without any public complaint at all.",
    "Environmental groups said both sides ignored the scientific advice to cut catches "
    "of cod and whiting in the Celtic Sea by at least a third.",
]

WIRE_AR = [
    "الرياض 12 ربيع الأول 1447 هـ الموافق 4 سبتمبر 2025 م واس",
    "أعلنت وزارة البيئة والمياه والزراعة اليوم عن إطلاق مبادرة وطنية لزراعة خمسة ملايين "
    "شجرة في مختلف مناطق المملكة خلال الأشهر الستة المقبلة، بمشاركة الجهات الحكومية "
    "والقطاع الخاص والمتطوعين.",
    "وأوضح المتحدث الرسمي للوزارة أن المبادرة تستهدف المناطق الأكثر تأثراً بالتصحر، وتشمل "
    "إنشاء مشاتل جديدة في ثلاث عشرة محافظة، مشيراً إلى أن الوزارة خصصت 350 مليون ريال "
    "لتنفيذ المرحلة الأولى.",
    "وأضاف أن المواطنين يمكنهم التسجيل في المبادرة عبر المنصة الإلكترونية للوزارة، حيث "
    "سيتم توزيع الشتلات مجاناً على الأسر والمدارس والجمعيات الأهلية في جميع المحافظات.",
    "وأكد أن المبادرة تأتي ضمن مستهدفات مبادرة السعودية الخضراء التي تسعى إلى زراعة عشرة "
    "مليارات شجرة في المملكة خلال العقود المقبلة، وإعادة تأهيل الأراضي المتدهورة.",
]

WIRE_AR2 = [
    "جدة واس",
    "استقبل ميناء جدة الإسلامي خلال الأسبوع الماضي أكثر من مئة وعشرين سفينة تجارية "
    "محملة بالبضائع والحاويات، في ارتفاع ملحوظ مقارنة بالفترة نفسها من العام الماضي، وفق "
    "ما أعلنته الهيئة العامة للموانئ.",
    "وبينت الهيئة في بيان لها أن الميناء مناول خلال الفترة ذاتها ما يزيد على مئتي ألف "
    "حاوية قياسية، مشيرة إلى أن أعمال التوسعة الجارية في المحطة الشمالية ستضاعف الطاقة "
    "الاستيعابية للميناء بحلول نهاية العام المقبل.",
    "ولفتت إلى أن الميناء يرتبط بأكثر من ستين ميناء عالمياً عبر خطوط ملاحية منتظمة، وأن "
    "الهيئة تعمل مع شركائها على تقليص مدة بقاء الحاويات إلى أقل من ثلاثة أيام.",
]


def join(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs) + "\n"


def corpus() -> dict[str, str]:
    """Documents of the test corpus: id → text. Families are documented per id prefix."""
    flood_copy = ("Logo\nLogo\n\nWORLD\n\n" + join(
        ["Thousands of people were evacuated in Austria as the Danube burst its banks."]
        + [FLOOD[0].replace("VIENNA (AFP) - ", "")] + FLOOD[1:4]
    ) + "\nTags\nAustria\nFloods\n\nShare your opinion\n")
    flood_reworded = join([
        FLOOD[0],
        FLOOD[1].replace("rescued forty people", "pulled 40 people to safety")
        .replace("elderly men", "pensioners"),
        FLOOD[2] + " " + FLOOD[3],  # two paragraphs merged
    ])
    chip_short = join(CHIP[:2]) + "\n(Reporting by our Seoul bureau; editing by the desk)\n"
    chip_copy = join(["Big news for the memory market this week."] + CHIP[:4])
    roundup = join(
        ["Here is our round-up of the day's world news."] + FLOOD[:3] + MARATHON[:3]
    )
    ar_copy = "شارك\n\nسبق - الرياض:\n\n" + join(
        [WIRE_AR[1].replace("الأشهر", "الاشهر").replace("وطنية", "وطنيـة")] + WIRE_AR[2:4]
    ) + "\nاقرأ أيضاً\n"
    ar_copy2 = join(["المدينة - متابعات"] + WIRE_AR[1:5] + [
        "يذكر أن المملكة أطلقت خلال السنوات الماضية عدداً من المبادرات البيئية الكبرى "
        "لمكافحة التصحر والحد من العواصف الترابية في المناطق الشمالية والوسطى."])
    return {
        "flood-wire": join(FLOOD),
        "flood-copy": flood_copy,
        "flood-reworded": flood_reworded,
        "chip-wire": join(CHIP),
        "chip-short": chip_short,
        "chip-copy": chip_copy,
        "marathon-wire": join(MARATHON),
        "roundup": roundup,
        "fish-a": join(FISH_A),
        "fish-b": join(FISH_B),
        "ar-wire": join(WIRE_AR),
        "ar-copy": ar_copy,
        "ar-copy2": ar_copy2,
        "ar-port": join(WIRE_AR2),
    }


#: When each document was published (the wires first).
PUBLISHED = {
    "flood-wire": "2025-10-14T08:00:00+00:00",
    "flood-copy": "2025-10-14T09:30:00+00:00",
    "flood-reworded": "2025-10-14T11:00:00+02:00",
    "chip-wire": "2025-10-15T01:00:00+00:00",
    "chip-short": "2025-10-15T02:00:00+00:00",
    "chip-copy": "2025-10-15T05:00:00+00:00",
    "marathon-wire": "2025-10-12T07:00:00+00:00",
    "roundup": "2025-10-15T18:00:00+00:00",
    "fish-a": "2025-10-13T12:00:00+00:00",
    "fish-b": "2025-10-13T12:30:00+00:00",
    "ar-wire": "2025-09-04T06:00:00+03:00",
    "ar-copy": "2025-09-04T08:00:00+03:00",
    "ar-copy2": "2025-09-04T09:00:00+03:00",
    "ar-port": "2025-09-05T06:00:00+03:00",
}


@pytest.fixture(scope="session")
def news() -> dict[str, str]:
    """The test corpus: id → text."""
    return corpus()
