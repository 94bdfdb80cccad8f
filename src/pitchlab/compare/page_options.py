"""How the compare page lays out a comparison: sort, pinned rows and columns, the top-N watch.

These change the view only, never the numbers, so they stay out of Selection and the exports.
"""

import hashlib
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from ..web.forms import parse_number
from .selection import Selection

DEFAULT_TOP_N = 5
MAX_TOP_N = 50
MAX_PINS = 50
# Sort keys besides "c:PACK.CRITERION" (a criterion column) and "p:PACK" (a pack total).
FIXED_SORTS = ("rank", "name", "total", "calibrated", "evaluators", "disagreements")
# Columns whose natural order is highest first; names and ranks read best ascending.
ASCENDING_FIRST = frozenset({"rank", "name"})


@dataclass(frozen=True)
class PageOptions:
    sort: str = "rank"
    descending: bool = False
    pinned_rows: tuple[int, ...] = ()
    pinned_columns: tuple[str, ...] = ()  # "PACK.CRITERION"
    top_n: int = DEFAULT_TOP_N
    # Companies that stayed in the top N under every weighting tried so far; None before any.
    always_top: tuple[int, ...] | None = field(default=None)
    # The watch_key of the selection and top N that always_top was found for.
    always_for: str = ""
    page: int = 1  # of the matrix's unpinned rows

    def query_items(self) -> list[tuple[str, str]]:
        before, pins, after = self.layout_items()
        return before + pins + after

    def layout_items(self) -> tuple[list, list, list]:
        """The layout's query parameters before the pinned rows, the pins, and after them."""
        before = []
        if self.sort != "rank" or self.descending:
            before += [("sort", self.sort), ("dir", "desc" if self.descending else "asc")]
        after = [("pincol", key) for key in self.pinned_columns]
        if self.top_n != DEFAULT_TOP_N:
            after.append(("top", str(self.top_n)))
        if self.page != 1:
            after.append(("page", str(self.page)))
        return before, [("pin", str(company_id)) for company_id in self.pinned_rows], after


def _valid_sort(sort: str) -> bool:
    return sort in FIXED_SORTS or (sort.startswith(("c:", "p:")) and len(sort) > 2)


def page_options(params) -> PageOptions:
    """Read the layout from query parameters; anything unknown falls back to the default."""
    sort = params.get("sort") or "rank"
    top = parse_number(params.get("top"))
    page = parse_number(params.get("page"))
    always_for, _, always = (params.get("always") or "").rpartition(":")
    return PageOptions(
        sort=sort if _valid_sort(sort) else "rank",
        descending=params.get("dir") == "desc",
        pinned_rows=tuple(
            dict.fromkeys(n for n in map(parse_number, params.getlist("pin")) if n is not None)
        )[:MAX_PINS],
        pinned_columns=tuple(dict.fromkeys(params.getlist("pincol")))[:MAX_PINS],
        top_n=min(top, MAX_TOP_N) if top else DEFAULT_TOP_N,
        page=page if page and page > 1 else 1,
        always_top=None
        if not always_for
        else tuple(n for n in map(parse_number, always.split(",")) if n is not None),
        always_for=always_for,
    )


def watch_key(selection: Selection, top_n: int) -> str:
    """Names the companies, packs and top N a what-if watch was kept for.

    The watch travels in a hidden field from one weighting to the next; a new selection (or
    another N) must start it again, or it kept companies from the previous one (issue 11).
    """
    items = [*selection.query_items(weights=False), ("top", str(top_n))]
    return hashlib.sha256(urlencode(items).encode()).hexdigest()[:16]


def watch_value(selection: Selection, top_n: int, company_ids) -> str:
    """The hidden `always` field: the watch key, then the companies still in the top N."""
    return f"{watch_key(selection, top_n)}:{','.join(str(n) for n in company_ids)}"


def page_url(selection: Selection, options: PageOptions, **changes) -> str:
    """A /compare link with this selection, weights and layout, some layout changed."""
    changed = replace(options, **changes)
    # urlencode(a + b) is urlencode(a) & urlencode(b); the selection's part is encoded once.
    parts = (selection.query_string(), urlencode(changed.query_items()))
    return "/compare?" + "&".join(part for part in parts if part)


def pin_urls(selection: Selection, options: PageOptions, company_ids: list[int]) -> list[str]:
    """page_url with one company's pin toggled, for each company: a matrix row each, so the
    rest of the query is encoded once rather than once a row (issue 17)."""
    before, _pins, after = options.layout_items()
    head = urlencode(selection.query_items() + before)
    tail = urlencode(after)
    urls = []
    for company_id in company_ids:
        pins = "&".join(f"pin={n}" for n in toggled(options.pinned_rows, company_id))
        urls.append("/compare?" + "&".join(part for part in (head, pins, tail) if part))
    return urls


def sort_url(selection: Selection, options: PageOptions, key: str) -> str:
    """Sort by a column (from the first page); asking again for the same column flips the
    direction."""
    if options.sort == key:
        return page_url(selection, options, descending=not options.descending, page=1)
    return page_url(selection, options, sort=key, descending=key not in ASCENDING_FIRST, page=1)


def toggled(values: tuple, value) -> tuple:
    return tuple(item for item in values if item != value) if value in values else (*values, value)
