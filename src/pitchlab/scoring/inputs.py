"""What an evaluator sends for one criterion, validated before anything is saved."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..models import RubricCriterion
from ..prfaq.citations import CITATION_EXAMPLE, CITATION_PREFIXES, DOCUMENT_EXAMPLE, parse_citation
from ..web.i18n import gettext as _
from ..worksheets.citations import WORKSHEET_EXAMPLE, parse_worksheet_citation

CONFIDENCES = ("low", "medium", "high")
RATIONALE_MAX = 20_000
EVIDENCE_MAX_ITEMS = 20
EVIDENCE_LINE_MAX = 1_000
NA = "na"
# "Insufficient evidence" (issue 15): allowed on every criterion, unlike N/A; both are left out
# of totals, and they are counted apart.
INSUFFICIENT = "insufficient"


@dataclass(frozen=True)
class ScoreInput:
    """One criterion's answer: a level or N/A, with confidence, rationale and evidence."""

    value: int | None = None
    is_na: bool = False
    is_insufficient: bool = False
    confidence: str | None = None
    rationale: str = ""
    evidence: list[dict] = field(default_factory=list)

    def fields(self) -> dict[str, object]:
        """The tracked fields, as the history records them."""
        value = {"value": self.value, "na": self.is_na}
        if self.is_insufficient:  # only then: earlier events keep their exact shape
            value["insufficient"] = True
        return {
            "value": value,
            "confidence": self.confidence,
            "rationale": self.rationale,
            "evidence": self.evidence,
        }


def parse_evidence(text: str) -> tuple[list[dict], str | None]:
    """Lines of `label | https://...`, a bare URL, a PR/FAQ citation `prfaq:ID@REV#section`, a
    document page `doc:ID@VERSION#pPAGE` or a worksheet revision of the company
    `worksheet:KIND@REV` (issue 16)."""
    items = []
    for line in (raw.strip() for raw in text.splitlines()):
        if not line:
            continue
        if len(line) > EVIDENCE_LINE_MAX:
            return [], _("An evidence line is longer than %(max)s characters.") % {
                "max": EVIDENCE_LINE_MAX
            }
        label, _sep, target = line.rpartition("|") if "|" in line else ("", "", line)
        target = target.strip()
        item = {"label": label.strip()} if label.strip() else {}
        if target.startswith(CITATION_PREFIXES):
            if parse_citation(target) is None:
                return [], _citation_problem(target)
            item["citation"] = target
        elif target.startswith("worksheet:"):
            if parse_worksheet_citation(target) is None:
                return [], _(
                    "A worksheet citation reads worksheet:KIND@REVISION, like %(example)s."
                ) % {"example": WORKSHEET_EXAMPLE}
            item["citation"] = target
        elif urlsplit(target).scheme in {"http", "https"} and urlsplit(target).netloc:
            item["url"] = target
        else:
            return [], _(
                "Each evidence line needs a web address (https://...), a PR/FAQ citation or "
                "a worksheet citation."
            )
        items.append(item)
    if len(items) > EVIDENCE_MAX_ITEMS:
        return [], _("At most %(count)s evidence items.") % {"count": EVIDENCE_MAX_ITEMS}
    return items, None


def _citation_problem(target: str) -> str:
    if target.startswith("doc:"):
        return _("A document citation reads doc:DOCUMENT@VERSION#pPAGE, like %(example)s.") % {
            "example": DOCUMENT_EXAMPLE
        }
    return _("A PR/FAQ citation reads prfaq:DRAFT@REVISION#SECTION, like %(example)s.") % {
        "example": CITATION_EXAMPLE
    }


def evidence_text(items: list[dict]) -> str:
    """The evidence as the form shows it, one line per item."""
    lines = []
    for item in items:
        target = item.get("url") or item.get("citation", "")
        lines.append(f"{item['label']} | {target}" if item.get("label") else target)
    return "\n".join(lines)


def _parse_value(
    raw: str, criterion: RubricCriterion, scale: range
) -> tuple[int | None, str | None, str | None]:
    """(level, NA or INSUFFICIENT or None, problem)."""
    raw = raw.strip().lower()
    if raw == "":
        return None, None, None
    if raw == INSUFFICIENT:
        return None, INSUFFICIENT, None
    if raw == NA:
        if not criterion.na_allowed:
            return None, None, _("N/A is not allowed for this criterion.")
        return None, NA, None
    try:
        value = int(raw)
    except ValueError:
        return None, None, _("Choose one of the levels.")
    if value not in scale:
        return (
            None,
            None,
            _("Choose a level from %(low)s to %(high)s.")
            % {"low": scale.start, "high": scale.stop - 1},
        )
    return value, None, None


def parse_score_input(
    raw: Mapping[str, str], *, criterion: RubricCriterion, scale: range
) -> tuple[ScoreInput | None, dict[str, str]]:
    """Validate a criterion's fields; on any error nothing of it is saved."""
    errors: dict[str, str] = {}
    value, other, problem = _parse_value(str(raw.get("value", "")), criterion, scale)
    if problem:
        errors["value"] = problem
    confidence = str(raw.get("confidence", "")).strip() or None
    if confidence is not None and confidence not in CONFIDENCES:
        errors["confidence"] = _("Choose low, medium or high.")
    rationale = str(raw.get("rationale", ""))
    if len(rationale) > RATIONALE_MAX:
        errors["rationale"] = _("At most %(count)s characters.") % {"count": RATIONALE_MAX}
    evidence, problem = parse_evidence(str(raw.get("evidence", "")))
    if problem:
        errors["evidence"] = problem
    if errors:
        return None, errors
    return ScoreInput(
        value=value,
        is_na=other == NA,
        is_insufficient=other == INSUFFICIENT,
        confidence=confidence,
        rationale=rationale.strip(),
        evidence=evidence,
    ), {}
