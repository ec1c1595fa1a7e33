"""Single sign-on views: send the person to the provider, and take them back.

Each flow keeps its ``state``, ``nonce`` and PKCE verifier in the session
under its state, for ten minutes at most; the callback removes the entry
before anything else, so a state value works once.
"""

import logging
import secrets
import time

from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from cms.ratelimit import rate_limited

from .. import account_events
from ..language import language_after_sign_in, url_in_language
from ..models import AccountEventKind
from ..oidc import client
from ..oidc.errors import SingleSignOnError
from ..oidc.users import get_or_create_staff_user
from ..signals import SIGN_IN_METHOD_ATTRIBUTE

logger = logging.getLogger(__name__)

PENDING_SESSION_KEY = "oidc_pending"
ID_TOKEN_SESSION_KEY = "oidc_id_token"
PENDING_MAX_AGE_SECONDS = 10 * 60
# Flows started in other tabs that may still come back.
PENDING_MAX_COUNT = 5
BACKEND = "accounts.backends.EmailBackend"


def get_redirect_uri(request) -> str:
    """Return the callback URL, the same in every language.

    Providers accept only the redirect URIs registered for the client, so
    the French URL, which has no language prefix, serves every language.
    """
    with translation.override("fr"):
        return request.build_absolute_uri(reverse("accounts:oidc_callback"))


def get_safe_next(request) -> str:
    next_url = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return "/"


def remember_flow(request, state: str, flow: dict) -> None:
    now = time.time()
    pending = {
        key: value
        for key, value in request.session.get(PENDING_SESSION_KEY, {}).items()
        if now - value["started"] < PENDING_MAX_AGE_SECONDS
    }
    oldest_first = sorted(pending.items(), key=lambda item: item[1]["started"])
    pending = dict(oldest_first[-(PENDING_MAX_COUNT - 1) :])
    pending[state] = flow
    request.session[PENDING_SESSION_KEY] = pending


def take_flow(request, state: str) -> dict | None:
    """Remove and return the flow started with ``state``, if still valid."""
    pending = request.session.get(PENDING_SESSION_KEY, {})
    flow = pending.pop(state, None) if state else None
    request.session[PENDING_SESSION_KEY] = pending
    if flow is None or time.time() - flow["started"] >= PENDING_MAX_AGE_SECONDS:
        return None
    return flow


def refuse(request, error: SingleSignOnError, language: str | None = None):
    """Record a refused single sign-on and show its message on the sign-in page."""
    logger.warning("single sign-on refused: %s", error)
    account_events.record(
        AccountEventKind.SIGN_IN_SSO_REFUSED, request=request, reason=error.code
    )
    with translation.override(language or translation.get_language()):
        messages.error(request, error.message)
        return HttpResponseRedirect(reverse("accounts:login"))


@require_GET
@rate_limited("sign_in_sso", limit=20, period=60, methods=("GET",))
def start(request):
    """Send the person to the identity provider's authorization endpoint."""
    if not client.is_enabled():
        return refuse(request, SingleSignOnError("disabled"))
    state = secrets.token_urlsafe(32)
    nonce = secrets.token_urlsafe(32)
    verifier, challenge = client.new_pkce_pair()
    try:
        url = client.build_authorization_url(
            get_redirect_uri(request), state, nonce, challenge
        )
    except SingleSignOnError as error:
        return refuse(request, error)
    remember_flow(
        request,
        state,
        {
            "nonce": nonce,
            "verifier": verifier,
            "next": get_safe_next(request),
            "language": translation.get_language(),
            "sign_in_path": request.path_info,
            "started": time.time(),
        },
    )
    return HttpResponseRedirect(url)


@require_GET
@rate_limited("sign_in_sso", limit=20, period=60, methods=("GET",))
def callback(request):
    """Check the provider's answer, then sign the person in."""
    flow = take_flow(request, request.GET.get("state", ""))
    if flow is None:
        return refuse(request, SingleSignOnError("state", "unknown or expired state"))
    language = flow["language"]
    if "error" in request.GET:
        error = SingleSignOnError("provider_error", request.GET.get("error", "")[:100])
        return refuse(request, error, language)
    code = request.GET.get("code", "")
    if not code:
        return refuse(request, SingleSignOnError("invalid_answer", "no code"), language)
    try:
        tokens = client.exchange_code(code, get_redirect_uri(request), flow["verifier"])
        claims = client.verify_id_token(tokens["id_token"], flow["nonce"])
        userinfo = client.fetch_userinfo(tokens.get("access_token", ""), claims["sub"])
        user = get_or_create_staff_user({**claims, **userinfo})
    except SingleSignOnError as error:
        return refuse(request, error, language)
    setattr(request, SIGN_IN_METHOD_ATTRIBUTE, "oidc")
    login(request, user, backend=BACKEND)
    request.session[ID_TOKEN_SESSION_KEY] = tokens["id_token"]
    # Flows started before "sign_in_path" was stored count as unprefixed.
    target_language = language_after_sign_in(
        user, flow["next"], flow.get("sign_in_path", "/")
    )
    logger.info(
        "user %s signed in through single sign-on, in %s", user.pk, target_language
    )
    return HttpResponseRedirect(url_in_language(request, flow["next"], target_language))
