"""Phases of the Smart Lab challenges and what each one allows.

A general board always lets people post (unless its editors closed it), vote
and comment. A challenge follows its ``ChallengeState``: moving to a phase
sets the switches to that phase's defaults, and facilitators may then change
each switch on its own.
"""

import datetime
import logging
from dataclasses import dataclass

from django.db import transaction

from . import permissions
from .errors import IdeationError
from .models import ChallengeState, IdeaBoardPage, Phase

logger = logging.getLogger(__name__)

# (posting, voting, commenting) when a challenge enters each phase.
PHASE_DEFAULTS = {
    Phase.SUBMISSION: (True, True, True),
    Phase.VOTING: (False, True, True),
    Phase.RESULTS: (False, False, True),
}

NEXT_PHASE = {Phase.SUBMISSION: Phase.VOTING, Phase.VOTING: Phase.RESULTS}


@dataclass(frozen=True)
class BoardRules:
    phase: str | None
    phase_ends_at: datetime.datetime | None
    posting: bool
    voting: bool
    commenting: bool
    counts_hidden: bool


def get_state(board: IdeaBoardPage) -> ChallengeState | None:
    """Return the live state of a challenge, created at its first use."""
    board = board.specific
    if not getattr(board, "is_challenge", False):
        return None
    state, _created = ChallengeState.objects.get_or_create(board_key=board.board_key)
    return state


def get_rules(board: IdeaBoardPage) -> BoardRules:
    state = get_state(board)
    if state is None:
        return BoardRules(
            phase=None,
            phase_ends_at=None,
            posting=board.accepts_ideas,
            voting=True,
            commenting=True,
            counts_hidden=False,
        )
    return BoardRules(
        phase=state.phase,
        phase_ends_at=state.phase_ends_at,
        posting=board.accepts_ideas and state.posting_open,
        voting=state.voting_open,
        commenting=state.commenting_open,
        counts_hidden=state.counts_hidden,
    )


def check_facilitator(user, board: IdeaBoardPage) -> None:
    if not permissions.is_facilitator(user, board):
        raise IdeationError("facilitators_only")


def set_phase(
    user, board: IdeaBoardPage, phase: str, ends_at: datetime.datetime | None = None
) -> ChallengeState:
    """Move a challenge to ``phase`` and tell every page that shows it."""
    from .live import broadcast_phase

    check_facilitator(user, board)
    if phase not in Phase.values:
        raise ValueError(f"phase must be one of {Phase.values}, not {phase!r}")
    posting, voting, commenting = PHASE_DEFAULTS[Phase(phase)]
    with transaction.atomic():
        state = get_state(board)
        if state is None:
            raise IdeationError("board_not_found")
        state.phase = phase
        state.phase_ends_at = ends_at
        state.posting_open = posting
        state.voting_open = voting
        state.commenting_open = commenting
        state.save()
        broadcast_phase(board, state)
    logger.info("challenge %s moved to %s by user %s", board.pk, phase, user.pk)
    return state


def set_switches(user, board: IdeaBoardPage, **switches) -> ChallengeState:
    """Open or close posting, voting, commenting, or hide the vote counts."""
    from .live import broadcast_phase

    check_facilitator(user, board)
    allowed = {"posting_open", "voting_open", "commenting_open", "hide_vote_counts"}
    unknown = set(switches) - allowed
    if unknown:
        raise ValueError(f"unknown switches {sorted(unknown)}: use {sorted(allowed)}")
    with transaction.atomic():
        state = get_state(board)
        if state is None:
            raise IdeationError("board_not_found")
        for name, value in switches.items():
            setattr(state, name, bool(value))
        state.save()
        broadcast_phase(board, state)
    logger.info("challenge %s switches %s by user %s", board.pk, switches, user.pk)
    return state
