"""How well the evidence finder finds the pages that answer each criterion (issue 12).

The labelled set is the demo decks (seeds/documents/decks-*.yaml: three English, three
Chinese), each slide labelled with the problem-space and open-closed-moat criteria it answers,
with distractor slides (cover, market size, ask, appendix tables, slides that echo a
criterion's words without answering it). The decks are made into PDFs and read back as an
upload would be, and ranked against the packs as installed (the criteria's current wording).
"""

from dataclasses import dataclass, field

import pytest

from pitchlab.documents.demo import load_decks, load_signals
from pitchlab.documents.evidence import DeckPage, find_evidence
from pitchlab.documents.extraction import extract_pdf
from pitchlab.documents.pdfdeck import deck_pdf
from pitchlab.paths import resource_dir
from pitchlab.rubrics.store import latest_versions

PACKS = ("problem-space", "open-closed-moat")


@dataclass
class Figures:
    answered: int = 0  # criteria some page answers
    hits: int = 0  # ... with a labelled page among the three returned
    unanswered: int = 0  # criteria no page answers
    flagged: int = 0  # ... listed as "not addressed"
    wrongly_flagged: list[int] = field(default_factory=list)  # per deck

    def line(self) -> str:
        return (
            f"top-3 {self.hits}/{self.answered} = {self.hits / self.answered:.2f}; "
            f"not addressed found {self.flagged}/{self.unanswered} = "
            f"{self.flagged / self.unanswered:.2f}; wrongly flagged per deck {self.wrongly_flagged}"
        )


def _read_back(spec) -> list[DeckPage]:
    extracted = extract_pdf(deck_pdf(spec.slides, language=spec.language))
    return [DeckPage(0, 1, p.number, p.title, p.text) for p in extracted.pages]


def measure(session, *, plain: bool) -> dict[str, Figures]:
    folder = resource_dir("seeds") / "documents"
    entries = latest_versions(session)
    criteria = [c for e in entries if e.key in PACKS for c in e.criteria if not c.retired]
    signals = load_signals(folder)
    rivals = [c for c in criteria if c.key in signals]
    figures: dict[str, Figures] = {}
    for spec in load_decks(folder):
        labels: dict[str, set[int]] = {}
        for number, keys in enumerate(spec.answers, start=1):
            for key in keys:
                labels.setdefault(key, set()).add(number)
        found = find_evidence(
            _read_back(spec), criteria, rivals=rivals, signals=signals, plain=plain
        )
        result = figures.setdefault(spec.language, Figures())
        wrong = 0
        for item in found:
            if item.key in labels:
                result.answered += 1
                result.hits += bool({m.page.number for m in item.matches} & labels[item.key])
                wrong += not item.addressed
            else:
                result.unanswered += 1
                result.flagged += not item.addressed
        result.wrongly_flagged.append(wrong)
    return figures


@pytest.fixture(scope="module")
def figures(template_database):
    from sqlmodel import Session

    from pitchlab.db import create_db_engine

    engine = create_db_engine(template_database)
    with Session(engine) as session:
        result = {"finder": measure(session, plain=False), "plain": measure(session, plain=True)}
    engine.dispose()
    for name, by_language in result.items():
        for language, numbers in by_language.items():
            print(f"{name:6} {language}: {numbers.line()}")
    return result


@pytest.mark.parametrize("language", ["en", "zh"])
def test_finder_puts_an_answering_page_in_the_top_three(figures, language):
    finder, plain = figures["finder"][language], figures["plain"][language]
    assert finder.answered >= 20 and finder.hits / finder.answered >= 0.9
    assert finder.hits >= plain.hits


@pytest.mark.parametrize("language", ["en", "zh"])
def test_finder_lists_most_unanswered_criteria_as_not_addressed(figures, language):
    finder, plain = figures["finder"][language], figures["plain"][language]
    assert finder.flagged / finder.unanswered >= 0.5
    assert max(finder.wrongly_flagged) <= 1
    assert finder.flagged > plain.flagged
