"""Loading a comparison's scores: pack versions compared by criterion key, picks and filters."""

import math

from sqlmodel import col, select
from starlette.datastructures import QueryParams

from pitchlab.compare import queries
from pitchlab.compare.loading import load_portfolio
from pitchlab.compare.selection import Selection, selection_from_query
from pitchlab.models import Evaluation, Score
from pitchlab.rubrics.packfile import PackFile
from pitchlab.rubrics.store import get_pack_version, save_pack, to_pack_file


def _new_version_with_weight(session, key: str, criterion: str, weight: float) -> int:
    document = to_pack_file(get_pack_version(session, key)).model_dump(mode="python")
    for item in document["criteria"]:
        if item["key"] == criterion:
            item["weight"] = weight
    return save_pack(session, PackFile.model_validate(document)).version


def test_versions_of_a_pack_share_columns_by_criterion_key(portfolio, session):
    keys = portfolio.criteria()
    ivy = portfolio.company("Ivy", tags="versions")
    portfolio.scorecard(ivy, "partner", {key: 2 for key in keys})  # against the seed version 2
    session.rollback()
    assert _new_version_with_weight(session, "problem-space", "problem-clarity", 5) == 3
    portfolio.scorecard(ivy, "analyst", {key: 4 for key in keys})  # against version 3
    loaded = load_portfolio(session, Selection(tag="versions"), user=None)
    clarity = loaded.scores[loaded.scores["criterion_key"] == "problem-clarity"]
    assert sorted(clarity["value"]) == [2, 4]  # one column, both evaluators
    assert set(clarity["weight"]) == {5.0} and set(loaded.scores["pack_version"]) == {3}
    assert loaded.packs[0].versions_scored == (2, 3)


def test_hand_picked_companies_within_the_filters(portfolio, session):
    ids = [portfolio.company(name, tags="picks") for name in ("Juniper", "Kale", "Larch")]
    for company_id in ids:
        portfolio.scorecard(company_id, "partner", {key: 3 for key in portfolio.criteria()})
    picked = selection_from_query(QueryParams(f"tag=picks&company={ids[0]}&company={ids[2]}"))
    loaded = load_portfolio(session, picked, user=None)
    assert sorted(set(loaded.scores["company_name"])) == ["Juniper", "Larch"]
    assert loaded.candidates["picked"].tolist() == [True, False, True]  # all three offered


def test_selection_round_trips_through_the_query_string():
    query = (
        "q=vision&stage=seed&status=ic&tag=LLM&company=3&company=x&pack=problem-space"
        "&pw.problem-space=2&cw.problem-space.ai-fit=0.5&cw.bad=1&pw.x=-1&anon=1"
    )
    selection = selection_from_query(QueryParams(query))
    assert selection.tag == "llm" and selection.company_ids == (3,)
    assert selection.pack_weights == {"problem-space": 2.0}  # a negative weight is ignored
    assert selection.criterion_weights == {("problem-space", "ai-fit"): 0.5}
    assert selection_from_query(QueryParams(selection.query_string())) == selection
    assert "pw." not in selection.query_string(weights=False)


def test_junk_in_the_query_names_nothing(admin_client, panel):
    selection = selection_from_query(QueryParams("pack=%00x&pack=Problem%20Space&q=Ast%00er"))
    assert selection.pack_keys == () and selection.search == "Aster"
    # A NUL reaching PostgreSQL would be a 500; here it is simply dropped.
    response = admin_client.get("/compare?tag=panel&q=Ast%00er&pack=%00")
    assert response.status_code == 200 and 'id="compare-matrix"' in response.text


def test_score_rows_read_every_answer_as_stored(portfolio, session, monkeypatch):
    # Answers, N/A, empty answers, insufficient evidence and a level below zero, across more
    # scorecards than one fetch takes, checked against the rows as the ORM reads them.
    keys = portfolio.criteria()
    ids = [portfolio.company(name, tags="rows") for name in ("Oak", "Pine")]
    for company_id in ids:
        for who in ("partner", "analyst"):
            values = {key: level for key, level in zip(keys, (1, None, 4, -2, 3), strict=False)}
            portfolio.scorecard(company_id, who, values)
    session.rollback()
    changed = session.exec(select(Score).order_by(col(Score.id))).all()
    changed[2].is_insufficient = True
    changed[3].value, changed[3].is_na = None, False  # answered with nothing
    session.add_all(changed[2:4])
    session.commit()
    monkeypatch.setattr(queries, "FETCH_CHUNK_ROWS", 1)

    rows = queries.score_rows(session, Selection(tag="rows"))

    stored = session.exec(
        select(Evaluation.company_id, Evaluation.evaluator_id, Score).join(Evaluation)
    ).all()
    expected = {
        (company, evaluator, score.criterion_id): (
            None if score.is_na or score.is_insufficient or score.value is None else score.value,
            score.is_insufficient,
        )
        for company, evaluator, score in stored
    }
    read = {
        (row.company_id, row.evaluator_id, row.criterion_id): (
            None if math.isnan(row.value) else row.value,
            bool(row.insufficient),
        )
        for row in rows.itertuples()
    }
    assert read == expected and len(rows) == len(stored) == 4 * 5
    assert {value for value, _insufficient in read.values()} == {1, 3, 4, -2, None}
    assert sum(insufficient for _value, insufficient in read.values()) == 1
