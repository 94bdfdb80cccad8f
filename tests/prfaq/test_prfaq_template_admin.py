"""PR/FAQ templates as data: list, export as YAML, import (admins) with precise errors."""

import yaml

from pitchlab.paths import resource_dir
from pitchlab.prfaq.library import find_template
from pitchlab.prfaq.templates import load_template_bytes

SEED = resource_dir("seeds") / "prfaq" / "working-backwards.yaml"


def _upload(client, text: str, name="template.yaml"):
    upload = {"file": (name, text.encode("utf-8"), "application/yaml")}
    return client.post("/prfaq-templates/import", files=upload, follow_redirects=False)


def test_templates_are_listed_and_described(admin_client):
    listing = admin_client.get("/prfaq-templates").text
    assert "PR/FAQ: working backwards from the customer" in listing
    assert 'href="/prfaq-templates/ai-product"' in listing
    detail = admin_client.get("/prfaq-templates/ai-product").text
    assert "Sub-headline" in detail and "Must address:" in detail and "Latency" in detail


def test_export_reads_back_as_the_same_template(admin_client, session):
    exported = admin_client.get("/prfaq-templates/ai-product/export")
    assert exported.headers["content-disposition"] == 'attachment; filename="ai-product-v2.yaml"'
    template = load_template_bytes(exported.content, source="export")
    stored = find_template(session, "ai-product").body
    assert template.model_dump(mode="json", exclude_none=True) == stored


def test_import_of_a_broken_file_lists_precise_errors(admin_client):
    broken = SEED.read_text(encoding="utf-8")
    broken = broken.replace('title: {en: "Headline", zh: "标题"}', 'title: {en: "Headline"}')
    broken = broken.replace("min_words: {en: 10, zh: 15}", "min_words: {en: ten, zh: 15}", 1)
    answer = _upload(admin_client, broken, "broken.yaml")
    assert answer.status_code == 422
    assert "broken.yaml: sections[0](headline).title.zh: missing translation (zh)" in answer.text
    assert (
        "broken.yaml: sections[1](sub-headline).min_words.en: "
        "must be a whole number, got &#39;ten&#39;"
    ) in answer.text


def test_import_reports_references_yaml_and_taken_versions(admin_client):
    unknown = SEED.read_text(encoding="utf-8").replace(
        "customer_sections: [sub-headline, summary]", "customer_sections: [sub-headline, summry]"
    )
    answer = _upload(admin_client, unknown)
    assert "customer_sections[1]: unknown section &#39;summry&#39;" in answer.text
    assert "line 4: not valid YAML" in _upload(admin_client, "key: x\nversion: 1\ntitle: [\n").text
    duplicate = "key: x\nkey: y\n"
    assert "duplicate key" in _upload(admin_client, duplicate).text
    changed = SEED.read_text(encoding="utf-8").replace("Write the press release", "Write it")
    taken = _upload(admin_client, changed)
    assert taken.status_code == 422
    assert (
        "working-backwards version 2 is already installed with different content; "
        "raise version to 3"
    ) in taken.text


def test_import_adds_a_new_version(admin_client, session):
    data = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    data["version"] = 3  # the seed is version 2 since issue 15
    data["sections"][0]["title"] = {"en": "Title line", "zh": "标题行"}
    answer = _upload(admin_client, yaml.safe_dump(data, allow_unicode=True))
    assert answer.status_code == 303
    assert answer.headers["location"] == "/prfaq-templates/working-backwards?version=3"
    assert find_template(session, "working-backwards").version == 3
    assert "Title line" in admin_client.get("/prfaq-templates/working-backwards").text
    # A new draft starts from the newest version.
    older = admin_client.get("/prfaq-templates/working-backwards?version=2").text
    assert "Title line" not in older


def test_only_admins_import(make_client):
    partner = make_client("partner")
    assert partner.get("/prfaq-templates/import").status_code == 403
    assert _upload(partner, SEED.read_text(encoding="utf-8")).status_code == 403
    assert partner.get("/prfaq-templates").status_code == 200
