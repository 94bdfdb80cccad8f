"""Issue 12's figures for `pitchlab bench`: a 40-page deck's upload and extraction, a cached
page image, and search over the portfolio with a 20-page deck for every company."""

import itertools
import random
import statistics
import time

from sqlalchemy import insert, select
from sqlmodel import Session

from ..models import Company, Document, DocumentPage, User
from .intake import accept_upload
from .jobs import run_extraction
from .pdfdeck import Slide, deck_pdf
from .text import search_terms

TARGET_UPLOAD_S = 5.0
TARGET_IMAGE_MS = 50
TARGET_SEARCH_MS = 100
DECK_PAGES = 40
PORTFOLIO_PAGES = 20
SEARCHES = [
    "inference cost margin",
    "retention churn",
    "数据 授权",
    "open-source community",
    "customer interviews",
    "退换货",
    "Clausemint",
    "gross margin",
]
# Page texts for the generated portfolio: a few hundred distinct pages, each segmented once.
PAGE_TOPICS = [
    "Problem: {c} customers lose {n} hours a week reviewing documents by hand.",
    "Traction: {n} paying customers, net revenue retention {n} percent, churn under 2 percent.",
    "Model and data: fine-tuned open-weights model, {n} million labelled examples with rights.",
    "Costs: gross margin {n} percent after inference and hosting; cost per request 0.{n} dollars.",
    "Team: founders spent {n} years in the domain; design partners opened doors.",
    "Competition: manual work, in-house builds and closed API wrappers; we win on integration.",
    "Community: {n} outside contributors to our open-source library.",
    "问题：{c} 的客户每周花 {n} 小时处理退换货和物流查询。",
    "数据：我们拥有 {n} 万张获得授权使用的标注图像。",
    "收入：年度经常性收入 {n} 万元，毛利率 {n}%。",
]


def _deck(pages: int) -> bytes:
    slides = [
        Slide(
            f"Slide {n}: {PAGE_TOPICS[n % 7].split(':')[0]}",
            [PAGE_TOPICS[n % 7].format(c="Bench", n=n), "Detail line " * 8],
        )
        for n in range(1, pages + 1)
    ]
    return deck_pdf(slides)


def time_upload(engine, settings, user_id: int, company_id: int) -> tuple[float, int]:
    """Seconds from the upload's bytes to a ready document, the way the route does it."""
    data = _deck(DECK_PAGES)
    started = time.perf_counter()
    with Session(engine) as session:
        user = session.get(User, user_id)
        document = accept_upload(
            session,
            company_id=company_id,
            kind="deck",
            filename="bench.pdf",
            data=data,
            user=user,
            settings=settings,
        )
        document_id = document.id
    run_extraction(engine, document_id, max_pages=settings.document_max_pages)
    elapsed = time.perf_counter() - started
    with Session(engine) as session:
        assert session.get(Document, document_id).status == "ready"
    return elapsed, document_id


def add_portfolio_decks(engine, *, pages: int = PORTFOLIO_PAGES, seed: int = 12) -> int:
    """A ready 20-page deck for every company, inserted in bulk; returns pages written."""
    rng = random.Random(seed)
    variants = [
        (topic.format(c=f"Firm{v}", n=rng.randint(2, 90)),)
        for v, topic in itertools.product(range(40), PAGE_TOPICS)
    ]
    variants = [(text, search_terms(text)) for (text,) in variants]
    written = 0
    with Session(engine) as session:
        companies = session.execute(select(Company.id)).scalars().all()
        user_id = session.execute(select(User.id)).scalars().first()
        for company_id in companies:
            document = Document(
                company_id=company_id,
                kind="one-pager",
                filename="deck.pdf",
                content_type="application/pdf",
                sha256=f"{company_id:064d}",
                size=1,
                page_count=pages,
                status="ready",
                uploaded_by_id=user_id,
            )
            session.add(document)
            session.flush()
            rows = []
            for number in range(1, pages + 1):
                text, terms = variants[rng.randrange(len(variants))]
                rows.append(
                    {
                        "document_id": document.id,
                        "number": number,
                        "title": text.split("：")[0].split(":")[0],
                        "text": text,
                        "notes": "",
                        "terms": terms,
                    }
                )
            session.execute(insert(DocumentPage), rows)
            written += len(rows)
        session.commit()
    return written


def median_ms(seconds: list[float]) -> float:
    return statistics.median(seconds) * 1000


def document_figures(app, counter, headers: dict, admin_id: int, runs: int) -> dict:
    """Measure issue 12's three figures on the benchmark's app and database."""
    from urllib.parse import quote

    from ..bench import _get, _measure

    engine, settings = app.state.engine, app.state.settings
    with Session(engine) as session:
        company_id = session.execute(select(Company.id)).scalars().first()
    upload_s, document_id = time_upload(engine, settings, admin_id, company_id)
    image_path = f"/api/v1/documents/{document_id}/pages/1/image"
    _get(app, image_path, headers)  # renders and caches the page
    image = _measure(app, counter, image_path, headers, max(runs * 2, 5))
    started = time.perf_counter()
    pages = add_portfolio_decks(engine)
    generated = time.perf_counter() - started
    searches = []
    for query in SEARCHES:
        path = f"/api/v1/search?q={quote(query)}"
        _get(app, path, headers)  # warm-up: jieba's dictionary, statement caches
        searches.extend(_measure(app, counter, path, headers, max(runs, 3)).seconds)
    return {
        "upload_s": upload_s,
        "image_ms": image.median * 1000,
        "pages": pages,
        "pages_generate_s": generated,
        "search_p50_ms": median_ms(searches),
        "search_p90_ms": statistics.quantiles(searches, n=10)[-1] * 1000,
    }


def report_documents(figures: dict, out, mark) -> None:
    out(
        f"documents: upload and extraction of a {DECK_PAGES}-page PDF {figures['upload_s']:.2f} s "
        f"[target < {TARGET_UPLOAD_S:g} s: {mark(figures['upload_s'] < TARGET_UPLOAD_S)}]; "
        f"cached page image {figures['image_ms']:.1f} ms "
        f"[target < {TARGET_IMAGE_MS} ms: {mark(figures['image_ms'] < TARGET_IMAGE_MS)}]"
    )
    out(
        f"search over {figures['pages']:,} document pages ({PORTFOLIO_PAGES} per company, "
        f"generated in {figures['pages_generate_s']:.1f} s) plus companies, notes and "
        f"rationales: p50 {figures['search_p50_ms']:.0f} ms, p90 {figures['search_p90_ms']:.0f} ms "
        f"[target p50 < {TARGET_SEARCH_MS} ms: {mark(figures['search_p50_ms'] < TARGET_SEARCH_MS)}]"
    )
