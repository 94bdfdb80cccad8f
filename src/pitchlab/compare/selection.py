"""What a comparison covers and how it weighs it, read from and written back to a query string.

The compare page, its downloads, the export jobs, the API and the CLI share these parameters,
so a link or a download keeps exactly the selection and weights on screen:

    q, stage, status, tag   filters, as on the company list
    round, currency         deal terms (issue 13): the round raised, the deal's currency
    company=ID              hand-picked companies (repeatable); the filters still apply
    pack=KEY                rubric packs (repeatable); none means every pack with scores
    pw.PACK=2               a pack's weight in the overall total (1 by default)
    cw.PACK.CRITERION=3     a criterion's weight (the rubric's weight by default)
    anon=1                  evaluators shown as stable pseudonyms
"""

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from urllib.parse import urlencode

from ..deals.money import is_currency
from ..models import DealRound, PipelineStatus, Stage
from ..rubrics.packmodels import KEY_PATTERN
from ..web.forms import parse_number

MAX_SEARCH_CHARS = 200
MAX_TAG_CHARS = 40
MAX_PICKED_COMPANIES = 5000
MAX_WEIGHT = 1000.0
PACK_WEIGHT_PREFIX = "pw."
CRITERION_WEIGHT_PREFIX = "cw."
# Anything that is not a pack key names no pack (and a NUL would upset PostgreSQL).
PACK_KEY = re.compile(KEY_PATTERN)
STAGES = frozenset(stage.value for stage in Stage)
STATUSES = frozenset(status.value for status in PipelineStatus)
ROUNDS = frozenset(deal_round.value for deal_round in DealRound)


@dataclass(frozen=True)
class Selection:
    """The companies and packs of a comparison, the weights tried, and whether to anonymize."""

    search: str = ""
    stage: str | None = None
    status: str | None = None
    tag: str | None = None
    deal_round: str | None = None
    currency: str | None = None
    company_ids: tuple[int, ...] = ()
    pack_keys: tuple[str, ...] = ()
    pack_weights: dict[str, float] = field(default_factory=dict)
    criterion_weights: dict[tuple[str, str], float] = field(default_factory=dict)
    anonymize: bool = False

    @property
    def has_weights(self) -> bool:
        return bool(self.pack_weights or self.criterion_weights)

    def without_weights(self) -> "Selection":
        return replace(self, pack_weights={}, criterion_weights={})

    def query_items(self, *, weights: bool = True) -> list[tuple[str, str]]:
        """The selection as query parameters, in a stable order."""
        items = [
            (name, value)
            for name, value in (
                ("q", self.search),
                ("stage", self.stage or ""),
                ("status", self.status or ""),
                ("tag", self.tag or ""),
                ("round", self.deal_round or ""),
                ("currency", self.currency or ""),
            )
            if value
        ]
        items += [("company", str(company_id)) for company_id in self.company_ids]
        items += [("pack", key) for key in self.pack_keys]
        if weights:
            items += [
                (f"{PACK_WEIGHT_PREFIX}{key}", f"{value:g}")
                for key, value in sorted(self.pack_weights.items())
            ]
            items += [
                (f"{CRITERION_WEIGHT_PREFIX}{pack}.{criterion}", f"{value:g}")
                for (pack, criterion), value in sorted(self.criterion_weights.items())
            ]
        if self.anonymize:
            items.append(("anon", "1"))
        return items

    def query_string(self, *, weights: bool = True) -> str:
        return self._encoded if weights else urlencode(self.query_items(weights=False))

    @cached_property
    def _encoded(self) -> str:
        # Encoded once: the compare page links to ~70 layouts of one selection (issue 17).
        # A Selection is frozen, and nothing changes its weight dicts in place.
        return urlencode(self.query_items())


def parse_weight(raw: str) -> float | None:
    """A weight from a form or URL: a finite number from 0 to MAX_WEIGHT, else None."""
    try:
        value = float(raw)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) and 0 <= value <= MAX_WEIGHT else None


def _weights(items: Iterable[tuple[str, str]]) -> tuple[dict, dict]:
    packs: dict[str, float] = {}
    criteria: dict[tuple[str, str], float] = {}
    for name, raw in items:
        value = parse_weight(raw)
        if value is None:
            continue
        if name.startswith(PACK_WEIGHT_PREFIX) and len(name) > len(PACK_WEIGHT_PREFIX):
            packs[name[len(PACK_WEIGHT_PREFIX) :]] = value
        elif name.startswith(CRITERION_WEIGHT_PREFIX):
            pack, _, criterion = name[len(CRITERION_WEIGHT_PREFIX) :].partition(".")
            if pack and criterion:
                criteria[(pack, criterion)] = value
    return packs, criteria


def _text(value: str | None, limit: int) -> str:
    # PostgreSQL refuses NUL in text; nobody types one.
    return (value or "").replace("\x00", "").strip()[:limit]


def _ids(values: Iterable[str]) -> tuple[int, ...]:
    # parse_number: ASCII digits that fit an id; "²" or a 20-digit number is ignored, not a 500.
    picked = dict.fromkeys(n for n in map(parse_number, values) if n is not None)
    return tuple(picked)[:MAX_PICKED_COMPANIES]


def selection_from_query(params) -> Selection:
    """Read a Selection from query parameters (Starlette QueryParams or a MultiDict).

    Values that make no sense (an unknown stage, a negative weight) are ignored rather than
    refused, so an edited or old link still opens a comparison.
    """
    items = list(params.multi_items())
    pack_weights, criterion_weights = _weights(items)
    stage, status = params.get("stage") or None, params.get("status") or None
    tag = " ".join(_text(params.get("tag"), MAX_TAG_CHARS).split()).lower()
    currency = _text(params.get("currency"), 3).upper()
    return Selection(
        search=_text(params.get("q"), MAX_SEARCH_CHARS),
        stage=stage if stage in STAGES else None,
        status=status if status in STATUSES else None,
        tag=tag or None,
        deal_round=params.get("round") if params.get("round") in ROUNDS else None,
        currency=currency if is_currency(currency) else None,
        company_ids=_ids(params.getlist("company")),
        pack_keys=tuple(
            dict.fromkeys(key for key in params.getlist("pack") if PACK_KEY.fullmatch(key))
        ),
        pack_weights=pack_weights,
        criterion_weights=criterion_weights,
        anonymize=any(
            params.get(name, "").lower() in {"1", "true", "on", "yes"}
            for name in ("anon", "anonymize")
        ),
    )
