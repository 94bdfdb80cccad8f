"""Rubric pages: browse packs, and (admins) edit criteria, weights and order, import, export."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from ..auth.deps import UserDep, allowed
from ..db import SessionDep
from ..permissions import Action
from ..web.forms import FormDep
from ..web.i18n import gettext as _
from ..web.templating import render
from . import editing
from .deps import PackDep
from .packfile import dump_pack, load_pack_bytes
from .store import (
    PackVersion,
    construct_clashes,
    get_pack_version,
    is_scored,
    latest_versions,
    save_pack,
    to_pack_file,
    version_numbers,
)


def _signed_in(user: UserDep) -> None:
    """Every rubric page is for logged-in users."""


ManagerDep = allowed(Action.RUBRIC_MANAGE)

router = APIRouter(
    prefix="/rubrics",
    dependencies=[Depends(_signed_in)],
    include_in_schema=False,
)
KIND_ORDER = ("core", "further", "preset")


@router.get("")
def rubric_list(request: Request, session: SessionDep):
    """Every rubric pack at its newest version, grouped by kind."""
    packs = latest_versions(session)
    groups = {kind: [p for p in packs if p.pack.kind == kind] for kind in KIND_ORDER}
    return render(request, "rubrics/list.html", {"groups": groups})


@router.get("/new/pack")
def pack_new(request: Request, _admin: ManagerDep):
    """The form for a new pack: its title, summary and source, and a first criterion."""
    return render(
        request,
        "rubrics/criterion_form.html",
        {
            "new_pack": True,
            "values": {"weight": "1", "pack_kind": "core"},
            "errors": {},
            "criterion_key": None,
            "levels": editing.NEW_PACK_SCALE,
            "kinds": editing.PACK_KINDS,
        },
    )


@router.post("/new/pack")
def pack_create(form: FormDep, request: Request, session: SessionDep, admin: ManagerDep):
    """Create a pack; problems come back next to their fields with everything kept."""
    form = {name: str(value) for name, value in form.items()}
    pack_file, problems = editing.validate(editing.new_pack_document(form))
    errors = editing.form_errors(problems)
    if pack_file is not None and get_pack_version(session, pack_file.key) is not None:
        errors["pack_key"] = _(
            "A pack with this key already exists; import a file to add a version."
        )
    if errors:
        return render(
            request,
            "rubrics/criterion_form.html",
            {
                "new_pack": True,
                "values": form,
                "errors": errors,
                "criterion_key": None,
                "levels": editing.NEW_PACK_SCALE,
                "kinds": editing.PACK_KINDS,
            },
            status_code=422,
        )
    save_pack(session, pack_file, user_id=admin.id)
    return RedirectResponse(f"/rubrics/{pack_file.key}", status_code=303)


@router.get("/{key}")
def rubric_detail(request: Request, session: SessionDep, entry: PackDep):
    """One pack: its criteria, every level's description, evidence and sources."""
    context = {
        "entry": entry,
        "versions": version_numbers(session, entry.pack.id),
        "scored": is_scored(session, entry.version.id),
    }
    return render(request, "rubrics/detail.html", context)


@router.get("/{key}/export")
def rubric_export(entry: PackDep) -> Response:
    """The pack version as a YAML file in the seed format, to share or re-import."""
    filename = f"{entry.pack.key}-v{entry.version.version}.yaml"
    return Response(
        dump_pack(to_pack_file(entry)),
        media_type="application/yaml",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _criterion_page(
    request: Request, entry: PackVersion, *, values, errors, key, scored, status_code=200
):
    context = {
        "entry": entry,
        "values": values,
        "errors": errors,
        "criterion_key": key,
        "scored": scored,
        "levels": range(entry.version.scale_min, entry.version.scale_max + 1),
    }
    return render(request, "rubrics/criterion_form.html", context, status_code=status_code)


@router.get("/{key}/criteria/{criterion_key}/edit")
def criterion_edit(
    request: Request, session: SessionDep, entry: PackDep, criterion_key: str, _admin: ManagerDep
):
    """The form for one criterion, filled with its current text."""
    document = to_pack_file(entry).model_dump(mode="python", exclude_none=True)
    criterion = next((c for c in document["criteria"] if c["key"] == criterion_key), None)
    values = editing.form_values(criterion) if criterion else {"key": criterion_key, "weight": "1"}
    return _criterion_page(
        request,
        entry,
        values=values,
        errors={},
        key=criterion_key if criterion else None,
        scored=is_scored(session, entry.version.id),
    )


@router.get("/{key}/criteria/new")
def criterion_new(request: Request, session: SessionDep, entry: PackDep, _admin: ManagerDep):
    """An empty criterion form."""
    return _criterion_page(
        request,
        entry,
        values={"weight": "1"},
        errors={},
        key=None,
        scored=is_scored(session, entry.version.id),
    )


@router.post("/{key}/criteria")
def criterion_save(
    form: FormDep, request: Request, session: SessionDep, entry: PackDep, admin: ManagerDep
):
    """Save a new or changed criterion; a scored version is kept and a new one made."""
    form = {name: str(value) for name, value in form.items()}
    replacing = form.get("replacing") or None
    key = replacing or form.get("key", "").strip()
    scale = range(entry.version.scale_min, entry.version.scale_max + 1)
    criterion = editing.criterion_from_form(form, scale=scale, key=key)
    pack = to_pack_file(entry)
    pack_file, problems = editing.validate(
        editing.with_criterion(pack, criterion, replacing=replacing)
    )
    errors = editing.form_errors(problems)
    if replacing is None and key in {c.key for c in pack.criteria}:
        errors["key"] = _("This pack already has a criterion with this key.")
    if errors:
        return _criterion_page(
            request,
            entry,
            values=form,
            errors=errors,
            key=replacing,
            scored=is_scored(session, entry.version.id),
            status_code=422,
        )
    save_pack(session, pack_file, user_id=admin.id)
    return RedirectResponse(f"/rubrics/{entry.pack.key}#criterion-{key}", status_code=303)


def _save_document(session, entry: PackVersion, document: dict, user_id: int) -> None:
    pack_file, problems = editing.validate(document)
    if problems:
        raise ValueError("; ".join(str(problem) for problem in problems))
    save_pack(session, pack_file, user_id=user_id)


@router.post("/{key}/criteria/{criterion_key}/move")
def criterion_move(
    form: FormDep,
    request: Request,
    session: SessionDep,
    entry: PackDep,
    criterion_key: str,
    admin: ManagerDep,
):
    """Move a criterion one place up or down."""
    direction = form.get("direction", "down")
    if direction in editing.MOVES and criterion_key in {c.key for c in entry.criteria}:
        _save_document(
            session, entry, editing.moved(to_pack_file(entry), criterion_key, direction), admin.id
        )
    return RedirectResponse(f"/rubrics/{entry.pack.key}#criterion-{criterion_key}", status_code=303)


@router.post("/{key}/criteria/{criterion_key}/retire")
def criterion_retire(session: SessionDep, entry: PackDep, criterion_key: str, admin: ManagerDep):
    """Remove a criterion from the pack's next version; scored versions keep it."""
    if criterion_key in {c.key for c in entry.criteria} and len(entry.criteria) > 1:
        _save_document(
            session, entry, editing.retired(to_pack_file(entry), criterion_key), admin.id
        )
    return RedirectResponse(f"/rubrics/{entry.pack.key}", status_code=303)


@router.post("/{key}/weights")
def weights_save(
    form: FormDep, request: Request, session: SessionDep, entry: PackDep, admin: ManagerDep
):
    """Change several criterion weights at once."""
    weights = {c.key: str(form.get(f"weight_{c.key}", c.weight)) for c in entry.criteria}
    pack_file, problems = editing.validate(editing.reweighted(to_pack_file(entry), weights))
    if problems:
        context = {
            "entry": entry,
            "versions": version_numbers(session, entry.pack.id),
            "scored": is_scored(session, entry.version.id),
            "weight_errors": {
                e.field.split("[")[1].split("]")[0]: e.problem
                for e in problems
                if e.field.startswith("criteria[")
            },
            "weight_values": weights,
        }
        return render(request, "rubrics/detail.html", context, status_code=422)
    save_pack(session, pack_file, user_id=admin.id)
    return RedirectResponse(f"/rubrics/{entry.pack.key}", status_code=303)


# Uploaded pack files are small text; anything larger is not a rubric.
MAX_PACK_BYTES = 512 * 1024


@router.get("/import/file")
def rubric_import_form(request: Request, _admin: ManagerDep):
    """The upload form for a pack file."""
    return render(request, "rubrics/import.html", {"errors": []})


@router.post("/import/file")
def rubric_import(form: FormDep, request: Request, session: SessionDep, admin: ManagerDep):
    """Import a pack file: a new pack, or a new version of an existing one."""
    upload = form.get("file")
    if upload is None or not hasattr(upload, "read"):
        return render(
            request,
            "rubrics/import.html",
            {"errors": [_("Choose a file to import.")]},
            status_code=422,
        )
    raw = upload.file.read(MAX_PACK_BYTES + 1)
    name = upload.filename or "upload"
    if len(raw) > MAX_PACK_BYTES:
        return render(
            request,
            "rubrics/import.html",
            {"errors": [_("The file is larger than a rubric pack can be.")]},
            status_code=413,
        )
    pack_file, problems = load_pack_bytes(raw, source=name, is_json=name.lower().endswith(".json"))
    errors = [str(p) for p in problems]
    if pack_file is not None:
        errors += [f"{name}: {clash}" for clash in construct_clashes(session, pack_file)]
    if errors:
        return render(request, "rubrics/import.html", {"errors": errors}, status_code=422)
    save_pack(session, pack_file, user_id=admin.id)
    return RedirectResponse(f"/rubrics/{pack_file.key}", status_code=303)
