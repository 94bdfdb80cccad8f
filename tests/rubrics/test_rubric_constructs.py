"""One home per construct (issue 15): each of the team, cost per request, label quality and
the data loop is scored by one criterion, other packs refer to it, and compare counts it once."""

from pathlib import Path

import pandas as pd
import yaml
from typer.testing import CliRunner

from pitchlab.cli import app as cli_app
from pitchlab.compare.scores import scores_frame
from pitchlab.compare.totals import company_totals, pack_totals
from pitchlab.compare.weights import weight_table
from pitchlab.rubrics.constructs import construct_homes, construct_problems
from pitchlab.rubrics.packfile import load_pack_file, parse_pack, seed_pack_paths

ROOT = Path(__file__).resolve().parents[2]
SEED_PACKS = [load_pack_file(path)[0] for path in seed_pack_paths(ROOT / "seeds")]
REVIEWED = {"team", "cost-per-request", "label-quality", "data-loop"}
KIND_ORDER = {"core": 0, "further": 1, "preset": 2}


def test_every_reviewed_construct_has_exactly_one_home_in_the_seeds():
    homes = construct_homes(SEED_PACKS)
    assert REVIEWED <= set(homes)
    assert {construct: len(pairs) for construct, pairs in homes.items()} == dict.fromkeys(homes, 1)
    assert construct_problems(SEED_PACKS) == []


def test_every_see_points_at_the_home_and_is_not_scored_again_in_that_pack():
    homes = {c: pairs[0] for c, pairs in construct_homes(SEED_PACKS).items()}
    seen = [(pack, see) for pack in SEED_PACKS for see in pack.see or []]
    assert {see.construct_key for _, see in seen} == {
        "cost-per-request",
        "label-quality",
        "data-loop",
    }
    for pack, see in seen:
        assert homes[see.construct_key] == (see.pack, see.criterion)
        assert see.construct_key not in {c.construct_key for c in pack.criteria}


def test_a_pack_scoring_a_construct_twice_is_refused():
    document = yaml.safe_load((ROOT / "seeds/rubrics/problem-space.yaml").read_text("utf-8"))
    document["criteria"][0]["construct"] = "team"
    _, problems = parse_pack(document, source="pack.yaml")
    assert [str(p) for p in problems] == [
        "pack.yaml: criteria[team-domain-fit].construct: "
        "construct 'team' is scored twice in the pack"
    ]


def test_checking_two_packs_that_both_home_a_construct_fails(tmp_path):
    document = yaml.safe_load((ROOT / "seeds/rubrics/open-closed-moat.yaml").read_text("utf-8"))
    document["see"] = None
    document["criteria"][0]["construct"] = "team"
    clash = tmp_path / "moat.yaml"
    clash.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(
        cli_app, ["rubrics", "check", str(ROOT / "seeds/rubrics/problem-space.yaml"), str(clash)]
    )
    assert result.exit_code == 1
    assert (
        "constructs: construct 'team' is scored more than once: "
        "problem-space.team-domain-fit, open-closed-moat.model-strategy" in result.output
    )


def _all_packs_scored(value: float = 3.0) -> pd.DataFrame:
    """One evaluator scores every criterion of every seed pack for one company, in rubric order."""
    packs = sorted(SEED_PACKS, key=lambda pack: (KIND_ORDER[pack.kind], pack.key))
    rows = [
        {
            "company_id": 1,
            "company_name": "Clausemint",
            "evaluator_id": 1,
            "evaluator_name": "A",
            "pack_key": pack.key,
            "pack_version": pack.version,
            "criterion_key": criterion.key,
            "criterion_title": criterion.title.en,
            "weight": criterion.weight,
            "value": value,
            "scale_min": 1,
            "scale_max": 5,
        }
        for pack in packs
        for criterion in pack.criteria
    ]
    constructs = [c.construct_key or "" for pack in packs for c in pack.criteria]
    return scores_frame(rows).assign(construct=constructs)


def test_combining_every_pack_in_compare_counts_each_construct_once():
    scores = _all_packs_scored()
    weights = weight_table(scores).assign(construct=scores["construct"].to_numpy())
    counted = weights[(weights["weight"] > 0) & (weights["construct"] != "")]
    assert sorted(counted["construct"]) == sorted(construct_homes(SEED_PACKS))
    home = counted.set_index("construct")["pack_key"].to_dict()
    assert home["team"] == "problem-space"  # not Payne's or Berkus's team factor as well
    dropped = weights[(weights["weight"] == 0)][["pack_key", "criterion_key"]]
    assert dropped.values.tolist() == [
        ["berkus", "management-team"],
        ["payne-scorecard", "management-team"],
    ]


def test_a_team_score_moves_the_combined_total_through_one_criterion_only():
    scores = _all_packs_scored()
    team = scores["construct"] == "team"
    scores.loc[team, "value"] = 5.0
    totals = pack_totals(scores).set_index("pack_key")["total"]
    # The home pack feels the team score; the presets' team factors are left out of every total.
    assert totals["problem-space"] > 3.0
    assert totals["payne-scorecard"] == totals["berkus"] == 3.0
    overall = company_totals(scores)["total"].iloc[0]
    n_packs = len(SEED_PACKS)
    weight = dict(zip(scores["criterion_key"], scores["weight"], strict=False))
    problem_space = [c for c in SEED_PACKS if c.key == "problem-space"][0]
    total_weight = sum(c.weight for c in problem_space.criteria)
    expected = (
        3.0 * (n_packs - 1) + 3.0 + 2.0 * weight["team-domain-fit"] / total_weight
    ) / n_packs
    assert abs(overall - expected) < 1e-9


def _criterion_form(session, pack: str, key: str, **changes) -> dict:
    from pitchlab.rubrics.editing import form_values
    from pitchlab.rubrics.store import get_pack_version, to_pack_file

    document = to_pack_file(get_pack_version(session, pack)).model_dump(exclude_none=True)
    criterion = next(c for c in document["criteria"] if c["key"] == key)
    return form_values(criterion) | {"replacing": key} | changes


def test_editing_a_home_criterion_keeps_its_construct_and_needs_a_quote(admin_client, session):
    from pitchlab.rubrics.store import get_pack_version

    form = _criterion_form(session, "problem-space", "team-domain-fit", quote="")
    refused = admin_client.post("/rubrics/problem-space/criteria", data=form)
    assert refused.status_code == 422
    assert 'id="ce-quote"' in refused.text and "aria-invalid" in refused.text
    form["title_en"], form["quote"] = (
        "Founders who know the domain",
        "我身边能够触及到的资源又是什么",
    )
    saved = admin_client.post("/rubrics/problem-space/criteria", data=form, follow_redirects=False)
    assert saved.status_code == 303
    session.rollback()
    criterion = next(
        c for c in get_pack_version(session, "problem-space").criteria if c.key == "team-domain-fit"
    )
    assert criterion.title["en"] == "Founders who know the domain"
    assert criterion.construct_key == "team"
    assert criterion.source["quote"] == "我身边能够触及到的资源又是什么"


def test_importing_a_pack_that_scores_a_homed_construct_again_is_refused(admin_client, session):
    import io

    document = yaml.safe_load((ROOT / "seeds/rubrics/berkus.yaml").read_text("utf-8"))
    document.update(key="fund-team", kind="further", see=None)
    del document["valuation"]
    upload = yaml.safe_dump(document, allow_unicode=True).encode()
    answer = admin_client.post(
        "/rubrics/import/file", files={"file": ("team.yaml", io.BytesIO(upload))}
    )
    assert answer.status_code == 422
    assert (
        "team.yaml: criteria[management-team].construct: &#39;team&#39; is already scored in "
        "problem-space.team-domain-fit; refer to it with see instead"
    ) in answer.text
    from pitchlab.rubrics.store import get_pack_version

    assert get_pack_version(session, "fund-team") is None


def test_the_rubric_page_names_where_a_referenced_construct_is_scored(admin_client):
    page = admin_client.get("/rubrics/technical-debt").text
    assert (
        '<li data-see="label-quality"><code>label-quality</code>: '
        '<a href="/rubrics/data-centric-ai#criterion-label-quality-process">'
        "data-centric-ai / label-quality-process</a></li>"
    ) in page
    home = admin_client.get("/rubrics/scale-compute-economics").text
    assert 'data-construct="cost-per-request"' in home
