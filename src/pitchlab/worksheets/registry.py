"""The five worksheet kinds, in the order pages show them, and what each informs."""

from types import ModuleType

from . import ai_cogs, baseline_ladder, modality_roi, problem_space, stress_test

KINDS: dict[str, ModuleType] = {
    module.KIND: module
    for module in (problem_space, baseline_ladder, stress_test, ai_cogs, modality_roi)
}


def kind_for(key: str) -> ModuleType | None:
    return KINDS.get(key)


def kinds_for_criterion(pack_key: str, criterion_key: str) -> list[str]:
    """The worksheet kinds that inform one rubric criterion (shown beside it on a scorecard)."""
    return [
        kind for kind, module in KINDS.items() if criterion_key in module.CRITERIA.get(pack_key, ())
    ]
