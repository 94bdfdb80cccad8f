"""Translated labels for the fixed choices on a company."""

from ..web.i18n import catalog_key
from ..web.i18n import gettext as _

# The labels per locale and catalog, built once: the company list asks for three labels per
# row, and building all 28 each time was a fifth of the page's time (issue 17's profile).
_built: dict[tuple[str, int], dict[str, dict[str, str]]] = {}


def choice_labels() -> dict[str, dict[str, str]]:
    """Every choice's label in the current locale, by field and value (do not change it)."""
    key = catalog_key()
    if key not in _built:
        _built[key] = _labels()
    return _built[key]


def _labels() -> dict[str, dict[str, str]]:
    return {
        "stage": {
            "pre-seed": _("Pre-seed"),
            "seed": _("Seed"),
            "series-a": _("Series A"),
            "series-b": _("Series B"),
            "series-c": _("Series C"),
            "growth": _("Growth"),
        },
        "status": {
            "sourced": _("Sourced"),
            "screening": _("Screening"),
            "diligence": _("Diligence"),
            "ic": _("Investment committee"),
            "invested": _("Invested"),
            "passed": _("Passed"),
        },
        "modality": {
            "text": _("Text"),
            "image": _("Image"),
            "audio": _("Audio"),
            "video": _("Video"),
            "multimodal": _("Multimodal"),
            "other": _("Other"),
        },
        "model_strategy": {
            "own-open-weights": _("Own open-weights model"),
            "fine-tuned-open": _("Fine-tuned open model"),
            "closed-api-wrapper": _("Wrapper around a closed API"),
            "own-closed": _("Own closed model"),
            "no-ml": _("No ML"),
        },
        "region": {
            "north-america": _("North America"),
            "europe": _("Europe"),
            "greater-china": _("Greater China"),
            "asia-pacific": _("Asia-Pacific"),
            "other": _("Other region"),
            "": _("No region"),
        },
        "deal_round": {
            "pre-seed": _("Pre-seed"),
            "seed": _("Seed"),
            "series-a": _("Series A"),
            "series-b": _("Series B"),
            "series-c": _("Series C"),
            "growth": _("Growth"),
            "bridge": _("Bridge"),
        },
        "source": {
            "inbound": _("Inbound"),
            "referral": _("Referral"),
            "outbound": _("Outbound"),
            "event": _("Event"),
        },
        # An IC vote and the chair's decision (issue 14).
        "decision": {
            "invest": _("Invest"),
            "pass": _("Pass"),
            "more-diligence": _("More diligence"),
        },
        "meeting_status": {"open": _("In progress"), "closed": _("Closed")},
        "sort": {
            "name": _("Name"),
            "stage": _("Stage"),
            "status": _("Pipeline status"),
            "founded": _("Founded"),
            "updated": _("Recently updated"),
            "round": _("Round"),
            "due": _("Next step due"),
        },
    }


def choice_label(field: str, value: str) -> str:
    """The label of one value, or the value itself when it is unknown."""
    return choice_labels().get(field, {}).get(value, value)
