"""AI cost of goods per active user per month (interview sections 02 and 06).

    inference  = usage per user × provider price ÷ price block (1,000,000 tokens or 1,000 images)
    review     = human review minutes per user ÷ 60 × reviewer cost per hour
    retraining = retraining runs per month × cost per run ÷ active users
    margin     = (revenue per user − the sum of the three) ÷ revenue per user

Sensitivity: 10× usage multiplies inference and review (both happen per use) and keeps the
price per user and the retraining bill; provider price changes scale inference only. The
distillation scenario swaps the provider price for a smaller model's, at a measured quality
loss. Every amount is a Decimal in the worksheet's currency; nothing is rounded until shown.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from .fields import Field, currency_field, money, percent

KIND = "ai-cogs"
TITLE = {"en": "AI cost of goods per active user", "zh": "每活跃用户的 AI 销货成本"}
BLOCKS = {"tokens": Decimal(1_000_000), "images": Decimal(1_000)}
USAGE_MULTIPLIER = 10
PRICE_CHANGES = (Decimal(-50), Decimal(-25), Decimal(0), Decimal(50), Decimal(100), Decimal(200))
PER_USER_MONTH = {"en": "per active user per month", "zh": "每活跃用户每月"}
TENTH = Decimal("0.1")

INTRO = {
    "en": (
        "Inference, human review and retraining per active user per month, against revenue per "
        "user: the gross margin, what happens at 10x usage and when the provider's price moves, "
        "and a distillation scenario. Amounts are exact, in the currency you choose."
    ),
    "zh": (
        "每活跃用户每月的推理、人工审核和重新训练成本，对比每用户收入：毛利率、用量放大 10 "
        "倍和模型厂商调价时的变化，以及蒸馏方案。金额精确，币种由你选择。"
    ),
}
FIELDS = (
    currency_field(),
    money("revenue", {"en": "Revenue", "zh": "收入"}, unit=PER_USER_MONTH, required=True),
    Field(
        "unit",
        "choice",
        {"en": "Inference is billed in", "zh": "推理计费单位"},
        choices=(
            (
                "tokens",
                {"en": "tokens (price per 1,000,000)", "zh": "token（每 1,000,000 个的价格）"},
            ),
            ("images", {"en": "images (price per 1,000)", "zh": "图片（每 1,000 张的价格）"}),
        ),
        required=True,
    ),
    Field(
        "usage",
        "int",
        {"en": "Usage", "zh": "用量"},
        unit={
            "en": "tokens or images per active user per month",
            "zh": "每活跃用户每月 token 或图片数",
        },
        minimum=Decimal(0),
        maximum=Decimal(10) ** 12,
    ),
    money(
        "price",
        {"en": "Provider price", "zh": "模型厂商价格"},
        unit={"en": "per block above", "zh": "按上面的计价单位"},
        places=6,
    ),
    Field(
        "review_minutes",
        "decimal",
        {"en": "Human review", "zh": "人工审核"},
        unit={"en": "minutes per active user per month", "zh": "每活跃用户每月分钟数"},
        minimum=Decimal(0),
        maximum=Decimal(44_640),  # every minute of a 31-day month
        places=2,
    ),
    money(
        "review_rate",
        {"en": "Reviewer cost", "zh": "审核人员成本"},
        unit={"en": "per hour", "zh": "每小时"},
    ),
    Field(
        "runs",
        "decimal",
        {"en": "Retraining runs", "zh": "重新训练次数"},
        unit={"en": "per month (three in two months = 1.5)", "zh": "每月（两个月三次 = 1.5）"},
        minimum=Decimal(0),
        maximum=Decimal(1_000),
        places=2,
    ),
    money("run_cost", {"en": "Cost per training run", "zh": "每次训练成本"}),
    Field(
        "active_users",
        "int",
        {"en": "Active users", "zh": "活跃用户数"},
        unit={"en": "per month", "zh": "每月"},
        minimum=Decimal(1),
        maximum=Decimal(10) ** 10,
    ),
    money(
        "distilled_price",
        {"en": "Distilled model price", "zh": "蒸馏后小模型价格"},
        unit={"en": "per block above", "zh": "按上面的计价单位"},
        places=6,
    ),
    percent(
        "distilled_loss",
        {"en": "Distilled model: measured quality loss", "zh": "蒸馏模型：实测质量损失"},
    ),
)
CRITERIA = {
    "scale-compute-economics": (
        "inference-unit-cost",
        "training-cost-per-run",
        "retraining-cadence",
        "distillation-right-sizing",
    ),
    "open-closed-moat": ("cost-position",),
}
CITATIONS = (
    {
        "section": "06",
        "quote": "如果 GPT6两个月训练3 次,六个月就是训练18 次,一次的训练是1亿美金,一年就18亿美金",
        "note": {
            "en": (
                "A hypothetical in the interview (if a future model trained three times in two "
                "months at 100 M USD a run), not a reported cost."
            ),
            "zh": "访谈中的假设（如果未来模型两个月训练三次、每次 1 亿美金），不是已报道的成本。",
        },
    },
    {
        "section": "02",
        "quote": "在现有的架构结构下面去做蒸馏",
        "note": {
            "en": "Distillation to lighter models for deployment.",
            "zh": "通过蒸馏得到更轻量、可部署的模型。",
        },
    },
)


@dataclass(frozen=True)
class Scenario:
    """Cost and margin per active user per month under one assumption."""

    inference: Decimal
    review: Decimal
    retraining: Decimal
    revenue: Decimal

    @property
    def cogs(self) -> Decimal:
        return self.inference + self.review + self.retraining

    @property
    def margin(self) -> Decimal | None:
        """Gross margin in percent, one decimal place; None without revenue."""
        if not self.revenue:
            return None
        return ((self.revenue - self.cogs) * 100 / self.revenue).quantize(TENTH)


@dataclass(frozen=True)
class Cogs:
    base: Scenario
    heavy_use: Scenario
    distilled: Scenario | None
    distilled_loss: Decimal | None
    values: dict = field(repr=False, compare=False)

    @property
    def price_changes(self) -> tuple[tuple[Decimal, Scenario, Scenario], ...]:
        """(change %, margin at 1× use, at 10× use) for each provider price change; computed
        only when shown (compare needs the base margins of thousands of companies)."""
        price = _zero(self.values.get("price"))
        return tuple(
            (
                change,
                _scenario(self.values, price=price * (100 + change) / 100),
                _scenario(
                    self.values, price=price * (100 + change) / 100, usage_factor=USAGE_MULTIPLIER
                ),
            )
            for change in PRICE_CHANGES
        )

    @property
    def headline(self) -> dict:
        return {"gross_margin": self.base.margin, "gross_margin_10x": self.heavy_use.margin}


def _zero(value) -> Decimal:
    return Decimal(0) if value is None else Decimal(value)


def _scenario(values: dict, *, price, usage_factor: int = 1) -> Scenario:
    block = BLOCKS.get(values.get("unit") or "tokens")
    inference = _zero(values.get("usage")) * _zero(price) / block
    review = _zero(values.get("review_minutes")) * _zero(values.get("review_rate")) / 60
    users = values.get("active_users")
    retraining = (
        _zero(values.get("runs")) * _zero(values.get("run_cost")) / users if users else Decimal(0)
    )
    return Scenario(
        inference * usage_factor, review * usage_factor, retraining, _zero(values.get("revenue"))
    )


def compute(values: dict) -> Cogs:
    """The base case, 10× usage and the distillation scenario (the price sweep on demand)."""
    price = _zero(values.get("price"))
    distilled_price = values.get("distilled_price")
    distilled = _scenario(values, price=distilled_price) if distilled_price is not None else None
    return Cogs(
        base=_scenario(values, price=price),
        heavy_use=_scenario(values, price=price, usage_factor=USAGE_MULTIPLIER),
        distilled=distilled,
        distilled_loss=values.get("distilled_loss"),
        values=values,
    )
