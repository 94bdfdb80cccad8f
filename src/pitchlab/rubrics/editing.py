"""Edits an admin makes to a pack, as plain functions from one pack document to the next.

Every edit produces a whole pack document that goes through the same validator as a seed
file, so the app can never store a pack that `pitchlab rubrics check` would refuse.
"""

import re
from collections.abc import Mapping

from .packfile import PackError, PackFile, parse_pack

LANGUAGES = ("en", "zh")
MOVES = {"up": -1, "down": 1}


class LastCriterion(ValueError):
    """A pack must keep at least one criterion."""


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def criterion_from_form(form: Mapping[str, str], *, scale: range, key: str) -> dict:
    """A criterion document from the flat fields of the criterion form."""

    def text(name):
        return {lang: form.get(f"{name}_{lang}", "").strip() for lang in LANGUAGES}

    weight = form.get("weight", "").strip()
    criterion = {
        "key": key,
        "title": text("title"),
        "question": text("question"),
        "weight": weight,
        "na_allowed": form.get("na_allowed") in {"on", "true", "1"},
        "levels": {level: text(f"level_{level}") for level in scale},
        "evidence": {lang: _lines(form.get(f"evidence_{lang}", "")) for lang in LANGUAGES},
        "source": {"section": text("section"), "quote": form.get("quote", "").strip()},
    }
    if form.get("reference", "").strip():
        criterion["source"]["reference"] = form["reference"].strip()
    return criterion


PACK_KINDS = ("core", "further", "preset")
NEW_PACK_SCALE = range(1, 6)


def new_pack_document(form: Mapping[str, str]) -> dict:
    """A first version of a pack from the new-pack form: its own fields and one criterion."""

    def text(name):
        return {lang: form.get(f"pack_{name}_{lang}", "").strip() for lang in LANGUAGES}

    return {
        "key": form.get("pack_key", "").strip(),
        "version": 1,
        "kind": form.get("pack_kind", "core"),
        "title": text("title"),
        "summary": text("summary"),
        "source": text("source"),
        "scale": {"min": NEW_PACK_SCALE.start, "max": NEW_PACK_SCALE.stop - 1},
        "criteria": [
            criterion_from_form(form, scale=NEW_PACK_SCALE, key=form.get("key", "").strip())
        ],
    }


def form_values(criterion: Mapping) -> dict[str, str]:
    """The flat form fields of a stored criterion document (inverse of criterion_from_form)."""
    values = {
        "key": criterion["key"],
        "weight": f"{criterion['weight']:g}",
        "na_allowed": "on" if criterion.get("na_allowed") else "",
        "reference": criterion["source"].get("reference", ""),
        "quote": criterion["source"].get("quote", ""),
    }
    for lang in LANGUAGES:
        values[f"title_{lang}"] = criterion["title"][lang]
        values[f"question_{lang}"] = criterion["question"][lang]
        values[f"section_{lang}"] = criterion["source"]["section"][lang]
        values[f"evidence_{lang}"] = "\n".join(criterion["evidence"][lang])
        for level, text in criterion["levels"].items():
            values[f"level_{level}_{lang}"] = text[lang]
    return values


def _document(pack: PackFile) -> dict:
    return pack.model_dump(mode="python", exclude_none=True)


def with_criterion(pack: PackFile, criterion: dict, *, replacing: str | None) -> dict:
    """The pack document with `criterion` replacing key `replacing`, or appended."""
    document = _document(pack)
    keys = [c["key"] for c in document["criteria"]]
    if replacing is not None and replacing in keys:
        # The form has neither a gate nor a construct field: an edited criterion keeps the gate
        # its file gave it and stays the home of its construct.
        old = document["criteria"][keys.index(replacing)]
        for kept in ("gate", "construct"):
            if old.get(kept) and kept not in criterion:
                criterion = {**criterion, kept: old[kept]}
        document["criteria"][keys.index(replacing)] = criterion
    else:
        document["criteria"].append(criterion)
    return document


def moved(pack: PackFile, key: str, direction: str) -> dict:
    """The pack document with one criterion moved up or down one place."""
    document = _document(pack)
    keys = [c["key"] for c in document["criteria"]]
    index = keys.index(key)
    target = min(max(index + MOVES[direction], 0), len(keys) - 1)
    criteria = document["criteria"]
    criteria[index], criteria[target] = criteria[target], criteria[index]
    return document


def retired(pack: PackFile, key: str) -> dict:
    """The pack document without one criterion (older, scored versions keep it)."""
    document = _document(pack)
    remaining = [c for c in document["criteria"] if c["key"] != key]
    if not remaining:
        raise LastCriterion(key)
    document["criteria"] = remaining
    return document


def reweighted(pack: PackFile, weights: Mapping[str, str]) -> dict:
    """The pack document with new weights, by criterion key."""
    document = _document(pack)
    for criterion in document["criteria"]:
        if criterion["key"] in weights:
            criterion["weight"] = weights[criterion["key"]].strip()
    return document


def validate(document: dict) -> tuple[PackFile | None, list[PackError]]:
    return parse_pack(document, source="form")


_CRITERION_PREFIX = re.compile(r"^criteria\[[^\]]*\]\.?")


def form_errors(errors: list[PackError]) -> dict[str, str]:
    """Map validator errors onto the criterion form's field names (pack fields get pack_)."""
    fields: dict[str, str] = {}
    for error in errors:
        if error.field and not error.field.startswith("criteria"):
            parts = error.field.split(".")
            fields.setdefault("pack_" + "_".join(parts[:2]), error.problem)
            continue
        path = _CRITERION_PREFIX.sub("", error.field)
        parts = path.split(".")
        if parts[0] == "levels" and len(parts) >= 3:
            name = f"level_{parts[1]}_{parts[2]}"
        elif parts[0] == "source" and len(parts) >= 3:
            name = f"section_{parts[2]}"
        elif parts[0] == "source" and parts[-1] in {"reference", "quote"}:
            name = parts[-1]
        elif parts[0] in {"title", "question", "evidence", "summary"} and len(parts) >= 2:
            name = f"{parts[0]}_{parts[1]}"
        else:
            name = parts[0] or "__all__"
        fields.setdefault(name, error.problem)
    return fields
