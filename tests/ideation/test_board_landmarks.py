"""Each search landmark of a board page has a name of its own."""

import re

import pytest

SEARCH_FORM = re.compile(r"<form\b[^>]*\brole=\"search\"[^>]*>")
LABEL = re.compile(r'aria-label="([^"]+)"')


@pytest.mark.parametrize("language", ["fr", "en"])
def test_search_landmarks_have_unique_names(
    agent_client, board, english_board, language
):
    page = english_board if language == "en" else board

    body = agent_client.get(page.url).content.decode()

    forms = SEARCH_FORM.findall(body)
    labels = [LABEL.search(form) for form in forms]
    assert len(forms) == 2
    assert all(labels), forms
    names = [label.group(1) for label in labels]
    assert len(set(names)) == len(names)
