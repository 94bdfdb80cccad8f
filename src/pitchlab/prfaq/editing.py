"""Reading a submitted draft form: section texts, FAQ rows and actions, size limits, merging.

Field names: `section-KEY` per section; per FAQ part (external, internal) `faq-PART-question`
and `faq-PART-answer` repeated in order, plus `faq-PART-present` so an emptied part is told
apart from one the form did not send; `base_revision` is the revision the writer started from.
"""

from dataclasses import dataclass, field
from itertools import zip_longest

from ..web.forms import parse_number
from ..web.i18n import gettext as _
from .document import FAQ_PARTS, TemplateDocument
from .store import Content

# A PR/FAQ section is a few hundred words; 200,000 characters is a pasted file, not a draft,
# and refusing it keeps every revision (the whole draft is stored again each save) small.
SECTION_MAX_CHARS = 200_000
QUESTION_MAX_CHARS = 1_000
FAQ_MAX_ENTRIES = 60
FAQ_ACTIONS = ("add", "remove", "up", "down", "prompts")


@dataclass(frozen=True)
class FaqAction:
    verb: str
    part: str
    index: int | None = None


@dataclass
class Submission:
    """A save: `content` is what may be stored (refused parts keep the base text); `typed` is
    exactly what the writer sees in the form, for previews and for giving the form back."""

    content: Content
    typed: Content
    errors: dict[str, str] = field(default_factory=dict)
    action: FaqAction | None = None


def parse_action(raw: object) -> FaqAction | None:
    """`add:external`, `prompts:internal`, or `remove|up|down:PART:INDEX`; None otherwise."""
    parts = str(raw or "").split(":")
    if len(parts) not in (2, 3) or parts[0] not in FAQ_ACTIONS or parts[1] not in FAQ_PARTS:
        return None
    index = parse_number(parts[2]) if len(parts) == 3 else None
    if (index is None) != (parts[0] in ("add", "prompts")):
        return None
    return FaqAction(parts[0], parts[1], index)


def _too_long_message() -> str:
    return _(
        "This section is longer than %(max)s characters, so it was not saved; "
        "the rest of the draft was."
    ) % {"max": f"{SECTION_MAX_CHARS:,}"}


def _read_sections(form, template: TemplateDocument, typed: dict, kept: dict, errors: dict) -> None:
    for key in template.section_keys():
        raw = form.get(f"section-{key}")
        if raw is None:  # not sent: keep what the base revision has
            continue
        text = str(raw).replace("\r\n", "\n")
        typed[key] = text
        if len(text) > SECTION_MAX_CHARS:
            errors[key] = _too_long_message()
        else:
            kept[key] = text


def _faq_rows(form, part: str) -> list[dict[str, str]]:
    questions = [str(value) for value in form.getlist(f"faq-{part}-question")]
    answers = [str(value).replace("\r\n", "\n") for value in form.getlist(f"faq-{part}-answer")]
    return [
        {"question": question.strip(), "answer": answer}
        for question, answer in zip_longest(questions, answers, fillvalue="")
    ]


def _faq_problem(rows: list[dict[str, str]]) -> str | None:
    if len(rows) > FAQ_MAX_ENTRIES:
        return _("At most %(count)s questions per FAQ.") % {"count": FAQ_MAX_ENTRIES}
    if any(len(row["question"]) > QUESTION_MAX_CHARS for row in rows):
        return _("A question is longer than %(max)s characters; nothing in this FAQ was saved.") % {
            "max": f"{QUESTION_MAX_CHARS:,}"
        }
    if any(len(row["answer"]) > SECTION_MAX_CHARS for row in rows):
        return _("An answer is longer than %(max)s characters; nothing in this FAQ was saved.") % {
            "max": f"{SECTION_MAX_CHARS:,}"
        }
    return None


def read_submission(
    form, template: TemplateDocument, base: Content, *, language: str
) -> Submission:
    """Read the form against the base revision; an FAQ action is applied to both results."""
    typed, kept, errors = dict(base.sections), dict(base.sections), {}
    _read_sections(form, template, typed, kept, errors)
    typed_faqs, kept_faqs = dict(base.faqs), dict(base.faqs)
    for part in FAQ_PARTS:
        if form.get(f"faq-{part}-present") is None:
            continue
        rows = _faq_rows(form, part)
        typed_faqs[part] = rows
        problem = _faq_problem(rows)
        if problem:
            errors[f"faq.{part}"] = problem
        else:
            kept_faqs[part] = rows
    action = parse_action(form.get("faq_action"))
    if action is not None and f"faq.{action.part}" not in errors:
        prompts = template.faq.part(action.part).prompts.items(language)
        kept_faqs[action.part] = applied(kept_faqs[action.part], action, prompts)
        typed_faqs[action.part] = kept_faqs[action.part]
    return Submission(
        content=Content(kept, kept_faqs),
        typed=Content(typed, typed_faqs),
        errors=errors,
        action=action,
    )


def applied(rows: list[dict[str, str]], action: FaqAction, prompts: list[str]) -> list[dict]:
    """The FAQ rows after adding, removing or moving one, or adding the template's prompts."""
    rows = [dict(row) for row in rows]
    index = action.index
    if action.verb == "add" and len(rows) < FAQ_MAX_ENTRIES:
        rows.append({"question": "", "answer": ""})
    elif action.verb == "prompts":
        asked = {row["question"].strip() for row in rows}
        rows += [{"question": prompt, "answer": ""} for prompt in prompts if prompt not in asked]
        rows = rows[:FAQ_MAX_ENTRIES]
    elif index is None or index >= len(rows):
        return rows
    elif action.verb == "remove":
        del rows[index]
    elif action.verb in ("up", "down"):
        other = index - 1 if action.verb == "up" else index + 1
        if 0 <= other < len(rows):
            rows[index], rows[other] = rows[other], rows[index]
    return rows


def merged(base: Content, mine: Content, theirs: Content) -> Content:
    """Their revision with every part the writer changed since `base` taken from `mine`."""
    sections = dict(theirs.sections)
    for key in {*base.sections, *mine.sections}:
        if (mine.sections.get(key) or "") != (base.sections.get(key) or ""):
            sections[key] = mine.sections.get(key, "")
    faqs = {
        part: mine.faqs.get(part, [])
        if mine.faqs.get(part) != base.faqs.get(part)
        else theirs.faqs.get(part, [])
        for part in FAQ_PARTS
    }
    return Content(sections, faqs)


def changed_parts(old: Content, new: Content) -> list[str]:
    """Section keys and FAQ parts ("faq.external") whose text differs."""
    keys = [
        key
        for key in dict.fromkeys([*old.sections, *new.sections])
        if (old.sections.get(key) or "") != (new.sections.get(key) or "")
    ]
    return keys + [
        f"faq.{part}" for part in FAQ_PARTS if old.faqs.get(part, []) != new.faqs.get(part, [])
    ]
