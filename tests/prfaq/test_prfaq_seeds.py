import yaml

from pitchlab.models.company import Modality, ModelStrategy, PipelineStatus, Stage
from pitchlab.paths import resource_dir
from pitchlab.prfaq.drafts import load_draft_seeds, unknown_sections
from pitchlab.prfaq.templates import load_template

SEEDS = resource_dir("seeds")
ONE_LINER_MAX = 200


def _companies() -> list[dict]:
    return yaml.safe_load((SEEDS / "companies" / "demo.yaml").read_text(encoding="utf-8"))[
        "companies"
    ]


def test_demo_companies_use_known_values():
    companies = _companies()

    assert len(companies) == 15
    assert len({company["name"] for company in companies}) == 15
    for company in companies:
        assert company["stage"] in set(Stage)
        assert company["status"] in set(PipelineStatus)
        assert company["modality"] in set(Modality)
        assert company["model_strategy"] in set(ModelStrategy)
        assert len(company["one_liner"]) <= ONE_LINER_MAX
        assert company["website"].startswith("https://") and ".example" in company["website"]
        assert 2015 <= company["founded_year"] <= 2025
        assert all(tag == tag.lower() for tag in company["tags"])


def test_demo_drafts_match_companies_and_templates():
    names = {company["name"] for company in _companies()}
    drafts = load_draft_seeds(SEEDS / "prfaq" / "demo-drafts.yaml")

    assert {draft.language for draft in drafts} == {"en", "zh"}
    for draft in drafts:
        template = load_template(SEEDS / "prfaq" / f"{draft.template}.yaml")
        assert draft.company in names
        assert unknown_sections(draft, template) == []
