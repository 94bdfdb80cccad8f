"""Modality ROI ledger (interview section 06, the driving examples).

For each data type a company adds, the yearly cost to collect, label and integrate it (ETL)
against its measured gain (from an ablation, in points of the company's main metric) valued at
the worksheet's money per point. A modality in use is kept when its value covers its cost and
dropped when not; a candidate is added when its value covers its cost, unless scaling the model
on the data already in use still improves (then mine those first, as the speaker guessed one
carmaker did). A modality without a measured gain is to be measured before any decision.
"""

from dataclasses import dataclass
from decimal import Decimal

from .fields import Field, currency_field, money, text

KIND = "modality-roi"
TITLE = {"en": "Modality ROI ledger", "zh": "模态投入产出台账"}
MODALITIES = ("text", "image", "video", "audio", "sensor")
MODALITY_LABELS = {
    "text": {"en": "Text", "zh": "文本"},
    "image": {"en": "Image", "zh": "图像"},
    "video": {"en": "Video", "zh": "视频"},
    "audio": {"en": "Audio", "zh": "音频"},
    "sensor": {"en": "Sensor", "zh": "传感器"},
}
IN_USE, CANDIDATE = "in-use", "candidate"
ADD, KEEP, DROP, MEASURE = "add", "keep", "drop", "measure"
PER_YEAR = {"en": "per year", "zh": "每年"}


def _modality_fields(key: str) -> tuple[Field, ...]:
    name = MODALITY_LABELS[key]
    return (
        Field(
            f"{key}_status",
            "choice",
            {"en": f"{name['en']}: status", "zh": f"{name['zh']}：状态"},
            choices=(
                (IN_USE, {"en": "In use", "zh": "已在用"}),
                (CANDIDATE, {"en": "Candidate", "zh": "候选"}),
            ),
            group=key,
        ),
        money(
            f"{key}_collect",
            {"en": f"{name['en']}: collect", "zh": f"{name['zh']}：采集"},
            unit=PER_YEAR,
            group=key,
        ),
        money(
            f"{key}_label",
            {"en": f"{name['en']}: label", "zh": f"{name['zh']}：标注"},
            unit=PER_YEAR,
            group=key,
        ),
        money(
            f"{key}_etl",
            {"en": f"{name['en']}: integrate (ETL)", "zh": f"{name['zh']}：集成（ETL）"},
            unit=PER_YEAR,
            group=key,
        ),
        Field(
            f"{key}_gain",
            "decimal",
            {"en": f"{name['en']}: measured gain", "zh": f"{name['zh']}：实测增益"},
            unit={"en": "points of the metric", "zh": "指标的百分点"},
            minimum=Decimal(-100),
            maximum=Decimal(100),
            places=2,
            group=key,
        ),
    )


INTRO = {
    "en": (
        "For each data type: the yearly cost to collect, label and integrate it, the gain "
        "measured by ablation, and whether the bigger model still improves on the data in use. "
        "The ledger ends in add, keep, drop or measure first. In the interview the video, key "
        "frames and IMU example is a speaker's inference about one carmaker; the 9-13 M USD per "
        "training run belongs to another, unnamed US L4 firm."
    ),
    "zh": (
        "对每种数据：每年采集、标注和集成的成本，消融实验测得的增益，以及在现有数据上加大模型"
        "是否仍在提升。台账给出增加、保留、放弃或先测量的结论。访谈中视频、关键帧加 IMU "
        "的例子是讲者对一家车企的推断；每次训练 900 万到 1300 万美金属于另一家未具名的美国 "
        "L4 公司。"
    ),
}
FIELDS = (
    text("metric", {"en": "Main metric", "zh": "主要指标"}),
    currency_field(),
    money(
        "point_value",
        {"en": "Value of one point of the metric", "zh": "指标每提升一个百分点的价值"},
        unit=PER_YEAR,
        required=True,
    ),
    Field(
        "scaling_improves",
        "choice",
        {
            "en": "Saturation check: is the bigger model still improving on the data in use?",
            "zh": "饱和检查：在现有数据上加大模型是否仍在提升？",
        },
        choices=(
            ("yes", {"en": "Yes, still improving", "zh": "是，仍在提升"}),
            ("no", {"en": "No, it has levelled off", "zh": "否，已趋于饱和"}),
            ("unknown", {"en": "Not measured", "zh": "未测"}),
        ),
    ),
    *(spec for key in MODALITIES for spec in _modality_fields(key)),
)
CRITERIA = {
    "multimodal-roi": (
        "modality-rationale",
        "measured-modality-gain",
        "etl-integration-cost",
        "modality-sequencing",
    ),
}
CITATIONS = (
    {
        "section": "06",
        "quote": "后来我们去问他,他没有直接正面回答",
        "note": {
            "en": (
                "The video, key frames and IMU story (radar dropped, lidar not added) is the "
                "speaker's inference about one carmaker, not something it confirmed."
            ),
            "zh": (
                "视频、关键帧加 IMU（取消雷达、不加激光雷达）是讲者对一家车企的推断，对方并未证实。"
            ),
        },
    },
    {
        "section": "06",
        "quote": "只要加大模型,后面的增益和线偏移(Line offset)还没有到上限",
        "note": {
            "en": "The saturation check: mine the modalities in use first.",
            "zh": "饱和检查：先把已有模态挖掘到头。",
        },
    },
    {
        "section": "06",
        "quote": (
            "美国某一线L4的自动驾驶的大厂,现在每一次模型训练的成本大约是在900万到1300万美金之间"
        ),
        "note": {
            "en": (
                "The 9-13 M USD per training run belongs to a leading US L4 autonomous-driving "
                "firm, a different company."
            ),
            "zh": "每次训练 900 万到 1300 万美金属于美国某一线 L4 自动驾驶大厂，是另一家公司。",
        },
    },
    {
        "section": "06",
        "quote": "多模态前面你把这些数据光做ETL可能就要花到上百万美金",
        "note": {"en": "ETL alone can cost millions.", "zh": "光做 ETL 就可能花上百万美金。"},
    },
)


@dataclass(frozen=True)
class Line:
    modality: str
    status: str
    cost: Decimal
    gain: Decimal | None
    value: Decimal | None
    decision: str
    reason: str


@dataclass(frozen=True)
class Ledger:
    lines: tuple[Line, ...]

    @property
    def headline(self) -> dict:
        return {"modality_decisions": {line.modality: line.decision for line in self.lines}}


def _decide(
    status: str, value: Decimal | None, cost: Decimal, scaling_improves: bool
) -> tuple[str, str]:
    if value is None:
        return MEASURE, "no-gain"
    covers = value >= cost and value > 0
    if status == IN_USE:
        return (KEEP, "covers-cost") if covers else (DROP, "below-cost")
    if not covers:
        return DROP, "below-cost"
    return (DROP, "scale-first") if scaling_improves else (ADD, "covers-cost")


def compute(values: dict) -> Ledger:
    """One line per modality that is in use or a candidate, with its decision and reason."""
    point_value = values.get("point_value")
    scaling_improves = values.get("scaling_improves") == "yes"
    lines = []
    for key in MODALITIES:
        status = values.get(f"{key}_status")
        if status is None:
            continue
        cost = sum(
            (values.get(f"{key}_{part}") or Decimal(0) for part in ("collect", "label", "etl")),
            Decimal(0),
        )
        gain = values.get(f"{key}_gain")
        value = gain * point_value if gain is not None and point_value is not None else None
        decision, reason = _decide(status, value, cost, scaling_improves)
        lines.append(Line(key, status, cost, gain, value, decision, reason))
    return Ledger(tuple(lines))
