"""Seeding PR/FAQ templates and demo drafts: idempotent, keyed, and authored by a demo user."""

from sqlmodel import select

from pitchlab.models import PrfaqDraft, PrfaqRevision, PrfaqTemplate, User
from pitchlab.paths import resource_dir
from pitchlab.prfaq.seeding import seed_demo_drafts, seed_prfaq_templates, template_paths
from pitchlab.seeding import SeedReport, seed_all

from .conftest import GOOD_ZH, draft_by_title


def test_templates_come_from_every_file_but_the_drafts_file():
    names = [path.name for path in template_paths(resource_dir("seeds") / "prfaq")]
    assert names == ["ai-product.yaml", "working-backwards.yaml"]


def test_seeded_database_has_templates_and_demo_drafts(session):
    keys = sorted(session.exec(select(PrfaqTemplate.key)).all())
    assert keys == ["ai-product", "working-backwards"]
    draft = draft_by_title(session, GOOD_ZH)
    assert draft.language == "zh" and draft.current_revision == 1
    author = session.get(User, draft.created_by_id)
    assert author.email == "analyst@pitchlab.example"
    revision = session.exec(select(PrfaqRevision).where(PrfaqRevision.draft_id == draft.id)).one()
    assert revision.author_id == author.id and "跨境" in revision.sections["problem"]


def test_seeding_again_adds_nothing(session):
    seeds = resource_dir("seeds")
    report = SeedReport()
    seed_prfaq_templates(session, seeds, report)
    seed_demo_drafts(session, seeds, report)
    assert report.added == {}
    assert seed_all(session, demo=True, demo_scorecards=False).added == {}
    assert len(session.exec(select(PrfaqDraft)).all()) == 4


def test_without_demo_only_templates_are_seeded(tmp_path):
    from sqlmodel import Session

    from pitchlab.db import create_db_engine
    from pitchlab.migrate import upgrade

    engine = create_db_engine(f"sqlite:///{tmp_path / 'plain.db'}")
    upgrade(engine)
    with Session(engine) as fresh:
        report = seed_all(fresh, demo=False)
        assert report.added["PR/FAQ templates"] == 2 and "PR/FAQ drafts" not in report.added
    engine.dispose()


def test_an_edited_seed_file_does_not_change_an_installed_version(session, tmp_path):
    from pitchlab.prfaq.library import find_template

    folder = tmp_path / "prfaq"
    folder.mkdir()
    seed = resource_dir("seeds") / "prfaq" / "working-backwards.yaml"
    (folder / seed.name).write_text(
        seed.read_text(encoding="utf-8").replace("Write the press release", "Write it"),
        encoding="utf-8",
    )
    before = find_template(session, "working-backwards").body
    report = SeedReport()
    seed_prfaq_templates(session, tmp_path, report)
    assert report.added == {}
    assert find_template(session, "working-backwards").body == before
