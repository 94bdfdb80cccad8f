"""The PDF renderer reads only pitchlab's static files: text typed by users (Markdown notes,
rationales) must not make the server fetch a URL or read a file."""

import pytest

from pitchlab.paths import resource_dir
from pitchlab.reports.pdf import RefusedFetch, _fetcher
from pitchlab.reports.render import clip


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/hostname",
        "http://127.0.0.1:9/secret.png",
        "https://example.com/a.css",
        (resource_dir("static") / ".." / "pyproject.toml").resolve().as_uri(),
    ],
)
def test_fetcher_refuses_anything_outside_the_static_files(url):
    with pytest.raises(RefusedFetch):
        _fetcher().fetch(url)


def test_fetcher_reads_the_report_stylesheet():
    response = _fetcher().fetch((resource_dir("static") / "css" / "report.css").as_uri())
    assert b"Noto Sans CJK SC" in response.read()


def test_clip_counts_chinese_characters_twice():
    assert clip("Clausemint", 20) == "Clausemint"
    assert clip("abcdefghij", 5) == "abcde…"
    assert clip("栖语智能科技", 6) == "栖语智…"  # three wide characters fill six
