"""HTML to PDF with WeasyPrint: one print stylesheet, an embedded CJK font, no network.

Documents carry text users typed (notes, rationales, Markdown): a remote <img> or stylesheet
in it must not make the server fetch a URL (SSRF), so the fetcher reads only pitchlab's own
static files and data: URLs.

Each PDF is laid out in a short-lived process of its own (issue 17): laying out a 10-company
pack peaks at a few hundred MiB, which a process that ends gives back whole, where the web
worker's allocator would keep it for good. The processes fork from a server that has WeasyPrint
loaded already, and at most RENDERERS lay out at once.
"""

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path

from ..paths import resource_dir

STYLESHEET = "css/report.css"
PDF_MEDIA_TYPE = "application/pdf"
RENDERERS = 2
RENDER_TIMEOUT_S = 300


class RefusedFetch(ValueError):
    """A document asked for a resource outside pitchlab's static files."""


@cache
def _static_root() -> Path:
    return resource_dir("static").resolve()


@cache
def _fetcher():
    from weasyprint.urls import URLFetcher

    class StaticOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("file://"):
                path = Path(url.removeprefix("file://").split("?", 1)[0]).resolve()
                if path.is_relative_to(_static_root()):
                    return super().fetch(path.as_uri(), headers)
            elif url.startswith("data:"):
                return super().fetch(url, headers)
            raise RefusedFetch(f"documents load no outside resources: {url[:80]}")

    return StaticOnly(allowed_protocols=("file", "data"), allow_redirects=False)


@cache
def _stylesheet():
    # Parsed once per process: fonts are looked up by fontconfig when a page is laid out.
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    css = CSS(filename=str(_static_root() / STYLESHEET), font_config=fonts, url_fetcher=_fetcher())
    return css, fonts


@cache
def _renderers() -> ProcessPoolExecutor:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["weasyprint", __name__])
    return ProcessPoolExecutor(RENDERERS, mp_context=context, max_tasks_per_child=1)


def render_pdf(html: str) -> bytes:
    """The PDF of one document's HTML, laid out in a process of its own (see above)."""
    return _renderers().submit(render_here, html).result(timeout=RENDER_TIMEOUT_S)


def render_here(html: str) -> bytes:
    """The PDF laid out in this process (WeasyPrint is imported lazily: it loads Pango)."""
    from weasyprint import HTML

    css, fonts = _stylesheet()
    document = HTML(string=html, base_url=_static_root().as_uri() + "/", url_fetcher=_fetcher())
    return document.write_pdf(stylesheets=[css], font_config=fonts)
