"""The compare page: pick companies and packs, see the matrix, rankings, charts and agreement."""

from fastapi import APIRouter, HTTPException, Request

from ..auth.deps import UserDep, allowed
from ..db import SessionDep
from ..deals.money import CURRENCIES
from ..models import DealRound, PipelineStatus, Stage
from ..permissions import Action
from ..rubrics.valuation import money_text
from ..web.i18n import gettext as _
from ..web.templating import render
from ..worksheets.columns import compare_worksheets
from .agreement import LOW, NOT_ENOUGH_DATA, RELIABLE, TENTATIVE, criterion_agreement
from .calibration import MIN_SCORES_FOR_CALIBRATION
from .charts import chart_data, chart_tables
from .citations import deck_citations
from .deal_terms import MONEY_FIELDS, deal_rows
from .flag_view import flag_rows, range_charts
from .flags import INSUFFICIENT_FLAG_SHARE
from .loading import load_portfolio
from .matrix_html import matrix_rows
from .page import build_page, fmt
from .page_options import page_options, page_url, sort_url, toggled
from .selection import Selection, selection_from_query

ManagerDep = allowed(Action.AGREEMENT_READ)

router = APIRouter(prefix="/compare", include_in_schema=False)


def alpha_readings() -> dict[str, str]:
    """The plain-language reading of each alpha band, translated."""
    return {
        RELIABLE: _("reliable"),
        TENTATIVE: _("tentative: good enough for tentative conclusions only"),
        LOW: _("low: the criterion's level descriptors need work"),
        NOT_ENOUGH_DATA: _("not enough data"),
    }


@router.get("")
def compare_page(request: Request, session: SessionDep, user: UserDep):
    """The comparison of the selected companies; htmx gets only the results on weight changes."""
    selection = selection_from_query(request.query_params)
    options = page_options(request.query_params)
    portfolio = load_portfolio(session, selection, user=user)
    page = (
        build_page(
            portfolio,
            selection,
            options,
            rows_per_page=request.app.state.settings.compare_page_size,
        )
        if len(portfolio.scores)
        else None
    )
    charts = chart_data(page) if page else None
    context = {
        "selection": selection,
        "options": options,
        "portfolio": portfolio,
        "page": page,
        "min_calibration_scores": MIN_SCORES_FOR_CALIBRATION,
        "charts": charts,
        "chart_tables": chart_tables(charts) if page else [],
        "readings": alpha_readings(),
        "matrix_rows": (
            matrix_rows(page, selection, options, deck_citations(session, selection, portfolio))
            if page
            else []
        ),
        "stages": list(Stage),
        "statuses": list(PipelineStatus),
        "rounds": list(DealRound),
        "currencies": CURRENCIES,
        "fmt": fmt,
        "money": money_text,
        "flag_rows": flag_rows,
        "range_charts": range_charts,
        "insufficient_share": INSUFFICIENT_FLAG_SHARE,
        "page_url": lambda **changes: page_url(selection, options, **changes),
        "sort_url": lambda key: sort_url(selection, options, key),
        "toggled": toggled,
        "query": selection.query_string(),
        "reset_url": "/compare?" + selection.query_string(weights=False),
        "worksheets": compare_worksheets(session, portfolio.candidates),
        "deal_rows": (
            deal_rows(page.rows, portfolio.candidates, anonymize=selection.anonymize)
            if page
            else []
        ),
        "money_fields": MONEY_FIELDS,
    }
    return render(request, "compare/page.html", context, partial="compare/_results.html")


@router.get("/agreement/{pack_key}")
def agreement_panel(request: Request, session: SessionDep, pack_key: str, admin: ManagerDep):
    """Inter-rater agreement per criterion of one pack, over every submitted scorecard."""
    portfolio = load_portfolio(session, Selection(pack_keys=(pack_key,)), user=admin)
    if not any(pack.key == pack_key for pack in portfolio.all_packs):
        raise HTTPException(404, _("No rubric pack with this key and version."))
    rows = criterion_agreement(portfolio.scores).to_dict(orient="records")
    return render(
        request,
        "compare/_agreement_panel.html",
        {"rows": rows, "readings": alpha_readings(), "fmt": fmt, "pack_key": pack_key},
    )
