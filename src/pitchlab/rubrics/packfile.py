"""Reading, checking and writing rubric pack files, with errors that name the field.

Seeds, `pitchlab rubrics check` and import/export all go through `parse_pack`, so a file is
judged the same way everywhere. The models live in packmodels and are re-exported here.
"""

import json
import reprlib
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from pitchlab.rubrics.packmodels import (
    CURRENCY_PATTERN,
    KEY_PATTERN,
    PROBLEMS_ERROR,
    Calculator,
    CalculatorComponent,
    CriterionFile,
    CriterionSource,
    Evidence,
    PackFile,
    Scale,
    Text,
    ValuationBerkus,
    ValuationPayne,
)

__all__ = [
    "Calculator",
    "CalculatorComponent",
    "CriterionFile",
    "CriterionSource",
    "Evidence",
    "PackError",
    "PackFile",
    "Scale",
    "Text",
    "ValuationBerkus",
    "ValuationPayne",
    "dump_pack",
    "load_pack_bytes",
    "load_pack_file",
    "parse_pack",
    "seed_pack_paths",
]


@dataclass(frozen=True)
class PackError:
    """One problem in one pack file; field is a dotted path, empty when it is the whole file."""

    source: str
    field: str
    problem: str

    def __str__(self) -> str:
        """One line, "FILE: FIELD: PROBLEM", as `pitchlab rubrics check` prints it."""
        return ": ".join(part for part in (self.source, self.field, self.problem) if part)


def parse_pack(data: object, *, source: str) -> tuple[PackFile | None, list[PackError]]:
    """Validate already-parsed file content; the pack, or None and every problem found."""
    if not isinstance(data, Mapping):
        found = "nothing (the file is empty)" if data is None else _type_name(data)
        problem = f"the top level must be a mapping of pack fields, got {found}"
        return None, [PackError(source, "", problem)]
    try:
        return PackFile.model_validate(data), []
    except ValidationError as exc:
        errors = [
            PackError(source, field, problem)
            for error in exc.errors()
            for field, problem in _explain(error, data=data)
        ]
        return None, errors


def load_pack_file(path: Path) -> tuple[PackFile | None, list[PackError]]:
    """Read a .yaml/.yml or .json pack file and validate it."""
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [PackError(source, "", f"cannot read the file: {exc.strerror}")]
    return load_pack_bytes(raw, source=source, is_json=path.suffix == ".json")


def load_pack_bytes(
    raw: bytes, *, source: str, is_json: bool = False
) -> tuple[PackFile | None, list[PackError]]:
    """Validate the bytes of a pack file (an upload, or a file's content)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [PackError(source, "", f"the file is not UTF-8 text: {exc.reason}")]
    try:
        data = json.loads(text) if is_json else yaml.load(text, Loader=_StrictLoader)
    except json.JSONDecodeError as exc:
        return None, [PackError(source, f"line {exc.lineno}", f"invalid JSON: {exc.msg}")]
    except yaml.MarkedYAMLError as exc:
        line = f"line {exc.problem_mark.line + 1}" if exc.problem_mark else ""
        return None, [PackError(source, line, f"invalid YAML: {exc.problem}")]
    except yaml.YAMLError as exc:
        return None, [PackError(source, "", f"invalid YAML: {exc}")]
    return parse_pack(data, source=source)


def dump_pack(pack: PackFile) -> str:
    """YAML text of the pack in the seed file format; load_pack_file reads it back equal."""
    data = _tidy_numbers(pack.model_dump(exclude_none=True))
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def seed_pack_paths(seeds_dir: Path) -> list[Path]:
    """The pack files shipped under seeds/rubrics, in a stable order."""
    return sorted((seeds_dir / "rubrics").glob("*.yaml"))


class _StrictLoader(yaml.SafeLoader):
    """A safe loader that refuses a repeated key, which PyYAML would silently overwrite."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, Hashable):
                continue  # the base class reports unhashable keys itself
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _tidy_numbers(value: object) -> object:
    # Weights are floats once validated; "weight: 2" reads better than "weight: 2.0".
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _tidy_numbers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_tidy_numbers(item) for item in value]
    return value


# Turning pydantic's errors into "field: problem" lines a fund's analyst can act on.

_MISSING_TEXT = {"en": "missing English text", "zh": "missing Chinese translation"}
_EMPTY_TEXT = {"en": "English text is empty", "zh": "Chinese translation is empty"}
_EMPTY_LIST = {"en": "English list is empty", "zh": "Chinese list is empty"}
_BY_LANGUAGE = {"missing": _MISSING_TEXT, "string_too_short": _EMPTY_TEXT, "too_short": _EMPTY_LIST}
_PATTERN_MEANINGS = {
    KEY_PATTERN: "a lowercase-kebab key like 'problem-clarity'",
    CURRENCY_PATTERN: "a three-letter currency code like 'USD'",
}
_KEYED_LISTS = ("criteria", "components")
_MESSAGES = {
    "missing": "required field is missing",
    "extra_forbidden": "unknown field (check the spelling)",
    "string_too_short": "{name} must not be empty",
    "string_type": "{name} must be text, got {got}",
    "string_pattern_mismatch": "{name} must be {meaning}, got {got}",
    "greater_than": "{name} must be above {gt}, got {got}",
    "greater_than_equal": "{name} must be at least {ge}, got {got}",
    "less_than": "{name} must be below {lt}, got {got}",
    "less_than_equal": "{name} must be at most {le}, got {got}",
    "int_type": "{name} must be a whole number, got {got}",
    "int_parsing": "{name} must be a whole number, got {got}",
    "int_from_float": "{name} must be a whole number, got {got}",
    "float_type": "{name} must be a number, got {got}",
    "float_parsing": "{name} must be a number, got {got}",
    "bool_type": "{name} must be true or false, got {got}",
    "bool_parsing": "{name} must be true or false, got {got}",
    "literal_error": "{name} must be one of {expected}, got {got}",
    "too_short": "{name} needs at least {min_length} item(s), got {actual_length}",
    "list_type": "{name} must be a list, got {got_type}",
    "dict_type": "{name} must be a mapping, got {got_type}",
    "model_type": "{name} must be a mapping, got {got_type}",
    "union_tag_invalid": "method must be one of {expected_tags}, got {got_tag}",
    "union_tag_not_found": "method is missing (payne or berkus)",
}


def _explain(error: Mapping, *, data: Mapping) -> list[tuple[str, str]]:
    field = _field_path(error["loc"], data=data)
    if error["type"] == PROBLEMS_ERROR:
        return [(_join(field, sub), problem) for sub, problem in error["ctx"]["problems"]]
    if error["type"].startswith("union_tag"):
        field = _join(field, "method")
    return [(field, _problem(error))]


def _problem(error: Mapping) -> str:
    kind, loc, value, ctx = error["type"], error["loc"], error["input"], error.get("ctx", {})
    name = loc[-1] if loc and isinstance(loc[-1], str) else "value"
    name = "key" if name == "[key]" else name
    if value is None and kind.endswith("_type"):
        kind = "missing"  # "zh:" with nothing after it is a missing text, not a wrong type
    if name in _MISSING_TEXT and kind in _BY_LANGUAGE:
        return _BY_LANGUAGE[kind][name]
    if kind == "model_type" and ctx.get("class_name") == "Text":
        return f"must be a bilingual mapping with en and zh, got {_type_name(value)}"
    if kind == "greater_than" and ctx["gt"] == 0:
        return f"{name} must be positive, got {_shown(value)}"
    if kind not in _MESSAGES:
        return error["msg"]
    shown_ctx = {key: f"{item:g}" if isinstance(item, float) else item for key, item in ctx.items()}
    return _MESSAGES[kind].format(
        **shown_ctx,
        name=name,
        got=_shown(value),
        got_type=_type_name(value),
        got_tag=_shown(ctx.get("tag")),
        meaning=_PATTERN_MEANINGS.get(ctx.get("pattern"), "valid"),
    )


def _field_path(loc: tuple, *, data: object) -> str:
    """A dotted path like "criteria[problem-clarity].levels.4.zh" for a pydantic location."""
    parts: list[str] = []
    node, previous = data, None
    for position, segment in enumerate(loc):
        if segment == "[key]" or (position == 1 and loc[0] == "valuation"):
            continue  # a dict-key marker, or the discriminator tag pydantic puts in the path
        if isinstance(segment, int) and previous in _KEYED_LISTS:
            parts.append(f"[{_entry_name(node, segment)}]")
        elif isinstance(segment, int) and isinstance(node, list):
            parts.append(f"[{segment}]")
        else:
            parts.append(f".{segment}")
        node, previous = _child(node, segment), segment
    return "".join(parts).lstrip(".")


def _child(node: object, segment: object) -> object:
    if isinstance(node, Mapping):
        return node.get(segment)
    if isinstance(node, list) and isinstance(segment, int) and 0 <= segment < len(node):
        return node[segment]
    return None


def _entry_name(entries: object, index: int) -> str:
    entry = _child(entries, index)
    key = entry.get("key") if isinstance(entry, Mapping) else None
    return key if isinstance(key, str) and key else str(index)


def _join(*parts: str) -> str:
    return ".".join(part for part in parts if part)


_SHORT_REPR = reprlib.Repr()
_SHORT_REPR.maxlevel, _SHORT_REPR.maxlist, _SHORT_REPR.maxdict = 2, 4, 4


def _shown(value: object) -> str:
    # reprlib stops early: repr() of a list built from YAML aliases (a 1 kB file can name a
    # billion items) ran for hours on a rubric upload (issue 7).
    text = repr(value) if isinstance(value, str) else _SHORT_REPR.repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _type_name(value: object) -> str:
    names = {
        dict: "a mapping",
        list: "a list",
        str: "a string",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "nothing",
    }
    return names.get(type(value), type(value).__name__)
