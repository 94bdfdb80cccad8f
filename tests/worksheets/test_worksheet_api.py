"""The worksheet API: list with kinds, read, replace with exact numbers, readable 4xx."""

from decimal import Decimal

from .test_worksheet_pages import COGS_FORM


def test_list_has_every_kind(client, api_token, blank_company_id):
    response = client.get(f"/api/v1/companies/{blank_company_id}/worksheets", headers=api_token())
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["kind"] for item in items] == [
        "problem-space",
        "baseline-ladder",
        "stress-test",
        "ai-cogs",
        "modality-roi",
    ]
    assert all(item["revision"] == 0 and item["evidence"] is None for item in items)
    cogs = next(item for item in items if item["kind"] == "ai-cogs")
    assert "inference-unit-cost" in cogs["informs"]["scale-compute-economics"]


def test_put_then_get_returns_exact_numbers_and_outcome(client, api_token, blank_company_id):
    url = f"/api/v1/companies/{blank_company_id}/worksheets/ai-cogs"
    headers = api_token("analyst")
    body = {"data": COGS_FORM | {"usage": 2000000, "price": 3.0, "runs": "1.50"}, "revision": 0}
    put = client.put(url, json=body, headers=headers)
    assert put.status_code == 200, put.text
    got = client.get(url, headers=headers).json()
    assert got["revision"] == 1 and got["evidence"] == "worksheet:ai-cogs@1"
    assert got["data"]["runs"] == "1.5" and got["data"]["usage"] == "2000000"
    assert got["outcome"]["base"]["margin"] == "40.0"
    assert Decimal(got["outcome"]["heavy_use"]["cogs"]) == 93  # exact, as text
    assert got["history"][0]["number"] == 1 and got["history"][0]["author"]
    assert all(source["quote"] for source in got["sources"])


def test_put_bad_fields_is_a_readable_422_and_saves_nothing(client, api_token, blank_company_id):
    url = f"/api/v1/companies/{blank_company_id}/worksheets/baseline-ladder"
    headers = api_token()
    bad = client.put(
        url, json={"data": {"metric": "acc", "bar": "120", "currency": "BTC"}}, headers=headers
    )
    assert bad.status_code == 422
    errors = bad.json()["detail"]["errors"]
    assert "percentage from 0 to 100" in errors["bar"]
    assert errors["currency"] == "Choose one of the listed options."
    unknown = client.put(url, json={"data": {"colour": "red"}}, headers=headers)
    assert unknown.status_code == 422 and "colour" in unknown.json()["detail"]["errors"]
    assert client.get(url, headers=headers).json()["revision"] == 0


def test_put_stale_revision_is_409_and_unknown_kind_404(client, api_token, blank_company_id):
    url = f"/api/v1/companies/{blank_company_id}/worksheets/problem-space"
    headers = api_token()
    assert client.put(url, json={"data": {"who": "Shops"}}, headers=headers).status_code == 200
    stale = client.put(url, json={"data": {"who": "Banks"}, "revision": 0}, headers=headers)
    assert stale.status_code == 409 and "Revision 1" in stale.json()["detail"]
    missing = client.get(f"/api/v1/companies/{blank_company_id}/worksheets/nope", headers=headers)
    assert missing.status_code == 404 and "problem-space" in missing.json()["detail"]
