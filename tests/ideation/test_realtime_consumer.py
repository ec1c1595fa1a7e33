"""The live board over a real consumer: resync, batching, heartbeats,
presence, and closing on sign-out and deactivation."""

import asyncio
import re

import pytest
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client
from django.urls import reverse

from cms.asgi import application
from ideation import services
from tests.ideation.conftest import HTMX, make_user
from tests.ideation.test_ideation_consumer import (
    RECEIVE_TIMEOUT,
    event_of,
    make_communicator,
    run_sync,
    sequence_of,
)

FIRST_SEQUENCE_PATTERN = re.compile(r'data-first-sequence="(\d+)"')
PRESENCE_COUNT_PATTERN = re.compile(r'data-count="(\d+)"')


async def receive_until(communicator, event: str, timeout=RECEIVE_TIMEOUT) -> str:
    """Return the next message of ``event``, skipping the others."""
    while True:
        message = await communicator.receive_from(timeout=timeout)
        if event_of(message) == event:
            return message


async def receive_board_message(communicator, timeout=RECEIVE_TIMEOUT) -> str | None:
    """Return the next numbered board message, or None after ``timeout``
    seconds without one; heartbeats and presence counts are skipped."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        remaining = deadline - asyncio.get_running_loop().time()
        if remaining <= 0 or await communicator.receive_nothing(timeout=remaining):
            return None
        message = await communicator.receive_from()
        if event_of(message) not in {"heartbeat", "presence"}:
            return message


def first_sequence_of(message: str) -> int:
    match = FIRST_SEQUENCE_PATTERN.search(message)
    assert match, f"no data-first-sequence in {message!r}"
    return int(match.group(1))


async def receive_presence(communicator, expected: int) -> str:
    """Return the first presence message that counts ``expected`` people.

    Joins less than a second apart may be counted in one update or two.
    """
    counts = []
    while True:
        message = await receive_until(communicator, "presence")
        counts.append(int(PRESENCE_COUNT_PATTERN.search(message).group(1)))
        if counts[-1] == expected:
            return message
        assert len(counts) < 5, f"presence counts {counts}, expected {expected}"


def count_in(message: str, idea_id: int) -> int:
    match = re.search(rf'<span id="idea-{idea_id}-votes"[^>]*>(\d+)</span>', message)
    assert match, f"no count of idea {idea_id} in {message!r}"
    return int(match.group(1))


@pytest.fixture
def board(partner_challenge):
    """The board these sockets watch: several connect signed out, and
    signed-out visitors read only the challenges open to partners."""
    return partner_challenge


@pytest.fixture
def watcher_session(other_agent):
    """The session key of a signed-in watcher, as a browser cookie holds it."""
    client = Client()
    client.force_login(other_agent)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def vote_as(user, idea_id: int):
    client = Client()
    client.force_login(user)
    return client.post(reverse("ideation:vote", args=[idea_id]), {"voted": "1"}, **HTMX)


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_resync_after_missed_messages_gives_state(
    fresh_channel_layers, board, idea, agent, watcher_session
):
    communicator = make_communicator(board.board_key, session_key=watcher_session)
    await communicator.connect()
    await receive_until(communicator, "heartbeat")
    voters = [await run_sync(make_user, f"Votant{index}", "Test") for index in range(3)]
    for voter in voters:
        await run_sync(vote_as, voter, idea.pk)
    missed = await run_sync(services.post_idea, agent, board, "Idée manquée", "")
    # The socket delivered these; the client is assumed to have lost them.
    while await communicator.receive_nothing(timeout=0.4) is False:
        await communicator.receive_from()

    await communicator.send_json_to({"type": "board.resync"})
    state = await receive_until(communicator, "board.state")

    assert sequence_of(state) == await run_sync(
        services.get_board_sequence, board.board_key
    )
    assert f'id="idea-{missed.pk}"' in state
    assert count_in(state, idea.pk) == 3
    assert 'id="idea-list" hx-swap-oob="outerHTML"' in state
    await communicator.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_resync_is_refused_when_board_unpublished(
    fresh_channel_layers, board, watcher_session
):
    communicator = make_communicator(board.board_key, session_key=watcher_session)
    await communicator.connect()
    await receive_until(communicator, "heartbeat")
    await run_sync(board.unpublish)

    await communicator.send_json_to({"type": "board.resync"})
    output = await communicator.receive_output(timeout=RECEIVE_TIMEOUT)

    assert output["type"] == "websocket.close"
    assert output["code"] == 4003


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_votes_held_then_sent_as_one_batch(
    fresh_channel_layers, settings, board, idea, agent
):
    settings.IDEATION_VOTE_COALESCE_MS = 60_000
    communicator = make_communicator(board.board_key)
    await communicator.connect()
    heartbeat = await receive_until(communicator, "heartbeat")
    voters = [await run_sync(make_user, f"Votant{index}", "Test") for index in range(5)]
    await run_sync(vote_as, voters[0], idea.pk)
    first = await receive_board_message(communicator)
    for voter in voters[1:]:
        await run_sync(vote_as, voter, idea.pk)
    held = await receive_board_message(communicator, timeout=0.5)

    new_idea = await run_sync(services.post_idea, agent, board, "Tout de suite", "")
    batch = await receive_board_message(communicator)
    card = await receive_board_message(communicator)

    # The first vote goes out at once; the next four wait for the window,
    # but a new idea is not held and takes the waiting counts with it.
    assert count_in(first, idea.pk) == 1
    assert held is None
    assert event_of(batch) == "idea.votes_changed"
    assert count_in(batch, idea.pk) == 5
    assert first_sequence_of(batch) == sequence_of(heartbeat) + 2
    assert sequence_of(batch) == sequence_of(heartbeat) + 5
    assert event_of(card) == "idea.posted"
    assert sequence_of(card) == sequence_of(batch) + 1
    assert f'id="idea-{new_idea.pk}"' in card
    await communicator.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_held_votes_sent_after_window(
    fresh_channel_layers, settings, board, idea, other_agent
):
    settings.IDEATION_VOTE_COALESCE_MS = 300
    communicator = make_communicator(board.board_key)
    await communicator.connect()
    await receive_until(communicator, "heartbeat")

    second_voter = await run_sync(make_user, "Votant", "Test")
    await run_sync(vote_as, other_agent, idea.pk)
    await run_sync(vote_as, second_voter, idea.pk)
    messages = [await receive_board_message(communicator)]
    if count_in(messages[0], idea.pk) < 2:
        messages.append(await receive_board_message(communicator))

    assert count_in(messages[-1], idea.pk) == 2
    assert all(event_of(message) == "idea.votes_changed" for message in messages)
    await communicator.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_heartbeat_repeats_and_silent_socket_closes(
    fresh_channel_layers, settings, board, watcher_session
):
    settings.IDEATION_HEARTBEAT_SECONDS = 0.2
    silent = make_communicator(board.board_key, session_key=watcher_session)
    answering = make_communicator(board.board_key)
    await silent.connect()
    await answering.connect()

    heartbeats = 0
    for _round in range(6):
        await receive_until(answering, "heartbeat")
        await answering.send_json_to({"type": "board.pong"})
        heartbeats += 1
    output = await silent.receive_output(timeout=RECEIVE_TIMEOUT)
    while output["type"] != "websocket.close":
        output = await silent.receive_output(timeout=RECEIVE_TIMEOUT)

    assert heartbeats == 6
    assert output["code"] == 4008
    await answering.send_json_to({"type": "board.resync"})
    assert await receive_until(answering, "board.state")
    await answering.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_sign_out_closes_socket(fresh_channel_layers, board, other_agent):
    client = Client()
    await run_sync(client.force_login, other_agent)
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    communicator = make_communicator(board.board_key, session_key=session_key)
    await communicator.connect()
    await receive_until(communicator, "heartbeat")

    await run_sync(client.post, reverse("accounts:logout"))
    output = await communicator.receive_output(timeout=RECEIVE_TIMEOUT)
    while output["type"] != "websocket.close":
        output = await communicator.receive_output(timeout=RECEIVE_TIMEOUT)

    assert output["code"] == 4001


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_deactivation_closes_socket(
    fresh_channel_layers, board, other_agent, agent, watcher_session
):
    watcher = make_communicator(board.board_key, session_key=watcher_session)
    client = Client()
    await run_sync(client.force_login, agent)
    bystander = make_communicator(
        board.board_key, session_key=client.cookies[settings.SESSION_COOKIE_NAME].value
    )
    await watcher.connect()
    await bystander.connect()
    await receive_until(watcher, "heartbeat")

    other_agent.is_active = False
    await run_sync(other_agent.save)
    output = await watcher.receive_output(timeout=RECEIVE_TIMEOUT)
    while output["type"] != "websocket.close":
        output = await watcher.receive_output(timeout=RECEIVE_TIMEOUT)

    assert output["code"] == 4001
    # The other person's socket stays open and answers.
    await bystander.send_json_to({"type": "board.resync"})
    assert await receive_until(bystander, "board.state")
    await bystander.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_presence_counts_people_not_tabs(
    fresh_channel_layers, board, watcher_session
):
    first_tab = make_communicator(board.board_key, session_key=watcher_session)
    second_tab = make_communicator(board.board_key, session_key=watcher_session)
    visitor = make_communicator(board.board_key)
    for communicator in (first_tab, second_tab, visitor):
        await communicator.connect()

    joined = await receive_presence(first_tab, 2)
    await visitor.disconnect()
    left = await receive_presence(first_tab, 1)

    assert "2 personnes sur ce tableau" in joined
    assert "1 personne sur ce tableau" in left
    await first_tab.disconnect()
    await second_tab.disconnect()


def anonymous_from(board_key, address: str):
    communicator = make_communicator(board_key)
    # The application reads the scope at its first step, after this.
    communicator.scope["client"] = (address, 50_000)
    return communicator


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_presence_counts_anonymous_addresses(fresh_channel_layers, board):
    same_machine = [anonymous_from(board.board_key, "10.0.0.7") for _ in range(3)]
    other_machine = anonymous_from(board.board_key, "10.0.0.8")
    for communicator in (*same_machine, other_machine):
        await communicator.connect()

    both = await receive_presence(same_machine[0], 2)
    await other_machine.disconnect()
    one = await receive_presence(same_machine[0], 1)

    assert "2 personnes sur ce tableau" in both
    assert "1 personne sur ce tableau" in one
    for communicator in same_machine:
        await communicator.disconnect()


@pytest.mark.django_db
@pytest.mark.parametrize("htmx", [False, True])
def test_board_responses_vary_on_htmx(board, idea, agent_client, htmx):
    headers = HTMX if htmx else {}
    responses = [
        agent_client.get(board.url, **headers),
        agent_client.get(reverse("ideation:ideas", args=[board.pk]), **headers),
        agent_client.post(
            reverse("ideation:vote", args=[idea.pk]), {"voted": "1"}, **headers
        ),
    ]

    for response in responses:
        assert "HX-Request" in response.get("Vary", ""), response.request["PATH_INFO"]


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_new_notification_updates_bell_on_follower_socket(
    fresh_channel_layers, board, agent, other_agent, watcher_session
):
    from ideation.comments import post_comment

    idea = await run_sync(services.post_idea, other_agent, board, "Un atelier", "")
    follower = make_communicator(board.board_key, session_key=watcher_session)
    client = Client()
    await run_sync(client.force_login, agent)
    commenter = make_communicator(
        board.board_key, session_key=client.cookies[settings.SESSION_COOKIE_NAME].value
    )
    await follower.connect()
    await commenter.connect()
    await receive_until(follower, "heartbeat")

    await run_sync(post_comment, agent, idea.pk, "Bonne idée !")

    bell = await receive_until(follower, "bell")
    assert 'data-count="1"' in bell
    assert "1 notification non lue du Smart Lab" in bell
    # Only the notified person hears of it, never the commenter.
    while not await commenter.receive_nothing(timeout=1):
        assert event_of(await commenter.receive_from()) != "bell"
    await follower.disconnect()
    await commenter.disconnect()


@pytest.fixture
def agent_session(agent):
    """The session key of a second signed-in watcher."""
    client = Client()
    client.force_login(agent)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


async def open_in_language(board_key, session_key, language: str):
    communicator = make_communicator(board_key, session_key=session_key)
    await communicator.connect()
    # As board.js does once the socket is open.
    await communicator.send_json_to({"type": "board.language", "language": language})
    return communicator


async def receive_presences(communicator, seconds: float) -> list[str]:
    """Return every presence message received within ``seconds``."""
    messages = []
    deadline = asyncio.get_running_loop().time() + seconds
    while True:
        remaining = deadline - asyncio.get_running_loop().time()
        if remaining <= 0 or await communicator.receive_nothing(timeout=remaining):
            return messages
        message = await communicator.receive_from()
        if event_of(message) == "presence":
            messages.append(message)


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_presence_in_each_socket_language(
    fresh_channel_layers, board, agent_session, watcher_session
):
    french = await open_in_language(board.board_key, agent_session, "fr")
    await receive_presence(french, 1)
    english = await open_in_language(board.board_key, watcher_session, "en")
    await receive_presence(english, 2)
    # The English reader opens another page of the board: the new socket
    # joins while the count is still 2, so no recount follows.
    await english.disconnect()
    english_again = await open_in_language(board.board_key, watcher_session, "en")

    seen = await receive_presences(english_again, 3)

    assert seen, "the new socket got no presence count"
    assert "2 people on this board" in seen[-1]
    for communicator in (french, english_again):
        await communicator.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_presence_first_count_in_url_language(
    fresh_channel_layers, board, watcher_session
):
    """A socket opened with ?lang=en gets its first count in English,
    before the page sends its language."""
    cookie = f"{settings.SESSION_COOKIE_NAME}={watcher_session}"
    english = WebsocketCommunicator(
        application,
        f"/ws/lab/boards/{board.board_key}/?lang=en",
        headers=[(b"origin", b"http://testserver"), (b"cookie", cookie.encode())],
    )
    await english.connect()

    seen = await receive_presences(english, 3)

    assert seen, "the socket got no presence count"
    assert "1 person on this board" in seen[0]
    await english.disconnect()


def test_board_pages_open_socket_in_their_language(agent_client, board):
    french = agent_client.get(board.url)
    english = agent_client.get(f"/en{board.url}")

    assert f"/ws/lab/boards/{board.board_key}/?lang=fr" in french.content.decode()
    assert f"/ws/lab/boards/{board.board_key}/?lang=en" in english.content.decode()
