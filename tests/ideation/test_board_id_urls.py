"""Board addresses with an id past 64 bits match no route: 404, not 500."""

import pytest

from ideation.models import FeedToken

# Board pages are looked up by page_ptr, a one-to-one link. A 20-digit id
# there raised OverflowError on SQLite (HTTP 500), while an idea's plain
# integer key returns 404.
TOO_LONG_ID = "9" * 20
BOARD_PATHS = [
    "ideas/",
    "similar/",
    "phase/",
    "projection/",
    "export.csv",
    "feed/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", BOARD_PATHS)
def test_board_path_long_id_not_found(agent_client, suffix):
    response = agent_client.get(f"/lab/boards/{TOO_LONG_ID}/{suffix}")

    assert response.status_code == 404


@pytest.mark.django_db
def test_feed_long_board_id_not_found(client, agent):
    token = FeedToken.objects.create(user=agent, token=FeedToken.new_token()).token

    response = client.get(f"/lab/feeds/{token}/boards/{TOO_LONG_ID}.atom")

    assert response.status_code == 404
