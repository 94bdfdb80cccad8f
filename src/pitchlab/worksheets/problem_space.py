"""Problem-space card and pull-versus-push (interview section 03 and the closing remarks).

The card asks who has the problem, in which situation, how often, who pays, what they do
today, what is deliberately out of scope and how the founders found it. A problem space is
*defined* when all six parts are answered and the founders either started from the problem
(pull) or, starting from a technology (push), came back to a domain they know; a card with
some parts answered is *partial*.
"""

from dataclasses import dataclass

from .fields import Field, text

KIND = "problem-space"
TITLE = {"en": "Problem-space card", "zh": "问题空间卡片"}
PARTS = ("who", "situation", "frequency", "payer", "today", "out_of_scope")
PULL, PUSH, UNCLEAR = "problem-pull", "technology-push", "unclear"
DEFINED, PARTIAL, UNDEFINED = "defined", "partial", "undefined"

INTRO = {
    "en": (
        "Who has the problem, in which situation, how often, who pays, what they do today and "
        "what is deliberately left out, and whether the founders started from the problem or "
        "from a technology. The interview's investor found fewer than ten well-defined problem "
        "spaces among two to three hundred companies."
    ),
    "zh": (
        "谁有这个问题、在什么情境下、多久一次、谁付钱、现在怎么做、刻意不做什么，以及创始人是"
        "从问题出发还是从技术出发。访谈中的投资人在两三百家公司里只看到不到 10 "
        "家定义清楚的问题空间。"
    ),
}
FIELDS = (
    text("who", {"en": "Who has the problem", "zh": "谁有这个问题"}, required=True),
    text("situation", {"en": "In which situation", "zh": "在什么情境下"}),
    Field(
        "frequency",
        "choice",
        {"en": "How often it happens", "zh": "发生频率"},
        choices=(
            ("daily", {"en": "Daily", "zh": "每天"}),
            ("weekly", {"en": "Weekly", "zh": "每周"}),
            ("monthly", {"en": "Monthly", "zh": "每月"}),
            ("rarely", {"en": "Less than monthly", "zh": "少于每月一次"}),
        ),
    ),
    text("payer", {"en": "Who pays", "zh": "谁付钱"}),
    text("today", {"en": "What they do today", "zh": "他们现在怎么做"}),
    text("out_of_scope", {"en": "Deliberately out of scope", "zh": "刻意不做的范围"}),
    Field(
        "origin",
        "choice",
        {"en": "How the founders found it", "zh": "创始人如何找到这个问题"},
        choices=(
            (
                PULL,
                {
                    "en": "Problem pull: a problem looking for technology",
                    "zh": "问题牵引：带着问题找技术",
                },
            ),
            (
                PUSH,
                {
                    "en": "Technology push: a technology looking for a use",
                    "zh": "技术推动：拿着技术找应用",
                },
            ),
            (UNCLEAR, {"en": "Unclear", "zh": "不清楚"}),
        ),
    ),
    Field(
        "domain_known",
        "choice",
        {
            "en": "Push only: back to a domain the team knows and can reach",
            "zh": "仅技术推动：是否回到团队熟悉、能触及资源的领域",
        },
        choices=(("yes", {"en": "Yes", "zh": "是"}), ("no", {"en": "No", "zh": "否"})),
    ),
    text("how_found", {"en": "How they found it (notes)", "zh": "如何发现的（备注）"}),
)

# pack key -> criteria keys this card informs (seeds/rubrics/problem-space.yaml).
CRITERIA = {
    "problem-space": (
        "problem-clarity",
        "problem-importance",
        "problem-before-technology",
        "team-domain-fit",
    ),
}
CITATIONS = (
    {
        "section": "03",
        "quote": "我能满意的problem space definition 可能也就只有不到 10",
        "note": {
            "en": (
                "The investor saw two to three hundred AIGC companies in two months; fewer than "
                "ten had a problem-space definition the investor was satisfied with."
            ),
            "zh": "投资人两个月看了两三百家 AIGC 公司，满意的问题空间定义不到 10 家。",
        },
    },
    {
        "section": "06",
        "quote": "是不是已经有一个明确的问题在心里,你在找一个技术去做这件事情",
        "note": {"en": "Problem pull.", "zh": "问题牵引。"},
    },
    {
        "section": "06",
        "quote": "有什么领域是我熟悉的,可以去解决的,而不是纯从技术角度出发去寻找",
        "note": {
            "en": "Technology push must come back to a known domain.",
            "zh": "技术推动要回到熟悉的领域。",
        },
    },
)


@dataclass(frozen=True)
class Card:
    answered: tuple[str, ...]
    missing: tuple[str, ...]
    origin: str | None
    status: str

    @property
    def defined(self) -> bool:
        return self.status == DEFINED

    @property
    def headline(self) -> dict:
        return {"problem_space_defined": self.defined, "problem_origin": self.origin}


def compute(values: dict) -> Card:
    """Classify the card: defined, partial or undefined (see the module docstring)."""
    answered = tuple(part for part in PARTS if values.get(part))
    missing = tuple(part for part in PARTS if part not in answered)
    origin = values.get("origin")
    origin_ok = origin == PULL or (origin == PUSH and values.get("domain_known") == "yes")
    if not missing and origin_ok:
        status = DEFINED
    elif answered:
        status = PARTIAL
    else:
        status = UNDEFINED
    return Card(answered=answered, missing=missing, origin=origin, status=status)
