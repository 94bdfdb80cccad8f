"""Rubric packs in the app: browse in both languages, edit with versioning, import, export."""

import io

import yaml
from markupsafe import escape

from pitchlab.models import Evaluation, RubricVersion
from pitchlab.rubrics.store import get_pack_version, to_pack_file

# Issue 15 rewrote the seed packs (quotes, reworked criteria) as version 2.
SEED_VERSION = 2
PACKS = [
    "problem-space",
    "open-closed-moat",
    "prfaq-quality",
    "technical-debt",
    "data-centric-ai",
    "scale-compute-economics",
    "deployment-efficiency",
    "multimodal-roi",
    "model-limits-risk",
    "payne-scorecard",
    "berkus",
]


def test_every_pack_is_listed_in_english_and_chinese(admin_client, session):
    english = admin_client.get("/rubrics").text
    for key in PACKS:
        assert str(escape(get_pack_version(session, key).version.title["en"])) in english
    admin_client.post("/locale", data={"locale": "zh", "next": "/rubrics"})
    chinese = admin_client.get("/rubrics").text
    for key in PACKS:
        assert str(escape(get_pack_version(session, key).version.title["zh"])) in chinese


def test_pack_page_shows_every_level_and_source(admin_client, session):
    entry = get_pack_version(session, "open-closed-moat")
    page = admin_client.get("/rubrics/open-closed-moat").text
    for criterion in entry.criteria:
        assert str(escape(criterion.question["en"])) in page
        for text in criterion.levels.values():
            assert str(escape(text["en"])) in page
        assert str(escape(criterion.source["section"]["en"])) in page


def _edit_form(session, key="problem-space", index=0, **changes):
    entry = get_pack_version(session, key)
    from pitchlab.rubrics.editing import form_values

    document = to_pack_file(entry).model_dump(mode="python", exclude_none=True)
    criterion = document["criteria"][index]
    values = form_values(criterion) | {"replacing": criterion["key"]} | changes
    return criterion["key"], values


def test_editing_an_unscored_pack_changes_it_in_place(admin_client, session):
    key, form = _edit_form(session, title_en="Problem stated sharply")
    response = admin_client.post(
        "/rubrics/problem-space/criteria", data=form, follow_redirects=False
    )
    assert response.status_code == 303
    session.rollback()
    entry = get_pack_version(session, "problem-space")
    assert entry.version.version == SEED_VERSION
    assert entry.criteria[0].title["en"] == "Problem stated sharply"


def test_editing_a_scored_pack_creates_a_version_and_keeps_the_evaluation(
    admin_client, session, company_id, fill_scorecard
):
    first_key = get_pack_version(session, "problem-space").criteria[0].key
    scorecard_id = fill_scorecard(admin_client, company_id, "problem-space", {first_key: 4})
    session.rollback()
    old_version_id = session.get(Evaluation, scorecard_id).rubric_version_id
    key, form = _edit_form(session, weight="5", level_3_en="A new meaning of three")
    admin_client.post("/rubrics/problem-space/criteria", data=form)
    session.rollback()
    newest = get_pack_version(session, "problem-space")
    assert newest.version.version == SEED_VERSION + 1 and newest.criteria[0].weight == 5
    old = session.get(RubricVersion, old_version_id)
    assert (
        old.version == SEED_VERSION
        and session.get(Evaluation, scorecard_id).rubric_version_id == old_version_id
    )
    assert (
        get_pack_version(session, "problem-space", SEED_VERSION).criteria[0].levels["3"]["en"]
        != "A new meaning of three"
    )
    # The evaluator keeps scoring against the version they started on.
    again = admin_client.get(f"/companies/{company_id}/score/problem-space", follow_redirects=False)
    assert again.headers["location"] == f"/scorecards/{scorecard_id}"
    older = admin_client.get(f"/rubrics/problem-space?version={SEED_VERSION}").text
    assert "older version" in older


def test_bad_edit_keeps_every_value_and_marks_the_field(admin_client, session):
    key, form = _edit_form(session, weight="-2", level_4_zh="", title_en="Kept title")
    response = admin_client.post("/rubrics/problem-space/criteria", data=form)
    assert response.status_code == 422
    assert 'id="ce-weight"' in response.text and 'id="ce-level_4_zh"' in response.text
    assert 'value="Kept title"' in response.text
    session.rollback()
    assert get_pack_version(session, "problem-space").criteria[0].weight != -2


def test_add_reorder_reweight_and_retire(admin_client, session):
    key, form = _edit_form(session)
    form = form | {"key": "founder-grit", "title_en": "Founder grit", "title_zh": "创始人韧性"}
    del form["replacing"]
    assert (
        admin_client.post(
            "/rubrics/problem-space/criteria", data=form, follow_redirects=False
        ).status_code
        == 303
    )
    duplicate = admin_client.post("/rubrics/problem-space/criteria", data=form)
    assert "already has a criterion with this key" in duplicate.text
    admin_client.post("/rubrics/problem-space/criteria/founder-grit/move", data={"direction": "up"})
    session.rollback()
    keys = [c.key for c in get_pack_version(session, "problem-space").criteria]
    assert keys.index("founder-grit") == len(keys) - 2
    weights = {f"weight_{k}": "2" for k in keys}
    admin_client.post("/rubrics/problem-space/weights", data=weights)
    admin_client.post("/rubrics/problem-space/criteria/founder-grit/retire")
    session.rollback()
    entry = get_pack_version(session, "problem-space")
    assert "founder-grit" not in [c.key for c in entry.criteria]
    assert {c.weight for c in entry.criteria} == {2}


def test_only_admins_edit(make_client, session):
    partner = make_client("partner")
    key, form = _edit_form(session)
    assert partner.post("/rubrics/problem-space/criteria", data=form).status_code == 403
    assert "Add a criterion" not in partner.get("/rubrics/problem-space").text


def test_export_then_import_round_trips_and_broken_file_is_explained(admin_client, session):
    exported = admin_client.get("/rubrics/berkus/export")
    filename = f'attachment; filename="berkus-v{SEED_VERSION}.yaml"'
    assert exported.headers["content-disposition"] == filename
    document = yaml.safe_load(exported.text)
    document["key"] = "berkus-fund-copy"
    upload = yaml.safe_dump(document, allow_unicode=True).encode()
    response = admin_client.post(
        "/rubrics/import/file",
        files={"file": ("mine.yaml", io.BytesIO(upload))},
        follow_redirects=False,
    )
    assert (
        response.status_code == 303 and response.headers["location"] == "/rubrics/berkus-fund-copy"
    )
    document["criteria"][0]["levels"].pop(3)
    broken = yaml.safe_dump(document, allow_unicode=True).encode()
    refused = admin_client.post(
        "/rubrics/import/file", files={"file": ("broken.yaml", io.BytesIO(broken))}
    )
    assert refused.status_code == 422
    first = document["criteria"][0]["key"]
    assert f"broken.yaml: criteria[{first}].levels: level 3 is missing" in refused.text
    garbage = admin_client.post(
        "/rubrics/import/file", files={"file": ("x.yaml", io.BytesIO(b"key: [unclosed"))}
    )
    assert garbage.status_code == 422 and "invalid YAML" in garbage.text


def test_api_lists_and_reads_packs(client, api_token):
    headers = api_token("analyst")
    packs = client.get("/api/v1/rubrics", headers=headers).json()
    assert {p["key"] for p in packs} >= set(PACKS)
    detail = client.get("/api/v1/rubrics/technical-debt", headers=headers).json()
    assert detail["pack"]["calculator"]["reference_model_share"] == 0.05
    assert detail["pack"]["criteria"][0]["levels"]["1"]["zh"]
    assert client.get("/api/v1/rubrics/nope", headers=headers).status_code == 404
    assert "/api/v1/rubrics/{key}" in client.get("/openapi.json").json()["paths"]


def test_admin_creates_a_pack_and_bad_fields_are_kept(admin_client, session):
    key, form = _edit_form(session)
    form.pop("replacing")
    form |= {
        "key": "team-velocity",
        "pack_key": "fund-extras",
        "pack_kind": "further",
        "pack_title_en": "Fund extras",
        "pack_title_zh": "",
        "pack_summary_en": "Our own checks",
        "pack_summary_zh": "我们自己的检查",
        "pack_source_en": "Partner meeting",
        "pack_source_zh": "合伙人会议",
    }
    refused = admin_client.post("/rubrics/new/pack", data=form)
    assert refused.status_code == 422
    assert 'id="ce-pack_title_zh"' in refused.text and 'value="Fund extras"' in refused.text
    form["pack_title_zh"] = "基金补充"
    created = admin_client.post("/rubrics/new/pack", data=form, follow_redirects=False)
    assert created.headers["location"] == "/rubrics/fund-extras"
    session.rollback()
    entry = get_pack_version(session, "fund-extras")
    assert entry.pack.kind == "further" and [c.key for c in entry.criteria] == ["team-velocity"]
    again = admin_client.post("/rubrics/new/pack", data=form)
    assert "already exists" in again.text
