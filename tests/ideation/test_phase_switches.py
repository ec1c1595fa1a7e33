"""The phase page's rules: posting, voting, commenting and hidden counts,
changed within a phase by a facilitator and pushed to every screen."""

import re

from django.urls import reverse

from ideation import challenges
from ideation.models import Phase


def page_url(challenge) -> str:
    return reverse("ideation:phase", args=[challenge.pk])


def switches_url(challenge) -> str:
    return reverse("ideation:phase_rules", args=[challenge.pk])


def checked_boxes(body: str) -> set[str]:
    boxes = re.findall(r'<input type="checkbox" name="(\w+)"[^>]*>', body)
    return {
        name
        for name, tag in zip(
            boxes, re.findall(r'<input type="checkbox"[^>]*>', body), strict=True
        )
        if "checked" in tag
    }


def test_page_shows_current_rules(facilitator_client, challenge):
    body = facilitator_client.get(page_url(challenge)).content.decode()

    assert "Règles de la phase en cours" in body
    assert checked_boxes(body) == {"posting_open", "voting_open", "commenting_open"}


def test_facilitator_closes_votes_and_hides_counts(
    facilitator_client, challenge, sent_messages, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = facilitator_client.post(
            switches_url(challenge),
            {"posting_open": "on", "hide_vote_counts": "on"},
        )

    rules = challenges.get_rules(challenge)
    assert response.status_code == 302
    assert rules.phase == Phase.SUBMISSION
    assert rules.posting is True
    assert rules.voting is False
    assert rules.commenting is False
    assert rules.counts_hidden is True
    assert [message["type"] for _, message in sent_messages] == [
        "challenge.phase_changed"
    ]
    assert 'data-voting="closed"' in sent_messages[0][1]["html"]["fr"]


def test_next_phase_resets_the_rules(facilitator, facilitator_client, challenge):
    facilitator_client.post(switches_url(challenge), {})

    challenges.set_phase(facilitator, challenge, Phase.VOTING)

    rules = challenges.get_rules(challenge)
    assert rules.voting is True
    assert rules.commenting is True


def test_participant_cannot_change_rules(agent_client, challenge):
    response = agent_client.post(switches_url(challenge), {"posting_open": "on"})

    rules = challenges.get_rules(challenge)
    assert response.status_code == 403
    assert rules.voting is True
    assert rules.commenting is True


def test_page_forms_post_to_own_views(facilitator_client, challenge):
    body = facilitator_client.get(page_url(challenge)).content.decode()

    phase_form = re.search(r"<form [^>]*phase-control__form[^>]*>", body)
    rules_form = re.search(r"<form [^>]*phase-control__switches[^>]*>", body)
    assert f'action="{page_url(challenge)}"' in phase_form.group()
    assert f'action="{switches_url(challenge)}"' in rules_form.group()
    assert 'name="form"' not in body


def test_rules_view_redirects_to_page(facilitator_client, challenge):
    response = facilitator_client.post(switches_url(challenge), {"posting_open": "on"})

    assert response.status_code == 302
    assert response["Location"] == page_url(challenge)


def test_rules_view_rejects_get(facilitator_client, challenge):
    response = facilitator_client.get(switches_url(challenge))

    assert response.status_code == 405


def test_phase_view_ignores_rule_fields(facilitator_client, challenge):
    """The phase view reads only the phase form: rule fields posted to it
    leave the rules alone and the missing phase is an error."""
    response = facilitator_client.post(
        page_url(challenge), {"form": "switches", "posting_open": "on"}
    )

    rules = challenges.get_rules(challenge)
    assert response.status_code == 400
    assert rules.voting is True
    assert rules.commenting is True
