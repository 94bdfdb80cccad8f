"""The what-if watch "in the top N under every weighting tried" (issue 11): it follows the
weightings tried on one selection and never lists a company the selection does not hold."""

import re

WEIGHTS = "&cw.problem-space.problem-clarity=9&cw.problem-space.problem-importance=9"


def _watch(html: str) -> tuple[list[str], str]:
    """The names listed in the watch and the hidden field the next request sends back."""
    listed = re.search(r'<span id="always-top">(.*?)</span>', html, re.DOTALL).group(1)
    hidden = re.search(r'<input type="hidden" name="always"[^>]* value="([^"]*)"', html)
    return [name.strip() for name in listed.split(",")], hidden.group(1) if hidden else ""


def test_changing_the_selection_lists_only_selected_companies(admin_client, portfolio):
    keys = portfolio.criteria()
    for name, tag, high in [("Alder", "east", 5), ("Beech", "east", 4), ("Cork", "west", 3)]:
        company = portfolio.company(name, tags=tag)
        portfolio.scorecard(company, "partner", {k: high if k in keys[:2] else 2 for k in keys})
    east = admin_client.get(f"/compare?tag=east{WEIGHTS}").text
    listed, carried = _watch(east)
    assert listed == ["Alder", "Beech"]
    west = admin_client.get(f"/compare?tag=west{WEIGHTS}&always={carried}").text
    listed, _ = _watch(west)
    assert listed == ["Cork"]  # was "none": the east watch was carried into the west selection


def test_a_forged_watch_never_lists_an_unselected_company(admin_client, portfolio):
    keys = portfolio.criteria()
    ids = {}
    for name, tag in [("Alder", "east"), ("Cork", "west")]:
        ids[name] = portfolio.company(name, tags=tag)
        portfolio.scorecard(ids[name], "partner", {k: 4 for k in keys})
    east = admin_client.get(f"/compare?tag=east{WEIGHTS}").text
    _, carried = _watch(east)
    key = carried.partition(":")[0]
    forged = f"{key}:{ids['Alder']},{ids['Cork']}"
    listed, _ = _watch(admin_client.get(f"/compare?tag=east{WEIGHTS}&always={forged}").text)
    assert listed == ["Alder"]
