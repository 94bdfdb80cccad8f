"""Companies through the JSON API."""


def test_create_read_update_and_list(client):
    created = client.post("/api/v1/companies", json={"name": "Vectorly", "stage": "series-a",
                                                     "tags": ["RAG", "search"]})
    assert created.status_code == 201
    body = created.json()
    assert body["tags"] == ["rag", "search"] and body["stage"] == "series-a"
    company_id = body["id"]
    assert client.get(f"/api/v1/companies/{company_id}").json()["name"] == "Vectorly"
    patched = client.patch(f"/api/v1/companies/{company_id}", json={"status": "diligence"})
    assert patched.status_code == 200
    assert patched.json()["status"] == "diligence" and patched.json()["name"] == "Vectorly"
    listing = client.get("/api/v1/companies", params={"q": "vector"}).json()
    assert listing["total"] == 1 and listing["items"][0]["id"] == company_id


def test_invalid_body_answers_422_with_readable_fields(client):
    response = client.post("/api/v1/companies", json={"name": "", "website": "nope",
                                                      "founded_year": 3000})
    assert response.status_code == 422
    fields = {error["loc"][-1] for error in response.json()["detail"]}
    assert {"name", "website", "founded_year"} <= fields


def test_duplicate_name_is_409(client):
    client.post("/api/v1/companies", json={"name": "Dupe"})
    response = client.post("/api/v1/companies", json={"name": "dupe"})
    assert response.status_code == 409
    assert "already exists" in response.json()["detail"]


def test_missing_company_is_404_json(client):
    response = client.get("/api/v1/companies/424242")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_null_name_in_patch_is_refused(client):
    company_id = client.post("/api/v1/companies", json={"name": "Keepname"}).json()["id"]
    response = client.patch(f"/api/v1/companies/{company_id}", json={"name": None})
    assert response.status_code == 422
