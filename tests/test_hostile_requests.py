"""Hostile requests (issue 7): huge bodies, broken uploads, file names, formulas in exports,
unknown locales, forged sessions and CSRF tokens. Markup in form fields is in
tests/test_hostile_input.py.
"""

import asyncio
import csv
import hashlib
import io
import random
import re
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor

import openpyxl
import pytest
from sqlmodel import func, select

from pitchlab.auth.sessions import SESSION_COOKIE
from pitchlab.models import Company, PrfaqDraft
from pitchlab.rubrics.store import get_pack_version

from .conftest import DEMO_EMAILS, log_in

TRAVERSAL = "../../etc/passwd"
SAFE_DISPOSITION = re.compile(r'^attachment; filename="[A-Za-z0-9][A-Za-z0-9._-]*"$')


# -- Bodies over the cap are refused before they are read whole ------------------------------


def _asgi_post(app, path: str, receive, headers: list[tuple[bytes, bytes]]) -> dict:
    """Send one POST straight to the ASGI app; return the response start message."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver"), *headers],
        "client": ("127.0.0.1", 5000),
        "server": ("testserver", 80),
        "state": {},
    }
    sent = []

    async def send(message):
        sent.append(message)

    # In a thread of its own: the browser tests leave an event loop running in this one.
    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(asyncio.run, app(scope, receive, send)).result()
    return next(message for message in sent if message["type"] == "http.response.start")


def test_content_length_over_the_cap_is_refused_unread(app, settings):
    async def receive():
        raise AssertionError("the body was read")

    length = str(settings.max_body_bytes + 1).encode()
    start = _asgi_post(
        app,
        "/companies",
        receive,
        [(b"content-length", length), (b"content-type", b"application/x-www-form-urlencoded")],
    )
    assert start["status"] == 413


CHUNK = 65536
# Endless bodies that look well formed as far as they go: many form fields, one file, a JSON list.
STREAMS = {
    b"application/x-www-form-urlencoded": (b"", b"notes=" + b"x" * (CHUNK - 7) + b"&"),
    b"multipart/form-data; boundary=xyz": (
        b'--xyz\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n\r\n',
        b"name\n" + b"x" * (CHUNK - 5),
    ),
    b"application/json": (b'{"name": "big", "notes": "', b"x" * CHUNK),
}


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/companies", b"application/x-www-form-urlencoded"),
        ("/companies/import/preview", b"multipart/form-data; boundary=xyz"),
        ("/login", b"application/x-www-form-urlencoded"),
        ("/api/v1/companies", b"application/json"),
    ],
)
def test_chunked_body_over_the_cap_is_cut_off(path, content_type, app, settings, admin_client):
    first, chunk = STREAMS[content_type]
    chunks_read = 0

    async def receive():  # an endless chunked upload, counted as the app reads it
        nonlocal chunks_read
        chunks_read += 1
        return {
            "type": "http.request",
            "body": first if chunks_read == 1 and first else chunk,
            "more_body": True,
        }

    csrf = admin_client.headers["X-CSRF-Token"]
    cookie = (
        f"{SESSION_COOKIE}={admin_client.cookies[SESSION_COOKIE]}; "
        f"pitchlab_csrf={admin_client.cookies['pitchlab_csrf']}"
    )
    start = _asgi_post(
        app,
        path,
        receive,
        [
            (b"transfer-encoding", b"chunked"),
            (b"content-type", content_type),
            (b"cookie", cookie.encode()),
            (b"x-csrf-token", csrf.encode()),
        ],
    )
    assert start["status"] == 413
    assert chunks_read <= settings.max_body_bytes // CHUNK + 2


def test_huge_body_through_the_client_is_refused(admin_client, settings):
    answer = admin_client.post(
        "/companies",
        content=b"name=" + b"x" * settings.max_body_bytes,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert answer.status_code == 413


# -- Malformed company imports: a clear message, never a server error ------------------------


def _xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _rows_csv(count: int) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["name", "stage"])
    writer.writerows([f"Company {n}", "seed"] for n in range(count))
    return buffer.getvalue().encode()


BROKEN_IMPORTS = {
    "utf16": ("companies.csv", "name,stage\nÜber AI,seed\n".encode("utf-16")),
    "random-bytes": ("companies.csv", random.Random(7).randbytes(4096)),
    "latin1": ("companies.csv", "name,stage\nCaf\xe9 AI,seed\n".encode("latin-1")),
    "wrong-columns": ("companies.csv", b"company_title,round\nNightjar,seed\n"),
    "header-only": ("companies.csv", b"name,stage\n"),
    "empty": ("companies.csv", b""),
    "100k-rows": ("companies.csv", _rows_csv(100_000)),
    "unbalanced-quotes": ("companies.csv", b'name,stage\n"Nightjar,seed\nOrchard,seed\n'),
    "xlsx-zip-of-garbage": (
        "companies.xlsx",
        _zip({"garbage.bin": random.Random(8).randbytes(2048)}),
    ),
    "xlsx-bad-xml": (
        "companies.xlsx",
        _zip({"[Content_Types].xml": b"<Types><unclosed", "xl/workbook.xml": b"\x00\x01"}),
    ),
    "xlsx-truncated": ("companies.xlsx", _xlsx([["name"], ["Nightjar"]])[:700]),
    "xlsx-wrong-columns": ("companies.xlsx", _xlsx([["foo", "bar"], [1, 2]])),
    "csv-named-xlsx": ("companies.xlsx", b"name\nNightjar\n"),
    "xlsx-named-csv": ("companies.csv", _xlsx([["stage"], ["seed"]])),
}


@pytest.mark.parametrize("case", BROKEN_IMPORTS)
def test_malformed_import_is_explained(case, admin_client, session):
    filename, data = BROKEN_IMPORTS[case]
    before = session.exec(select(func.count()).select_from(Company)).one()
    answer = admin_client.post(
        "/companies/import/preview", files={"file": (filename, data, "application/octet-stream")}
    )
    assert answer.status_code in (200, 413, 422), answer.text[:500]
    if answer.status_code == 422:
        message = re.search(r'id="import-error">(.*?)</p>', answer.text, re.DOTALL)
        assert message and message.group(1).strip(), "the upload page names no problem"
    session.rollback()
    assert session.exec(select(func.count()).select_from(Company)).one() == before


BROKEN_PACKS = {
    "garbage": b"\x00\xff" * 100,
    "not-a-mapping": b"- just\n- a list\n",
    "bad-yaml": b"key: [unclosed\n",
    "traversal-key": b"key: ../../etc/passwd\nversion: 1\n",
    "python-tag": b"key: !!python/object/apply:os.system ['true']\n",
    # Aliases nine levels deep: a billion strings if anything walked them expanded.
    "alias-bomb": b"a: &a ['x','x','x','x','x','x','x','x','x','x']\n"
    + b"".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 10)}]\n".encode()
        for n in range(8)
    ),
}


@pytest.mark.parametrize("case", BROKEN_PACKS)
@pytest.mark.parametrize(
    ("url", "filename"),
    [
        ("/rubrics/import/file", "pack.yaml"),
        ("/rubrics/import/file", TRAVERSAL),
        ("/prfaq-templates/import", "template.yaml"),
        ("/prfaq-templates/import", TRAVERSAL),
    ],
)
def test_malformed_pack_or_template_file_is_explained(case, url, filename, admin_client):
    started = time.monotonic()
    answer = admin_client.post(
        url, files={"file": (filename, BROKEN_PACKS[case], "application/yaml")}
    )
    assert answer.status_code == 422, answer.text[:500]
    assert "<script" not in answer.text.split("</main>")[0].split("<main")[-1]
    assert time.monotonic() - started < 5


def test_upload_named_like_a_path_is_only_a_label(admin_client):
    answer = admin_client.post(
        "/companies/import/preview",
        files={"file": (TRAVERSAL, b"name,stage\nTraversal Co,seed\n", "text/csv")},
    )
    assert answer.status_code == 200 and "Traversal Co" in answer.text
    assert "root:" not in answer.text  # the name is echoed as a label; no file of that name is read


# -- Download names built from user data stay plain file names -------------------------------


def test_prfaq_export_name_from_a_hostile_title_is_safe(
    admin_client, client, api_token, session, company_id
):
    draft = session.exec(select(PrfaqDraft).where(PrfaqDraft.company_id == company_id)).first()
    draft.title = f'{TRAVERSAL}"; filename=evil.exe\r\nX-Injected: 1 标题'
    session.add(draft)
    session.commit()
    for fmt in ("md", "html", "docx"):
        page = admin_client.get(f"/prfaqs/{draft.id}/export/{fmt}")
        api = client.get(f"/api/v1/prfaqs/{draft.id}?format={fmt}", headers=api_token("admin"))
        for answer in (page, api):
            assert answer.status_code == 200
            assert SAFE_DISPOSITION.match(answer.headers["content-disposition"])
            assert (
                ".." not in answer.headers["content-disposition"]
                and "x-injected" not in answer.headers
            )


@pytest.mark.parametrize(
    "url",
    [
        "/rubrics/problem-space/export",
        "/prfaq-templates/ai-product/export",
        "/compare/export.csv?q=../../x",
        "/compare/export.xlsx",
    ],
)
def test_other_download_names_are_safe(url, admin_client):
    answer = admin_client.get(url)
    assert answer.status_code == 200
    assert SAFE_DISPOSITION.match(answer.headers["content-disposition"])


def test_new_pack_key_cannot_be_a_path(admin_client):
    answer = admin_client.post(
        "/rubrics/new/pack", data={"pack_key": TRAVERSAL, "key": "a", "title_en": "t"}
    )
    assert answer.status_code == 422
    assert admin_client.get("/rubrics/..%2F..%2Fetc%2Fpasswd/export").status_code == 404


# -- Formulas in exported spreadsheets --------------------------------------------------------


@pytest.mark.parametrize(
    "name", ['=HYPERLINK("http://evil.example","Click")', "+1+1", "-2+3", "@SUM(A1)", "\t=1+1"]
)
def test_formula_in_a_company_name_is_neutralized_in_the_api_csv(
    name, client, api_token, fill_scorecard, make_client, session
):
    headers = api_token("admin")
    created = client.post("/api/v1/companies", json={"name": name}, headers=headers)
    assert created.status_code == 201
    every_criterion = {c.key: 3 for c in get_pack_version(session, "problem-space").criteria}
    fill_scorecard(
        make_client("admin"), created.json()["id"], "problem-space", every_criterion, submit=True
    )
    answer = client.get(
        "/api/v1/comparison",
        params={"format": "csv", "company": created.json()["id"]},
        headers=headers,
    )
    assert answer.status_code == 200
    cells = [
        cell for row in csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))) for cell in row
    ]
    assert any(name.strip() in cell for cell in cells), "the company is not in the export"
    assert not [
        cell
        for cell in cells
        if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and name.strip() in cell
    ]


# -- Locales, sessions, CSRF ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cookie", "accept_language"),
    [
        ("xx", None),
        ("../../etc", None),
        ("", "xx-YY, ;q=abc, *"),
        (None, "\x7f\x7f;;;,,,q=2"),
        (None, "xx-garbage-" + "a" * 300),
        ("en\r\nX-Bad: 1", "en;q=not-a-number"),
    ],
)
def test_unknown_locale_falls_back_to_english(cookie, accept_language, client):
    if cookie is not None:
        client.cookies.set("pitchlab_locale", cookie)
    answer = client.get(
        "/login", headers={"Accept-Language": accept_language} if accept_language else {}
    )
    assert answer.status_code == 200 and '<html lang="en">' in answer.text


@pytest.mark.parametrize("kind", ["tampered", "revoked", "garbage", "huge", "other-user-hash"])
def test_forged_ended_or_unknown_session_is_anonymous(kind, client, session, make_client):
    admin = make_client("admin")
    real = admin.cookies[SESSION_COOKIE]
    ended = make_client()
    log_in(ended, DEMO_EMAILS["analyst"])
    revoked = ended.cookies[SESSION_COOKIE]
    ended.post("/logout")
    value = {
        "tampered": real[:-3] + ("AAA" if not real.endswith("AAA") else "BBB"),
        "revoked": revoked,
        "garbage": "%%%\x7f.not.a.cookie",
        "huge": real * 40,
        "other-user-hash": hashlib.sha256(real.encode()).hexdigest(),  # the stored form
    }[kind]
    client.cookies.clear()
    client.cookies.set(SESSION_COOKIE, value)
    page = client.get("/admin", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login")
    assert client.get("/api/v1/companies").status_code == 401


STATE_CHANGING_FORMS = [
    ("/companies", {"name": "Forged Co"}),
    ("/admin/users", {"email": "x@y.example"}),
    ("/rubrics/new/pack", {"pack_key": "forged"}),
    ("/companies/{company_id}/conflicts", {"reason": "r"}),
    ("/companies/{company_id}/archive", {}),
    ("/locale", {"locale": "zh"}),
    ("/logout", {}),
    ("/login", {"email": DEMO_EMAILS["admin"], "password": "pitchlab-demo"}),
]


@pytest.mark.parametrize("token", [None, "", "forged-token-" + "x" * 40, "short"])
@pytest.mark.parametrize(("path", "form"), STATE_CHANGING_FORMS)
def test_missing_or_forged_csrf_token_is_refused(path, form, token, make_client, company_id):
    browser = make_client("admin")
    del browser.headers["X-CSRF-Token"]
    data = dict(form) | ({} if token is None else {"csrf_token": token})
    answer = browser.post(path.format(company_id=company_id), data=data, follow_redirects=False)
    assert answer.status_code == 403


def test_csrf_token_of_another_browser_is_refused(make_client, client):
    browser = make_client("admin")
    answer = browser.post(
        "/companies",
        data={"name": "Forged Co"},
        headers={"X-CSRF-Token": client.headers["X-CSRF-Token"]},
    )
    assert answer.status_code == 403


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/api/v1/companies"),
        ("PATCH", "/api/v1/companies/{company_id}"),
        ("POST", "/api/v1/companies/{company_id}/scorecards"),
    ],
)
def test_cookie_alone_cannot_write_through_the_api(method, path, admin_client, session, company_id):
    body = {"name": "Cookie Co", "pack_key": "problem-space"}
    answer = admin_client.request(method, path.format(company_id=company_id), json=body)
    assert answer.status_code == 401
    session.rollback()
    assert session.exec(select(Company).where(Company.name == "Cookie Co")).first() is None
