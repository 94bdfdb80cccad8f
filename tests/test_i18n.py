"""Both interface languages are complete, and the choice of language sticks."""

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "src/pitchlab/translations/zh/LC_MESSAGES/messages.po"


def test_every_interface_string_has_a_chinese_translation(tmp_path):
    template = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_",
            "-k",
            "gettext",
            "-k",
            "ngettext:1,2",
            "--ignore-dirs=.venv",
            "--ignore-dirs=tests",
            "--ignore-dirs=build",
            "-o",
            str(template),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with template.open("rb") as handle:
        wanted = {message.id for message in read_po(handle) if message.id}
    with CATALOG.open("rb") as handle:
        translated = {
            message.id
            for message in read_po(handle)
            if message.id
            and all(message.string if isinstance(message.string, tuple) else [message.string])
        }
    missing = sorted(str(msgid) for msgid in wanted - translated)
    assert missing == [], f"untranslated (run scripts/update_catalog.py): {missing}"


def test_switching_to_chinese_is_remembered(admin_client):
    client = admin_client
    response = client.post(
        "/locale", data={"locale": "zh", "next": "/companies?q=a"}, follow_redirects=False
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/companies?q=a"
    page = client.get("/companies").text
    assert "新建公司" in page and 'lang="zh-Hans"' in page


def test_browser_language_picks_chinese_for_visitors(client):
    page = client.get("/login", headers={"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"}).text
    assert 'lang="zh-Hans"' in page and "登录" in page


def test_unknown_locale_and_foreign_next_are_ignored(client):
    response = client.post(
        "/locale", data={"locale": "xx", "next": "//evil.example/"}, follow_redirects=False
    )
    assert response.headers["location"] == "/"
    assert "pitchlab_locale" not in response.headers.get("set-cookie", "")


def test_chinese_company_data_displays_sorts_and_searches(admin_client):
    client = admin_client
    for name in ["深瞳质检", "Zeta Labs", "Alpha AI"]:
        client.post(
            "/companies",
            data={
                "name": name,
                "sector": "制造业",
                "stage": "seed",
                "status": "sourced",
                "modality": "image",
                "model_strategy": "no-ml",
            },
        )
    page = client.get("/companies", params={"q": "制造"}).text
    assert "深瞳质检" in page and "Zeta Labs" in page
    names = [n for n in ["Alpha AI", "Zeta Labs", "深瞳质检"] if n in page]
    assert sorted(names, key=lambda n: page.index(n)) == ["Alpha AI", "Zeta Labs", "深瞳质检"]


def test_users_preferred_language_applies_until_they_switch(make_client):
    partner2 = make_client("partner2")  # the demo seed gives this partner Chinese
    assert "新建公司" in partner2.get("/companies").text
    partner2.post("/locale", data={"locale": "en", "next": "/"})
    assert "New company" in partner2.get("/companies").text
