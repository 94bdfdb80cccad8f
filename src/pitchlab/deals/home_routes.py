"""The home page: a dashboard for the signed-in person (issue 13)."""

from fastapi import APIRouter, Request

from ..auth.deps import UserDep
from ..db import SessionDep
from ..web.templating import render
from .assignments import today
from .home import CHART_WIDTH, home_for, panel_watch

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/")
def home(request: Request, session: SessionDep, user: UserDep):
    """My queue, what is late, what changed, where the panel disagrees, the pipeline."""
    context = {"home": home_for(session, user), "today": today(), "chart_width": CHART_WIDTH}
    return render(request, "deals/home.html", context)


@router.get("/home/disagreement")
def home_disagreement(request: Request, session: SessionDep, user: UserDep):
    """The home page's "where the panel disagrees most" and deal-breakers, loaded after it."""
    context = panel_watch(session, user)
    return render(request, "deals/disagreement.html", context, partial="deals/_disagreement.html")
