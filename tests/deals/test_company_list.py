"""The company list (issue 13): sortable headers with aria-sort, optional columns, saved views."""

from .conftest import soup


def _names(page) -> list[str]:
    return [row.select_one("td a").text for row in page.select("table.companies tbody tr")]


def test_headers_sort_and_say_how(admin_client):
    page = soup(admin_client.get("/companies"))
    header = page.select_one('th[data-sort="name"]')
    assert header["aria-sort"] == "ascending"
    assert page.select_one('th[data-sort="stage"]')["aria-sort"] == "none"
    names = _names(page)
    assert names == sorted(names, key=str.casefold)
    reverse = soup(admin_client.get("/companies" + header.select_one("a")["href"][10:]))
    assert reverse.select_one('th[data-sort="name"]')["aria-sort"] == "descending"
    assert _names(reverse) == names[::-1]


def test_optional_columns_show_owner_total_and_progress(
    make_client, company_named, user_id, fill_scorecard, session
):
    from pitchlab.rubrics.store import get_pack_version

    partner = make_client("partner")
    company = company_named("Clausemint")
    pack = get_pack_version(session, "problem-space")
    all_threes = {criterion.key: 3 for criterion in pack.criteria}
    fill_scorecard(partner, company.id, "problem-space", all_threes, submit=True)
    partner.post(
        f"/companies/{company.id}/assignments",
        data={
            "user_id": [str(user_id("analyst")), str(user_id("partner"))],
            "pack_id": str(pack.pack.id),
        },
    )
    page = soup(partner.get("/companies?q=Clausemint&col=total&col=mine&col=progress"))
    row = page.select_one("table.companies tbody tr")
    cells = {td["data-column"]: td.text.strip() for td in row.select("td[data-column]")}
    assert cells == {"total": "3.00", "mine": "3.00", "progress": "1 of 2 submitted"}


def test_saved_view_is_private_unless_shared(make_client):
    partner, analyst = make_client("partner"), make_client("analyst")
    saved = partner.post(
        "/views",
        data={"name": "Legal deals", "query": "q=legal&sort=stage&col=owner&csrf=x"},
        follow_redirects=False,
    )
    assert saved.status_code == 303
    mine = soup(partner.get("/companies")).select("#view-list a")
    assert [(a.text, a["href"]) for a in mine] == [
        ("Legal deals", "/companies?q=legal&sort=stage&col=owner")
    ]
    assert soup(analyst.get("/companies")).select("#view-list a") == []
    partner.post("/views", data={"name": "Legal deals", "query": "q=legal", "shared": "1"})
    assert [a.text for a in soup(analyst.get("/companies")).select("#view-list a")] == [
        "Legal deals"
    ]
