"""Whether a pack applies to a company (issue 15): a pack may declare the model strategies it
does not apply to (`applies_unless: {model_strategy: [no-ml]}`), so such a company is left out
of it rather than forced to score it."""

from collections.abc import Mapping


def pack_applies(applies_unless: Mapping | None, *, model_strategy: str) -> bool:
    """False when the company's model strategy is one the pack says it does not apply to."""
    if not applies_unless:
        return True
    return model_strategy not in applies_unless.get("model_strategy", ())
