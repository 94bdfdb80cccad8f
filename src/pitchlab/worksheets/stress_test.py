"""Next-model and provider stress test (interview sections 03 and 05).

The evaluator lists the startup's claims of advantage, gives each a weight (how much of the
advantage it carries, 1-10) and marks whether a model provider's own launch or the next base
model would erase it. The share that survives is the weight of the surviving claims over the
weight of all claims. When an admin marks that a new model shipped, every saved test is
flagged for review until it is saved again (see store.needs_review).
"""

from dataclasses import dataclass
from decimal import Decimal

from .fields import Field, text

KIND = "stress-test"
TITLE = {"en": "Next-model and provider stress test", "zh": "下一代模型与模型厂商压力测试"}
CLAIM_ROWS = 6
SURVIVES, PROVIDER, NEXT_MODEL, BOTH = "survives", "provider-launch", "next-model", "both"
VERDICTS = (
    (SURVIVES, {"en": "Survives both", "zh": "两者都扛得住"}),
    (PROVIDER, {"en": "Erased by a provider's launch", "zh": "会被模型厂商的新产品抹掉"}),
    (NEXT_MODEL, {"en": "Erased by the next base model", "zh": "会被下一代基础模型抹掉"}),
    (BOTH, {"en": "Erased by either", "zh": "两者都会抹掉"}),
)


def _claim_fields(row: int) -> tuple[Field, ...]:
    number = row + 1
    return (
        text(f"claim_{row}", {"en": f"Claim {number}", "zh": f"主张 {number}"}, group=str(row)),
        Field(
            f"claim_{row}_weight",
            "int",
            {"en": f"Claim {number}: weight", "zh": f"主张 {number}：权重"},
            unit={"en": "1-10", "zh": "1-10"},
            minimum=Decimal(1),
            maximum=Decimal(10),
            group=str(row),
        ),
        Field(
            f"claim_{row}_fate",
            "choice",
            {
                "en": f"Claim {number}: after the next launch",
                "zh": f"主张 {number}：下一次发布之后",
            },
            choices=VERDICTS,
            group=str(row),
        ),
    )


INTRO = {
    "en": (
        "List the startup's claims of advantage, weigh each, and mark whether a model provider's "
        "own launch or the next base model would erase it. The share of weight that survives is "
        "the result; when an admin marks that a new model shipped, the test is due for review."
    ),
    "zh": (
        "列出创业公司宣称的优势，给每条加权，并标出模型厂商自己的新产品或下一代基础模型是否会抹掉"
        "它。结果是能留下来的权重占比；管理员标记有新模型发布后，需要重新审视。"
    ),
}
FIELDS = tuple(spec for row in range(CLAIM_ROWS) for spec in _claim_fields(row))
CRITERIA = {
    "open-closed-moat": ("platform-dependency-risk", "proprietary-know-how-data", "switching-cost"),
}
CITATIONS = (
    {
        "section": "03",
        "quote": "Jasper 基于GPT-3开发出了API以后, OpenAI 出了ChatGPT,我怎么办的问题",
        "note": {
            "en": (
                "A worry voiced in the interview about building on a closed API, not a finding "
                "about that company."
            ),
            "zh": "访谈中对基于封闭 API 开发的一种担忧，并非对该公司的结论。",
        },
    },
    {
        "section": "03",
        "quote": "今天已经没有人讲DALL-E",
        "note": {
            "en": "A launch fading after a newer model arrived.",
            "zh": "新模型出来后，旧产品的热度消退。",
        },
    },
    {
        "section": "05",
        "quote": "但是我不知道GPT4会不会在这上面有解决的方案",
        "note": {
            "en": "Whether the next model solves the problem is open.",
            "zh": "下一代模型是否会解决，尚待观察。",
        },
    },
)


@dataclass(frozen=True)
class Claim:
    text: str
    weight: int
    fate: str | None

    @property
    def survives(self) -> bool:
        return self.fate == SURVIVES


@dataclass(frozen=True)
class StressTest:
    claims: tuple[Claim, ...]
    surviving_weight: int
    total_weight: int
    unmarked: int

    @property
    def surviving_share(self) -> Decimal | None:
        """Surviving weight over all weight, as a percentage with one decimal place."""
        if not self.total_weight:
            return None
        share = Decimal(self.surviving_weight * 100) / Decimal(self.total_weight)
        return share.quantize(Decimal("0.1"))

    @property
    def headline(self) -> dict:
        return {"surviving_share": self.surviving_share}


def compute(values: dict) -> StressTest:
    """Weigh the claims (a claim without a weight counts 1; one without a mark erodes)."""
    claims = tuple(
        Claim(
            values[f"claim_{row}"],
            values.get(f"claim_{row}_weight") or 1,
            values.get(f"claim_{row}_fate"),
        )
        for row in range(CLAIM_ROWS)
        if values.get(f"claim_{row}")
    )
    total = sum(claim.weight for claim in claims)
    surviving = sum(claim.weight for claim in claims if claim.survives)
    unmarked = sum(1 for claim in claims if claim.fate is None)
    return StressTest(claims, surviving, total, unmarked)
