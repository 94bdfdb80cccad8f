"""What a virtual evaluator does, one request at a time, as a browser or an API client would.

Each scenario is an async function of a VirtualUser. A 404 means the area is not there yet
(compare and PR/FAQ were being built alongside this): the runner then stops choosing it.
"""

import random
import re
import time
from collections.abc import Awaitable, Callable

import httpx

from .plan import Evaluator, Plan
from .record import Ledger, Stats

# Pages carry the CSRF token in their forms; it is bound to the login session (issue 11).
CSRF_IN_PAGE = re.compile(r'name="csrf_token" value="([^"]+)"')
_BASE_REVISION = re.compile(r'name="base_revision" value="(\d+)"')


class Unavailable(Exception):
    """The scenario's route answered 404: that part of pitchlab is not installed."""


class VirtualUser:
    """One logged-in evaluator: a cookie jar, a bearer token, and what they have opened."""

    def __init__(
        self,
        plan: Plan,
        evaluator: Evaluator,
        number: int,
        client: httpx.AsyncClient,
        ledger: Ledger,
        stats: Stats,
        rng: random.Random,
    ) -> None:
        self.plan, self.evaluator, self.number = plan, evaluator, number
        self.client, self.ledger, self.stats, self.rng = client, ledger, stats, rng
        self.scorecards: dict[int, int] = {}  # company id -> scorecard id
        self.drafts: dict[int, tuple[int, int]] = {}  # company id -> (draft id, revision seen)
        self.sequence = 0
        self.unanswered = 0  # requests that got no answer at all
        self.csrf_token = ""

    def unique_text(self, what: str) -> str:
        self.sequence += 1
        return f"load {self.plan.run_id} u{self.number} #{self.sequence} {what}"

    def page_headers(self, htmx: bool = False) -> dict[str, str]:
        headers = {"X-CSRF-Token": self.csrf_token}
        return headers | ({"HX-Request": "true"} if htmx else {})

    async def request(self, kind: str, method: str, url: str, **kwargs) -> httpx.Response | None:
        """Send one request and time it; None when no answer came (the server went away)."""
        started = time.perf_counter()
        try:
            response = await self.client.request(method, url, **kwargs)
        except httpx.TransportError:
            self.stats.transport_errors[kind] += 1
            self.unanswered += 1
            return None
        self.stats.record(kind, response.status_code, (time.perf_counter() - started) * 1000)
        if response.status_code == 404:
            raise Unavailable(kind)
        return response

    def answer(
        self,
        kind: str,
        response: httpx.Response | None,
        statuses: tuple[int, ...],
        location: str | None = None,
    ) -> tuple[int | None, bool]:
        """The status, and whether it is the answer a stored write gets; odd answers are counted."""
        if response is None:
            return None, False
        found = response.headers.get("location")
        acknowledged = response.status_code in statuses and (location is None or found == location)
        if not acknowledged and response.status_code < 500:
            self.stats.unexpected[(kind, response.status_code, found)] += 1
        return response.status_code, acknowledged

    def remember_token(self, response: httpx.Response | None) -> None:
        found = CSRF_IN_PAGE.search(response.text) if response is not None else None
        if found:
            self.csrf_token = found.group(1)

    async def log_in(self) -> bool:
        self.remember_token(await self.request("login_page", "GET", "/login"))
        response = await self.request(
            "login",
            "POST",
            "/login",
            data={
                "email": self.evaluator.email,
                "password": self.evaluator.password,
                "next": "/",
                "csrf_token": self.csrf_token,
            },
        )
        if response is None or response.status_code != 303:
            return False
        # A page after logging in hands out the token of the new session.
        self.remember_token(await self.request("account_page", "GET", "/account"))
        return True

    def company(self) -> int:
        return self.rng.choice(self.plan.company_ids)

    def score_value(self) -> int:
        return self.rng.randint(*self.plan.scale)


async def api_save(user: VirtualUser) -> None:
    """Save two criteria of one scorecard through the JSON API, with the bearer token."""
    company_id = user.company()
    keys = user.rng.sample(sorted(user.plan.criteria), k=min(2, len(user.plan.criteria)))
    items = [
        {"criterion_key": key, "value": user.score_value(), "rationale": user.unique_text(key)}
        for key in keys
    ]
    response = await user.request(
        "api_save",
        "POST",
        f"/api/v1/companies/{company_id}/scorecards",
        json={"pack_key": user.plan.pack_key, "scores": items},
        headers={"Authorization": f"Bearer {user.evaluator.token}"},
    )
    status, acknowledged = user.answer("api_save", response, (200, 201))
    for item in items:
        target = ("score", user.evaluator.user_id, company_id, item["criterion_key"])
        user.ledger.add(target, item["rationale"], item["value"], status, acknowledged)


async def _scorecard_id(user: VirtualUser, company_id: int) -> int | None:
    if company_id not in user.scorecards:
        response = await user.request(
            "open_scorecard",
            "POST",
            f"/companies/{company_id}/score/{user.plan.pack_key}",
            headers=user.page_headers(),
        )
        if response is None or response.status_code != 303:
            return None
        user.scorecards[company_id] = int(response.headers["location"].rsplit("/", 1)[1])
    return user.scorecards[company_id]


async def page_save(user: VirtualUser) -> None:
    """Save one criterion from the scorecard page, as its htmx form does."""
    company_id = user.company()
    scorecard_id = await _scorecard_id(user, company_id)
    if scorecard_id is None:
        return
    key = user.rng.choice(sorted(user.plan.criteria))
    value, text = user.score_value(), user.unique_text(key)
    response = await user.request(
        "page_save",
        "POST",
        f"/scorecards/{scorecard_id}/criteria/{user.plan.criteria[key]}",
        data={"value": str(value), "rationale": text},
        headers=user.page_headers(htmx=True),
    )
    status, acknowledged = user.answer("page_save", response, (200,))
    target = ("score", user.evaluator.user_id, company_id, key)
    user.ledger.add(target, text, value, status, acknowledged)


async def scorecard_page(user: VirtualUser) -> None:
    company_id = user.company()
    scorecard_id = await _scorecard_id(user, company_id)
    if scorecard_id is not None:
        await user.request("scorecard_page", "GET", f"/scorecards/{scorecard_id}")


async def company_page(user: VirtualUser) -> None:
    await user.request("company_page", "GET", f"/companies/{user.company()}")


async def company_list(user: VirtualUser) -> None:
    await user.request("company_list", "GET", "/companies")


async def compare_page(user: VirtualUser) -> None:
    await user.request("compare", "GET", "/compare")


async def _draft_revision(user: VirtualUser, draft_id: int) -> int | None:
    # What a browser does after the save's redirect: load the editor, which names its revision.
    response = await user.request("prfaq_page", "GET", f"/prfaqs/{draft_id}")
    found = _BASE_REVISION.search(response.text) if response is not None else None
    return int(found.group(1)) if found else None


async def _draft(user: VirtualUser, company_id: int) -> tuple[int, int] | None:
    """The user's draft of this company (started on first use) and the revision to build on."""
    if company_id not in user.drafts:
        response = await user.request(
            "prfaq_create",
            "POST",
            f"/prfaqs/new?company_id={company_id}",
            data={
                "template": str(user.plan.prfaq_template_id),
                "language": "en",
                "title": user.unique_text("draft"),
            },
            headers=user.page_headers(),
        )
        if response is None or response.status_code != 303:
            return None
        user.drafts[company_id] = (int(response.headers["location"].rsplit("/", 1)[1]), None)
    draft_id, revision = user.drafts[company_id]
    if revision is None:
        revision = await _draft_revision(user, draft_id)
        if revision is None:
            return None
        user.drafts[company_id] = (draft_id, revision)
    return draft_id, revision


async def prfaq_save(user: VirtualUser) -> None:
    """Rewrite one section of the user's own PR/FAQ draft of a company."""
    if user.plan.prfaq_template_id is None or user.plan.prfaq_section is None:
        raise Unavailable("prfaq_save")
    company_id = user.company()
    draft = await _draft(user, company_id)
    if draft is None:
        return
    draft_id, revision = draft
    section, text = user.plan.prfaq_section, user.unique_text("section")
    response = await user.request(
        "prfaq_save",
        "POST",
        f"/prfaqs/{draft_id}",
        data={"base_revision": str(revision), f"section-{section}": text},
        headers=user.page_headers(),
    )
    status, acknowledged = user.answer("prfaq_save", response, (303,), f"/prfaqs/{draft_id}")
    user.ledger.add(("prfaq", draft_id, section), text, None, status, acknowledged)
    # After a save the browser follows the redirect to the editor, which names the new revision.
    seen = await _draft_revision(user, draft_id) if acknowledged else None
    user.drafts[company_id] = (draft_id, seen)


Scenario = Callable[[VirtualUser], Awaitable[None]]
# name -> (weight, scenario). Writes dominate: they are what must not be lost.
SCENARIOS: dict[str, tuple[int, Scenario]] = {
    "api_save": (3, api_save),
    "page_save": (3, page_save),
    "prfaq_save": (2, prfaq_save),
    "company_page": (2, company_page),
    "scorecard_page": (1, scorecard_page),
    "company_list": (1, company_list),
    "compare": (1, compare_page),
}
