"""The Jinja2 environment and the one render() every page goes through."""

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from .. import __version__
from ..companies.labels import choice_label, choice_labels
from ..deals.labels import activity_kinds, column_label
from ..deals.money import format_money
from ..markdown import render_markdown
from ..models.company import tag_list
from ..paths import resource_dir
from ..permissions import can
from ..prfaq.citations import citation_url
from ..rubrics.valuation import money_text
from ..scoring.inputs import evidence_text
from ..worksheets.formatting import amount, pct
from . import i18n
from .csrf import CSRF_FIELD


def create_templates() -> Jinja2Templates:
    """Build the template environment with translations and pitchlab's helpers."""
    env = Environment(
        loader=FileSystemLoader(resource_dir("templates")),
        autoescape=select_autoescape(["html", "xml"]),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)
    env.filters["markdown"] = render_markdown
    env.filters["localized"] = lambda text: i18n.localized(text)
    env.filters["citation_url"] = citation_url
    env.filters["tag_list"] = tag_list
    # A filter, not a global: Jinja calls a filter directly, and a global's call went through
    # Context.call, a third of the label's cost on the company list's 300 labels (issue 17).
    env.filters["choice_label"] = lambda value, field: choice_label(field, value)
    env.globals.update(
        supported_locales=i18n.SUPPORTED_LOCALES,
        current_locale=i18n.get_locale,
        app_version=__version__,
        csrf_field_name=CSRF_FIELD,
        choice_labels=choice_labels,
        page_url=page_url,
        static_url=static_url,
        evidence_text=evidence_text,
        money=money_text,
        can=can,
        amount=amount,
        pct=pct,
        format_money=format_money,
        activity_kinds=activity_kinds,
        column_label=column_label,
    )
    return Jinja2Templates(env=env)


def static_url(path: str) -> str:
    """A root-relative URL of a static file, with the version to bust caches on upgrade."""
    return f"/static/{path}?v={__version__}"


def page_url(query, page: int) -> str:
    """The current URL's query string with another page number."""
    params = [(key, value) for key, value in query.multi_items() if key != "page"]
    return "?" + urlencode([*params, ("page", page)])


def is_htmx_partial(request: Request) -> bool:
    """True for an htmx request that swaps part of a page (not a boosted navigation)."""
    # A history-restore request wants the whole page back, although htmx sends it.
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-Boosted") != "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def render(
    request: Request,
    template: str,
    context: Mapping[str, Any] | None = None,
    *,
    partial: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """Render the full page, or only `partial` when htmx asks for a fragment."""
    name = partial if partial and is_htmx_partial(request) else template
    full_context = {"csrf_token": request.scope.get("state", {}).get("csrf_token", "")}
    full_context.update(context or {})
    response = request.app.state.templates.TemplateResponse(
        request, name, full_context, status_code=status_code
    )
    response.headers["Vary"] = "HX-Request"
    return response
