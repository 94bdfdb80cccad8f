"""What a worksheet page shows: the outcome in words and its charts, in the user's language."""

from dataclasses import dataclass, field
from decimal import Decimal

from ..models import ModelRelease, Worksheet
from ..web.i18n import gettext as _
from ..web.i18n import localized
from . import ai_cogs, baseline_ladder, modality_roi, problem_space, stress_test
from .charts import BarChart, bar_chart
from .fields import Parsed
from .formatting import amount, pct
from .registry import KINDS
from .store import needs_review, parsed_data


@dataclass
class WorksheetView:
    kind: str
    worksheet: Worksheet | None
    parsed: Parsed
    outcome: object | None
    summary: str
    charts: list[BarChart] = field(default_factory=list)
    review_due: bool = False

    @property
    def module(self):
        return KINDS[self.kind]

    @property
    def title(self) -> str:
        return localized(self.module.TITLE)

    @property
    def revision(self) -> int:
        return self.worksheet.revision if self.worksheet else 0


def build_view(
    kind: str,
    worksheet: Worksheet | None,
    *,
    parsed: Parsed | None = None,
    release: ModelRelease | None = None,
) -> WorksheetView:
    """The view of a saved worksheet, or of submitted (maybe invalid) fields being previewed."""
    if parsed is None and worksheet is None:
        empty = Parsed(raw={spec.name: "" for spec in KINDS[kind].FIELDS})
        return WorksheetView(kind, None, empty, None, _("Not filled in yet."))
    if parsed is None:
        parsed = parsed_data(kind, worksheet.data)
    if parsed.errors:
        return WorksheetView(kind, worksheet, parsed, None, _("Fix the marked fields."))
    outcome = KINDS[kind].compute(parsed.values)
    currency = parsed.values.get("currency")
    summary, charts = PRESENTERS[kind](outcome, currency)
    return WorksheetView(
        kind, worksheet, parsed, outcome, summary, charts, needs_review(worksheet, release)
    )


def _problem_space(card: problem_space.Card, _currency) -> tuple[str, list]:
    origin = {
        problem_space.PULL: _("problem pull"),
        problem_space.PUSH: _("technology push"),
    }.get(card.origin, _("origin unclear"))
    if card.status == problem_space.DEFINED:
        text = _("Problem space defined (%(origin)s).")
    elif card.status == problem_space.PARTIAL:
        text = _("Partly defined: %(count)s of 6 parts answered (%(origin)s).")
    else:
        text = _("Problem space not defined.")
    return text % {"origin": origin, "count": len(card.answered)}, []


def _ladder(ladder: baseline_ladder.Ladder, currency) -> tuple[str, list]:
    names = {key: localized(label) for key, label in baseline_ladder.RUNG_LABELS.items()}
    texts = {
        baseline_ladder.NOT_MET: _("No measured rung reaches the customer's bar."),
        baseline_ladder.NEEDED: _(
            "%(enough)s is the lowest rung that reaches the bar, and it is what the company builds."
        ),
        baseline_ladder.SIMPLER_ENOUGH: _(
            "%(enough)s already reaches the bar: the %(built)s the company builds is more "
            "than needed."
        ),
        baseline_ladder.BUILT_SHORT: _(
            "The %(built)s the company builds falls short; %(enough)s reaches the bar."
        ),
        baseline_ladder.UNKNOWN_BUILD: _("%(enough)s is the lowest rung that reaches the bar."),
    }
    summary = texts[ladder.verdict] % {
        "enough": names.get(ladder.enough, ""),
        "built": names.get(ladder.built, "").lower(),
    }
    items = [
        (names[r.key], r.result, pct(r.result), "good" if r.meets_bar else "bad")
        for r in ladder.rungs
    ]
    reference = (ladder.bar, _("bar %(bar)s%%") % {"bar": ladder.bar}) if ladder.bar else None
    measured = [r.result for r in ladder.rungs if r.result is not None] + [ladder.bar or 0]
    chart = bar_chart(
        _("Measured result per rung against the bar"),
        items,
        reference=reference,
        floor=_ladder_floor(min(measured)),
        ceiling=Decimal(100),
    )
    return summary, [chart]


def _ladder_floor(lowest: Decimal) -> Decimal:
    """Start the axis 5 points under the lowest result, on a multiple of 5: results near the
    bar (97.8% against 99.5%) must look different."""
    return max(Decimal(0), (lowest // 5) * 5 - 5)


def _stress(test: stress_test.StressTest, _currency) -> tuple[str, list]:
    if test.surviving_share is None:
        return _("No claims listed yet."), []
    summary = _("%(share)s%% of the advantage survives (%(kept)s of %(total)s weight).") % {
        "share": test.surviving_share,
        "kept": test.surviving_weight,
        "total": test.total_weight,
    }
    items = [
        (
            f"{index + 1}",
            Decimal(claim.weight),
            str(claim.weight),
            "good" if claim.survives else "bad",
        )
        for index, claim in enumerate(test.claims)
    ]
    return summary, [bar_chart(_("Weight of each claim: surviving or erased"), items)]


def _cogs(cogs: ai_cogs.Cogs, currency) -> tuple[str, list]:
    base, heavy = cogs.base, cogs.heavy_use
    summary = _(
        "Gross margin %(margin)s; at 10× usage %(heavy)s. COGS %(cogs)s per active user per month."
    ) % {
        "margin": pct(base.margin),
        "heavy": pct(heavy.margin),
        "cogs": amount(base.cogs, currency),
    }
    scenarios = [(_("today"), base), (_("10× usage"), heavy)]
    if cogs.distilled is not None:
        scenarios.append((_("distilled"), cogs.distilled))
    by_scenario = bar_chart(
        _("Gross margin by scenario"),
        [(label, s.margin, pct(s.margin), _kind(s.margin)) for label, s in scenarios],
        ceiling=Decimal(100),
    )
    sweep = []
    for change, normal, busy in cogs.price_changes:
        sign = "+" if change > 0 else ""
        sweep.append((f"{sign}{change}%", normal.margin, pct(normal.margin), _kind(normal.margin)))
        sweep.append(("×10", busy.margin, pct(busy.margin), "muted"))
    by_price = bar_chart(
        _("Gross margin as the provider's price changes (1× and 10× usage)"),
        sweep,
        ceiling=Decimal(100),
    )
    return summary, [by_scenario, by_price]


def _kind(margin: Decimal | None) -> str:
    return "bad" if margin is None or margin < 0 else "good"


def _ledger(ledger: modality_roi.Ledger, currency) -> tuple[str, list]:
    if not ledger.lines:
        return _("No modalities listed yet."), []
    counts = {
        key: sum(1 for line in ledger.lines if line.decision == key)
        for key in ("add", "keep", "drop", "measure")
    }
    summary = _("Add %(add)s, keep %(keep)s, drop %(drop)s, measure first %(measure)s.") % counts
    items = []
    for line in ledger.lines:
        name = localized(modality_roi.MODALITY_LABELS[line.modality])
        items.append((name, line.value, amount(line.value), "good"))
        items.append((f"{name} ·" + _("cost"), line.cost, amount(line.cost), "bad"))
    chart = bar_chart(
        _("Yearly value of the gain against the yearly cost (%(currency)s)")
        % {"currency": currency or ""},
        items,
    )
    return summary, [chart]


PRESENTERS = {
    problem_space.KIND: _problem_space,
    baseline_ladder.KIND: _ladder,
    stress_test.KIND: _stress,
    ai_cogs.KIND: _cogs,
    modality_roi.KIND: _ledger,
}
