"""Loading PR/FAQ template files and explaining precisely what is wrong with a broken one."""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from ..rubrics.packfile import _StrictLoader as StrictLoader
from .document import CUSTOMER_TOPIC, LANGUAGES, Bilingual, BilingualList, TemplateDocument
from .prefill import PREFILL_FIELDS, placeholder_names


@dataclass(frozen=True)
class TemplateError:
    """One problem in a template file: which file, where in it, and what is wrong."""

    source: str
    path: str
    problem: str

    def __str__(self) -> str:
        return f"{self.source}: {self.path}: {self.problem}"


class TemplateInvalid(ValueError):
    def __init__(self, errors: list[TemplateError]):
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


def _format_path(loc: tuple, data: object) -> str:
    """Render a pydantic location as `sections[3](problem).title.zh`, naming keyed items."""
    parts: list[str] = []
    node = data
    for step in loc:
        if isinstance(step, int):
            label = f"[{step}]"
            item = node[step] if isinstance(node, list) and step < len(node) else None
            if isinstance(item, dict) and item.get("key"):
                label += f"({item['key']})"
            parts.append(label)
            node = item
        else:
            parts.append(f".{step}" if parts else str(step))
            node = node.get(step) if isinstance(node, dict) else None
    return "".join(parts) or "(top level)"


def _describe(error: dict) -> str:
    """A short problem statement for one pydantic error, in the template author's terms."""
    last = error["loc"][-1] if error["loc"] else ""
    kind = error["type"]
    if kind == "missing":
        return f"missing translation ({last})" if last in LANGUAGES else "required field is missing"
    if kind == "string_too_short":
        return f"empty translation ({last})" if last in LANGUAGES else "must not be empty"
    if kind == "extra_forbidden":
        return "unknown field (check the spelling)"
    if kind == "string_pattern_mismatch":
        return f"must be lowercase-kebab like 'sub-headline', got {error['input']!r}"
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return f"must be a whole number, got {error['input']!r}"
    if kind == "model_type" and last in {"min_words", "max_words"}:
        return f"must be a whole number or a mapping {{en: n, zh: n}}, got {error['input']!r}"
    if kind == "model_type":
        return "must be a mapping with keys en and zh"
    if kind == "too_short" and last == "sections":
        return "a template needs at least one section"
    return error["msg"]


def _semantic_errors(template: TemplateDocument) -> Iterator[tuple[str, str]]:
    """Rules pydantic cannot express: uniqueness, limits, references between fields."""
    seen: set[str] = set()
    for index, section in enumerate(template.sections):
        where = f"sections[{index}]({section.key})"
        if section.key in seen:
            yield f"{where}.key", f"duplicate section key {section.key!r}"
        seen.add(section.key)
        for language in LANGUAGES:
            low, high = section.min_words.limit(language), section.max_words.limit(language)
            if low > high:
                yield f"{where}.min_words.{language}", f"min_words {low} > max_words {high}"
        yield from _prompt_errors(where, section.prompts)
        if section.prefill:
            yield from _prefill_errors(f"{where}.prefill", section.prefill)
    yield from _reference_errors(template, seen)


def _prefill_errors(where: str, prefill: Bilingual) -> Iterator[tuple[str, str]]:
    # A pattern shared by both languages is reported once, at the field itself.
    shared = prefill.en == prefill.zh
    for language in ("en",) if shared else LANGUAGES:
        for name in placeholder_names(prefill.text(language)):
            if name not in PREFILL_FIELDS:
                path = where if shared else f"{where}.{language}"
                known = ", ".join(sorted(PREFILL_FIELDS))
                yield path, f"unknown company field {name!r} (known: {known})"


def _prompt_errors(where: str, prompts: BilingualList) -> Iterator[tuple[str, str]]:
    if len(prompts.en) != len(prompts.zh):
        yield (
            f"{where}.prompts",
            f"{len(prompts.en)} prompts in en but {len(prompts.zh)} in zh (missing translation)",
        )


def _reference_errors(template: TemplateDocument, section_keys: set[str]) -> Iterator[tuple]:
    topics = sorted(template.topics)
    for name, topic in template.topics.items():
        if not topic.all_keywords():
            yield f"topics.{name}.keywords", "a topic needs at least one keyword"
        for keyword in topic.all_keywords():
            if "*" in keyword.rstrip("*"):
                yield f"topics.{name}.keywords", f"'*' only allowed at the end: {keyword!r}"
    for field in ("customer_sections", "benefit_sections"):
        for index, key in enumerate(getattr(template, field)):
            if key not in section_keys:
                yield f"{field}[{index}]", f"unknown section {key!r}"
    if template.customer_sections and CUSTOMER_TOPIC not in template.topics:
        yield "topics", f"customer_sections needs a topic named {CUSTOMER_TOPIC!r}"
    for part_name in ("external", "internal"):
        part = template.faq.part(part_name)
        yield from _prompt_errors(f"faq.{part_name}", part.prompts)
        for index, topic in enumerate(part.required_topics):
            if topic not in template.topics:
                yield (
                    f"faq.{part_name}.required_topics[{index}]",
                    f"unknown required topic {topic!r} (defined: {', '.join(topics)})",
                )


def _parse(data: object, *, source: str) -> tuple[TemplateDocument | None, list[TemplateError]]:
    if not isinstance(data, dict):
        return None, [TemplateError(source, "(top level)", "a template must be a YAML mapping")]
    try:
        template = TemplateDocument.model_validate(data)
    except ValidationError as invalid:
        return None, [
            TemplateError(source, _format_path(error["loc"], data), _describe(error))
            for error in invalid.errors()
        ]
    errors = [TemplateError(source, path, problem) for path, problem in _semantic_errors(template)]
    return (None if errors else template), errors


def validate_template(data: object, *, source: str) -> list[TemplateError]:
    """Every problem in a template's data; an empty list means the template is usable."""
    return _parse(data, source=source)[1]


def parse_template(data: object, *, source: str) -> TemplateDocument:
    """Build a template from its data, raising TemplateInvalid with every problem found."""
    template, errors = _parse(data, source=source)
    if errors or template is None:
        raise TemplateInvalid(errors)
    return template


def load_template_bytes(raw: bytes, *, source: str) -> TemplateDocument:
    """Validate the bytes of a template file (an upload, or a file's content)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as broken:
        error = TemplateError(source, "(file)", f"not UTF-8 text: {broken.reason}")
        raise TemplateInvalid([error]) from broken
    try:
        # The rubric packs' loader: a repeated key is an error, where PyYAML keeps the last.
        data = yaml.load(text, Loader=StrictLoader)
    except yaml.YAMLError as broken:
        mark = getattr(broken, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "(file)"
        problem = getattr(broken, "problem", None) or str(broken)
        error = TemplateError(source, where, f"not valid YAML: {problem}")
        raise TemplateInvalid([error]) from broken
    return parse_template(data, source=source)


def load_template(path: Path | str) -> TemplateDocument:
    """Read and validate one template file (YAML)."""
    path = Path(path)
    return load_template_bytes(path.read_bytes(), source=str(path))


def dump_template(template: TemplateDocument) -> str:
    """The template as YAML in the seed format; load_template_bytes reads it back equal."""
    data = template.model_dump(mode="json", exclude_none=True)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
