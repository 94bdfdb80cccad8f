"""Baseline ladder: rules, classic ML, a small model, a large model (interview section 06).

Each rung has a measured result on the customer's metric, a yearly cost and the company may say
which rung it builds. The lowest rung whose result reaches the customer's acceptance bar is the
one that is *enough*; if the company builds a higher rung, a simpler one would do.
"""

from dataclasses import dataclass
from decimal import Decimal

from .fields import Field, currency_field, money, percent, text

KIND = "baseline-ladder"
TITLE = {"en": "Baseline ladder", "zh": "基线阶梯"}
RUNGS = ("rules", "classic_ml", "small_model", "large_model")
RUNG_LABELS = {
    "rules": {"en": "Rules", "zh": "规则"},
    "classic_ml": {"en": "Classic ML", "zh": "经典机器学习"},
    "small_model": {"en": "Small model", "zh": "小模型"},
    "large_model": {"en": "Large model", "zh": "大模型"},
}
NOT_MET, NEEDED, SIMPLER_ENOUGH, BUILT_SHORT, UNKNOWN_BUILD = (
    "not-met",
    "needed",
    "simpler-enough",
    "built-short",
    "no-build",
)
PER_YEAR = {"en": "per year", "zh": "每年"}


def _rung_fields(rung: str) -> tuple[Field, ...]:
    label = RUNG_LABELS[rung]
    return (
        percent(
            f"{rung}_result",
            {"en": f"{label['en']}: measured result", "zh": f"{label['zh']}：实测结果"},
            group=rung,
        ),
        money(
            f"{rung}_cost",
            {"en": f"{label['en']}: cost", "zh": f"{label['zh']}：成本"},
            unit=PER_YEAR,
            group=rung,
        ),
    )


INTRO = {
    "en": (
        "Climb from rules to classic ML to a small model to a large model, each measured against "
        "the customer's acceptance bar, with its cost and the money at stake. The lowest rung "
        "that reaches the bar is enough; the interview's example is a 40-year-old method that "
        "saved the speaker's employer of the time about 50-60 M USD a year."
    ),
    "zh": (
        "从规则、经典机器学习、小模型到大模型逐级比较：每一级按客户的验收线实测，并列出成本和"
        "涉及金额。达到验收线的最低一级就够了；访谈中的例子是一种 40 "
        "年老的方法，为讲者当时的公司每年节省约五六千万美金。"
    ),
}
FIELDS = (
    text("metric", {"en": "Customer's metric", "zh": "客户的指标"}, required=True),
    percent("bar", {"en": "Customer's acceptance bar", "zh": "客户的验收线"}, required=True),
    currency_field(),
    money("at_stake", {"en": "Money at stake", "zh": "涉及金额"}, unit=PER_YEAR),
    Field(
        "built",
        "choice",
        {"en": "The rung the company builds", "zh": "公司在做的是哪一级"},
        choices=tuple((rung, RUNG_LABELS[rung]) for rung in RUNGS),
    ),
    *(spec for rung in RUNGS for spec in _rung_fields(rung)),
)
CRITERIA = {
    "problem-space": ("ai-fit", "solution-space-awareness"),
}
CITATIONS = (
    {
        "section": "06",
        "quote": (
            "SEM是一个40年老的机器学习技术,但是它能够它能给我的公司一年节省大约可能五六千万美金的"
            "成本"
        ),
        "note": {
            "en": (
                "The investor's first ML project, a decade earlier, used a 40-year-old technique "
                "and saved the speaker's own employer about 50-60 M USD a year."
            ),
            "zh": (
                "投资人十年前的第一个 ML 方案用的是 40 "
                "年老的技术，为自己当时的公司每年节省约五六千万美金。"
            ),
        },
    },
    {
        "section": "02",
        "quote": "客户要求很高,可能 99%",
        "note": {"en": "The customer's acceptance bar.", "zh": "客户的验收线。"},
    },
)


@dataclass(frozen=True)
class Rung:
    key: str
    result: Decimal | None
    cost: Decimal | None
    meets_bar: bool
    net: Decimal | None  # money at stake minus cost, for a rung that reaches the bar


@dataclass(frozen=True)
class Ladder:
    rungs: tuple[Rung, ...]
    bar: Decimal | None
    enough: str | None
    built: str | None
    verdict: str

    @property
    def headline(self) -> dict:
        return {"ladder_enough_rung": self.enough, "ladder_verdict": self.verdict}


def compute(values: dict) -> Ladder:
    """Mark the rungs that reach the bar, find the lowest one and compare it with the build."""
    bar, at_stake = values.get("bar"), values.get("at_stake")
    rungs = []
    for key in RUNGS:
        result, cost = values.get(f"{key}_result"), values.get(f"{key}_cost")
        meets = bar is not None and result is not None and result >= bar
        net = at_stake - cost if meets and at_stake is not None and cost is not None else None
        rungs.append(Rung(key, result, cost, meets, net))
    enough = next((rung.key for rung in rungs if rung.meets_bar), None)
    built = values.get("built")
    return Ladder(tuple(rungs), bar, enough, built, _verdict(enough, built))


def _verdict(enough: str | None, built: str | None) -> str:
    if enough is None:
        return NOT_MET
    if built is None:
        return UNKNOWN_BUILD
    if RUNGS.index(enough) < RUNGS.index(built):
        return SIMPLER_ENOUGH
    return NEEDED if enough == built else BUILT_SHORT
