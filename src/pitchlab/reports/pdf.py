"""HTML to PDF with WeasyPrint: one print stylesheet, an embedded CJK font, no network.

Documents carry text users typed (notes, rationales, Markdown): a remote <img> or stylesheet
in it must not make the server fetch a URL (SSRF), so the fetcher reads only pitchlab's own
static files and data: URLs.
"""

from functools import cache
from pathlib import Path

from ..paths import resource_dir

STYLESHEET = "css/report.css"
PDF_MEDIA_TYPE = "application/pdf"


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


def render_pdf(html: str) -> bytes:
    """The PDF of one document's HTML (imported lazily: WeasyPrint loads Pango on import)."""
    from weasyprint import HTML

    css, fonts = _stylesheet()
    document = HTML(string=html, base_url=_static_root().as_uri() + "/", url_fetcher=_fetcher())
    return document.write_pdf(stylesheets=[css], font_config=fonts)
