"""Who may do what: the one table of permissions (issue 11).

Every page, API route, import, export and template asks `can(user, action, ...)`, and the
permission-matrix test derives its expectations from `RULES`, so no route can disagree with
another about a role. A conflict of interest with a company is part of the rule: actions in
`CONFLICT_REFUSED` are refused to a user who declared one, whatever their role.

    can(user, Action.COMPANY_SET_STATUS)                      # role only
    can(user, Action.SCORE, conflicted=True)                  # False: conflict of interest
    can(user, Action.PRFAQ_ARCHIVE, owner_id=draft.created_by_id)  # the author may, too
    can(user, Action.SEE_SCORES_EARLY, settings_on={"partners_see_scores_before_submitting"})

Routes declare `Depends(require(Action.X))`; templates call `can(request.state.user, "x")`.
"""

from enum import StrEnum
from typing import TYPE_CHECKING

from .models import Role

if TYPE_CHECKING:
    from .models import User

ADMIN, PARTNER, ANALYST, VIEWER = Role.ADMIN, Role.PARTNER, Role.ANALYST, Role.VIEWER
EVERYONE = frozenset(Role)
EVALUATORS = frozenset({ADMIN, PARTNER, ANALYST})
DECIDERS = frozenset({ADMIN, PARTNER})
ADMINS = frozenset({ADMIN})


class Action(StrEnum):
    """Everything a signed-in user may or may not do. Values are stable: tests and templates
    use them as strings."""

    # Reading (every role; conflicts hide a company's scores, not the company itself).
    READ = "read"
    OWN_ACCOUNT = "account"  # one's own sessions ("log out everywhere")
    READ_SCORES = "scores.read"
    SEE_SCORES_EARLY = "scores.see_early"  # not blinded before submitting (partners: a setting)
    # Companies and the pipeline.
    COMPANY_CREATE = "company.create"
    COMPANY_EDIT = "company.edit"
    COMPANY_IMPORT = "company.import"
    COMPANY_SET_STATUS = "company.set_status"
    COMPANY_ARCHIVE = "company.archive"
    # Scoring.
    SCORE = "score"
    CONFLICT_DECLARE = "conflict.declare"
    CONFLICT_DECLARE_FOR_OTHERS = "conflict.declare_for_others"
    CONFLICT_REMOVE = "conflict.remove"
    TECHDEBT_EDIT = "techdebt.edit"
    # PR/FAQ drafts.
    PRFAQ_WRITE = "prfaq.write"
    PRFAQ_ARCHIVE = "prfaq.archive"  # any draft; an author archives their own (owner_id)
    PRFAQ_TEMPLATE_MANAGE = "prfaq_template.manage"
    # Worksheets (issue 16). Reading is refused to the conflicted: besides company facts, every
    # worksheet holds the fund's judgement (a classification, a verdict, a surviving share, a
    # margin, add/keep/drop), which is evaluation work like a score.
    WORKSHEET_READ = "worksheet.read"
    WORKSHEET_EDIT = "worksheet.edit"
    MODEL_RELEASE_MARK = "model_release.mark"  # "a new model shipped": stress tests due again
    # The deal workflow (issue 13); moving a card on the board is COMPANY_SET_STATUS.
    ASSIGN = "assignment.create"  # ask evaluators to score a company by a date
    DEAL_OWN = "deal.own"  # may be named a company's deal owner
    COMMENT = "comment"
    COMMENT_EDIT = "comment.edit"  # nobody by role: the author, through OWNER_ALLOWED
    ASSIGNMENT_COMPLETE = "assignment.complete"  # deciders, and the assignee (OWNER_ALLOWED)
    SAVED_VIEW_EDIT = "saved_view.edit"  # nobody by role: a view's owner (OWNER_ALLOWED)
    # Company documents (issue 12): everyone reads them, conflicted users too.
    DOCUMENT_UPLOAD = "document.upload"
    DOCUMENT_ARCHIVE = "document.archive"  # any document; an uploader archives their own
    # Investment committee meetings (issue 14). The chair reveals votes, records decisions and
    # closes the meeting: admins by role, a partner when they chair it (OWNER_ALLOWED).
    MEETING_CREATE = "meeting.create"
    MEETING_EDIT = "meeting.edit"  # title, date, attendees, agenda, while the meeting is open
    MEETING_CHAIR = "meeting.chair"
    MEETING_VOTE = "meeting.vote"  # an attendee's vote on an agenda item
    MEETING_CORRECT = "meeting.correct"  # a correction to a closed meeting's record
    # Rubrics, comparison, administration.
    RUBRIC_MANAGE = "rubric.manage"
    ANCHOR_MANAGE = "anchor.manage"  # valuation anchors per region, stage and currency
    AGREEMENT_READ = "agreement.read"
    EXPORT = "export"
    ADMIN_USERS = "admin.users"
    ADMIN_SETTINGS = "admin.settings"


RULES: dict[Action, frozenset[Role]] = {
    Action.READ: EVERYONE,
    Action.OWN_ACCOUNT: EVERYONE,
    Action.READ_SCORES: EVERYONE,
    Action.SEE_SCORES_EARLY: frozenset({ADMIN, VIEWER}),
    Action.COMPANY_CREATE: EVALUATORS,
    Action.COMPANY_EDIT: EVALUATORS,
    Action.COMPANY_IMPORT: EVALUATORS,
    Action.COMPANY_SET_STATUS: DECIDERS,
    Action.COMPANY_ARCHIVE: DECIDERS,
    Action.SCORE: EVALUATORS,
    Action.CONFLICT_DECLARE: EVALUATORS,
    Action.CONFLICT_DECLARE_FOR_OTHERS: ADMINS,
    Action.CONFLICT_REMOVE: ADMINS,
    Action.TECHDEBT_EDIT: EVALUATORS,
    Action.PRFAQ_WRITE: EVALUATORS,
    Action.PRFAQ_ARCHIVE: DECIDERS,
    Action.PRFAQ_TEMPLATE_MANAGE: ADMINS,
    Action.WORKSHEET_READ: EVERYONE,
    Action.WORKSHEET_EDIT: EVALUATORS,
    Action.MODEL_RELEASE_MARK: ADMINS,
    Action.ASSIGN: DECIDERS,
    Action.DEAL_OWN: DECIDERS,
    Action.COMMENT: EVALUATORS,  # viewers read the conversation, they do not join it
    Action.COMMENT_EDIT: frozenset(),
    Action.ASSIGNMENT_COMPLETE: DECIDERS,
    Action.SAVED_VIEW_EDIT: frozenset(),
    Action.DOCUMENT_UPLOAD: EVALUATORS,
    Action.DOCUMENT_ARCHIVE: DECIDERS,
    Action.MEETING_CREATE: DECIDERS,
    Action.MEETING_EDIT: DECIDERS,
    Action.MEETING_CHAIR: ADMINS,
    Action.MEETING_VOTE: DECIDERS,
    Action.MEETING_CORRECT: DECIDERS,
    Action.RUBRIC_MANAGE: ADMINS,
    Action.ANCHOR_MANAGE: ADMINS,
    Action.AGREEMENT_READ: ADMINS,
    Action.EXPORT: EVERYONE,
    Action.ADMIN_USERS: ADMINS,
    Action.ADMIN_SETTINGS: ADMINS,
}

# Refused to a user conflicted with the company, whatever their role.
CONFLICT_REFUSED = frozenset(
    {
        Action.READ_SCORES,
        Action.SEE_SCORES_EARLY,
        Action.SCORE,
        Action.TECHDEBT_EDIT,
        Action.PRFAQ_WRITE,
        Action.PRFAQ_ARCHIVE,
        Action.WORKSHEET_READ,
        Action.WORKSHEET_EDIT,
        # A conflicted user reads a company's documents but does not shape what the panel
        # reads: no uploads, no archiving (issue 12).
        Action.DOCUMENT_UPLOAD,
        Action.DOCUMENT_ARCHIVE,
        # An IC attendee conflicted with an agenda item's company does not vote on it (issue 14).
        Action.MEETING_VOTE,
    }
)

# Where the owner of a thing (its author) may act although their role alone may not; the
# owner still needs this role set (a viewer never archives, even what they made).
OWNER_ALLOWED: dict[Action, frozenset[Role]] = {
    Action.PRFAQ_ARCHIVE: EVALUATORS,
    Action.COMMENT_EDIT: EVALUATORS,
    Action.ASSIGNMENT_COMPLETE: EVALUATORS,
    Action.SAVED_VIEW_EDIT: EVERYONE,
    Action.DOCUMENT_ARCHIVE: EVALUATORS,
    Action.MEETING_CHAIR: DECIDERS,
}


# Switches on the admin page that extend an action to more roles (AppSetting keys).
SETTING_GRANTS: dict[str, tuple[Action, frozenset[Role]]] = {
    "partners_see_scores_before_submitting": (Action.SEE_SCORES_EARLY, frozenset({PARTNER})),
}


def granting_settings(user: "User", action: Action | str) -> list[str]:
    """The admin switches that would allow `action` to this user's role if they were on."""
    return [
        key
        for key, (granted, roles) in SETTING_GRANTS.items()
        if granted == Action(action) and Role(user.role) in roles
    ]


def roles_for(action: Action | str) -> frozenset[Role]:
    """The roles that may do `action` (ignoring conflicts and ownership)."""
    return RULES[Action(action)]


def can(
    user: "User | None",
    action: Action | str,
    *,
    conflicted: bool = False,
    owner_id: int | None = None,
    settings_on: frozenset[str] | set[str] = frozenset(),
) -> bool:
    """May `user` do `action`? Anonymous users may do nothing; see the module docstring.

    `settings_on` names the admin switches (SETTING_GRANTS) that are on, where they matter."""
    if user is None or not user.is_active:
        return False
    action = Action(action)
    if conflicted and action in CONFLICT_REFUSED:
        return False
    role = Role(user.role)
    if role in RULES[action]:
        return True
    for key in settings_on:
        granted, roles = SETTING_GRANTS.get(key, (None, frozenset()))
        if granted == action and role in roles:
            return True
    return owner_id is not None and owner_id == user.id and role in OWNER_ALLOWED.get(action, ())
