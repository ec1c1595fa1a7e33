"""Deletes of rows that no signal concerns stay one DELETE statement.

Django reads every row before a queryset delete when any ``post_delete``
receiver listens to the model, so the receivers for page deletions name
``Page`` as their sender instead of listening to every model.
"""

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.models.deletion import Collector
from django.test.utils import CaptureQueriesContext

from ideation import services
from ideation.models import Follow, Notification, Vote


@pytest.mark.parametrize("model", [Vote, Follow, Notification, Session])
def test_queryset_delete_is_fast(model):
    collector = Collector(using="default", origin=None)

    assert collector.can_fast_delete(model.objects.all())


@pytest.mark.django_db
def test_unvote_runs_no_select_of_votes(agent, other_agent, board):
    idea = services.post_idea(agent, board, "Un fablab mobile", "")
    services.set_vote(other_agent, idea.pk, True)

    with CaptureQueriesContext(connection) as queries:
        services.set_vote(other_agent, idea.pk, False)

    vote_selects = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith("SELECT")
        and "ideation_vote" in query["sql"]
    ]
    assert vote_selects == []
    assert not Vote.objects.filter(idea=idea).exists()
