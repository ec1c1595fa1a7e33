"""The OpenID Connect relying party: discovery, keys, tokens and userinfo.

Tested against Keycloak-, LemonLDAP::NG- and ProConnect-style providers by
the test provider in tests/oidc_provider/: a JSON or signed-JWT userinfo
answer (ProConnect signs it), client authentication by HTTP Basic or in the
form body, as the discovery document allows.
"""

import base64
import hashlib
import json
import logging
import secrets
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from joserfc import errors as jose_errors
from joserfc import jwt
from joserfc.jwk import KeySet

from .errors import SingleSignOnError

logger = logging.getLogger(__name__)

METADATA_CACHE_SECONDS = 60 * 60
# Clock difference tolerated between the provider and this server.
LEEWAY_SECONDS = 60
MAX_RESPONSE_BYTES = 1_000_000
# Asymmetric algorithms only: "none" and HMAC (keyed with the client secret)
# are never accepted.
SUPPORTED_ALGORITHMS = {
    "RS256",
    "RS384",
    "RS512",
    "PS256",
    "PS384",
    "PS512",
    "ES256",
    "ES384",
    "ES512",
    "EdDSA",
}
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


def is_enabled() -> bool:
    config = settings.OIDC
    return bool(config["ISSUER"] and config["CLIENT_ID"])


def check_url(url: str, what: str) -> None:
    """Reject provider URLs that are not HTTPS, except on the loopback."""
    parts = urlsplit(url)
    if parts.scheme == "https" or (
        parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS
    ):
        return
    raise SingleSignOnError("provider_unreachable", f"{what} URL {url!r} is not HTTPS")


@dataclass
class HttpAnswer:
    status: int
    content_type: str
    body: bytes

    def json(self) -> dict:
        try:
            value = json.loads(self.body)
        except ValueError as error:
            raise SingleSignOnError("invalid_answer", "body is not JSON") from error
        if not isinstance(value, dict):
            raise SingleSignOnError("invalid_answer", "JSON body is not an object")
        return value


def http_request(url: str, *, form: dict | None = None, headers=None) -> HttpAnswer:
    """Send a GET, or a POST when ``form`` is given, to the provider."""
    data = urlencode(form).encode() if form is not None else None
    request = urllib.request.Request(url, data=data, headers=headers or {})
    request.add_header("Accept", "application/json, application/jwt")
    timeout = settings.OIDC["TIMEOUT"]
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            body = response.read(MAX_RESPONSE_BYTES)
            return HttpAnswer(
                response.status, response.headers.get_content_type(), body
            )
    except urllib.error.HTTPError as error:
        body = error.read(MAX_RESPONSE_BYTES)
        return HttpAnswer(error.code, error.headers.get_content_type(), body)
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        logger.warning("identity provider unreachable at %s: %s", url, error)
        raise SingleSignOnError("provider_unreachable", str(error)) from error


def get_metadata(refresh: bool = False) -> dict:
    """Return the provider's discovery document, cached for an hour."""
    issuer = settings.OIDC["ISSUER"]
    cache_key = f"oidc:metadata:{issuer}"
    metadata = None if refresh else cache.get(cache_key)
    if metadata is not None:
        return metadata
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    check_url(url, "discovery")
    answer = http_request(url)
    if answer.status != 200:
        raise SingleSignOnError(
            "provider_unreachable", f"discovery answered {answer.status}"
        )
    metadata = answer.json()
    # The document must name the configured issuer exactly, so that a
    # document served elsewhere cannot redirect the tokens' checks.
    if metadata.get("issuer") != issuer:
        raise SingleSignOnError(
            "invalid_answer", f"discovery names issuer {metadata.get('issuer')!r}"
        )
    for endpoint in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not metadata.get(endpoint):
            raise SingleSignOnError("invalid_answer", f"discovery lacks {endpoint}")
        check_url(metadata[endpoint], endpoint)
    cache.set(cache_key, metadata, METADATA_CACHE_SECONDS)
    return metadata


def get_keys(metadata: dict, refresh: bool = False) -> KeySet:
    """Return the provider's public keys, cached for an hour."""
    jwks_uri = metadata["jwks_uri"]
    cache_key = f"oidc:jwks:{jwks_uri}"
    document = None if refresh else cache.get(cache_key)
    if document is None:
        answer = http_request(jwks_uri)
        if answer.status != 200:
            raise SingleSignOnError("provider_unreachable", f"JWKS {answer.status}")
        document = answer.json()
        cache.set(cache_key, document, METADATA_CACHE_SECONDS)
    try:
        return KeySet.import_key_set(document)
    except (jose_errors.JoseError, ValueError, KeyError, TypeError) as error:
        raise SingleSignOnError("invalid_answer", f"JWKS: {error}") from error


def allowed_algorithms(metadata: dict, field: str) -> list[str]:
    advertised = metadata.get(field) or ["RS256"]
    return [name for name in advertised if name in SUPPORTED_ALGORITHMS]


def decode_signed(token: str, metadata: dict, algorithms: list[str]) -> dict:
    """Verify a JWT's signature against the provider's keys; return its claims.

    The keys are fetched again once when the first check fails, because the
    provider may have rotated them since they were cached.
    """
    if not algorithms:
        raise SingleSignOnError("invalid_answer", "no supported signing algorithm")
    last_error = None
    for refresh in (False, True):
        keys = get_keys(metadata, refresh=refresh)
        try:
            return jwt.decode(token, keys, algorithms=algorithms).claims
        except (jose_errors.JoseError, ValueError, KeyError, TypeError) as error:
            last_error = error
    logger.warning("identity provider token refused: %r", last_error)
    raise SingleSignOnError("invalid_answer", f"signature: {last_error!r}")


def new_pkce_pair() -> tuple[str, str]:
    """Return a PKCE code verifier and its S256 challenge."""
    verifier = secrets.token_urlsafe(64)
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
    return verifier, challenge


def build_authorization_url(
    redirect_uri: str, state: str, nonce: str, code_challenge: str
) -> str:
    config = settings.OIDC
    metadata = get_metadata()
    parameters = {
        "response_type": "code",
        "client_id": config["CLIENT_ID"],
        "redirect_uri": redirect_uri,
        "scope": " ".join(config["SCOPES"]),
        "state": state,
        "nonce": nonce,
        "code_challenge": code_challenge,
        "code_challenge_method": "S256",
    }
    if config["ACR_VALUES"]:
        parameters["acr_values"] = config["ACR_VALUES"]
    endpoint = metadata["authorization_endpoint"]
    separator = "&" if "?" in endpoint else "?"
    return f"{endpoint}{separator}{urlencode(parameters)}"


def choose_token_auth_method(metadata: dict) -> str:
    configured = settings.OIDC["TOKEN_AUTH_METHOD"]
    if configured:
        return configured
    # Without the field, the specification's default is client_secret_basic.
    supported = metadata.get(
        "token_endpoint_auth_methods_supported", ["client_secret_basic"]
    )
    if "client_secret_basic" in supported:
        return "client_secret_basic"
    return "client_secret_post"


def exchange_code(code: str, redirect_uri: str, code_verifier: str) -> dict:
    """Trade the authorization code for tokens at the token endpoint."""
    config = settings.OIDC
    metadata = get_metadata()
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "code_verifier": code_verifier,
    }
    headers = {}
    if choose_token_auth_method(metadata) == "client_secret_post":
        form["client_id"] = config["CLIENT_ID"]
        form["client_secret"] = config["CLIENT_SECRET"]
    else:
        # RFC 6749 section 2.3.1: both parts are form-encoded before Base64.
        pair = f"{quote(config['CLIENT_ID'], safe='')}:"
        pair += quote(config["CLIENT_SECRET"], safe="")
        headers["Authorization"] = "Basic " + base64.b64encode(pair.encode()).decode()
    answer = http_request(metadata["token_endpoint"], form=form, headers=headers)
    tokens = answer.json()
    if answer.status != 200 or "id_token" not in tokens:
        logger.warning(
            "token endpoint answered %s with error %r",
            answer.status,
            tokens.get("error"),
        )
        raise SingleSignOnError("invalid_answer", f"token endpoint {answer.status}")
    return tokens


def check_claims(claims: dict, nonce: str) -> None:
    """Check the ID token's issuer, audience, dates and nonce."""
    config = settings.OIDC
    registry = jwt.JWTClaimsRegistry(
        leeway=LEEWAY_SECONDS,
        iss={"essential": True, "value": config["ISSUER"]},
        aud={"essential": True, "value": config["CLIENT_ID"]},
        sub={"essential": True},
        exp={"essential": True},
        iat={"essential": True},
    )
    try:
        registry.validate(claims)
    except jose_errors.JoseError as error:
        raise SingleSignOnError(
            "invalid_answer", f"ID token claims: {error}"
        ) from error
    audience = claims["aud"]
    if isinstance(audience, list) and len(audience) > 1:
        if claims.get("azp") != config["CLIENT_ID"]:
            raise SingleSignOnError("invalid_answer", "azp is not this client")
    if not secrets.compare_digest(str(claims.get("nonce", "")), nonce):
        raise SingleSignOnError("invalid_answer", "nonce does not match")


def verify_id_token(id_token: str, nonce: str) -> dict:
    metadata = get_metadata()
    algorithms = allowed_algorithms(metadata, "id_token_signing_alg_values_supported")
    claims = decode_signed(id_token, metadata, algorithms)
    check_claims(claims, nonce)
    return claims


def fetch_userinfo(access_token: str, subject: str) -> dict:
    """Fetch the userinfo claims: JSON, or a JWT signed by the provider.

    ProConnect answers with a signed JWT; Keycloak and LemonLDAP::NG answer
    JSON unless configured to sign. Either way the subject must be the ID
    token's.

    NOTE: an encrypted (JWE) answer is not supported and is rejected as
    invalid; configure the provider to sign only.
    """
    metadata = get_metadata()
    endpoint = metadata.get("userinfo_endpoint")
    if not endpoint or not access_token:
        return {}
    check_url(endpoint, "userinfo")
    answer = http_request(endpoint, headers={"Authorization": f"Bearer {access_token}"})
    if answer.status != 200:
        raise SingleSignOnError("invalid_answer", f"userinfo answered {answer.status}")
    if answer.content_type == "application/jwt":
        algorithms = allowed_algorithms(
            metadata, "userinfo_signing_alg_values_supported"
        ) or allowed_algorithms(metadata, "id_token_signing_alg_values_supported")
        claims = decode_signed(
            answer.body.decode("ascii", "replace"), metadata, algorithms
        )
        check_userinfo_origin(claims)
    else:
        claims = answer.json()
    if claims.get("sub") != subject:
        raise SingleSignOnError("invalid_answer", "userinfo subject differs")
    return claims


def check_userinfo_origin(claims: dict) -> None:
    """Check ``iss`` and ``aud`` of a signed userinfo answer, when present."""
    config = settings.OIDC
    if "iss" in claims and claims["iss"] != config["ISSUER"]:
        raise SingleSignOnError("invalid_answer", "userinfo issuer differs")
    if "aud" in claims:
        audience = claims["aud"]
        audiences = audience if isinstance(audience, list) else [audience]
        if config["CLIENT_ID"] not in audiences:
            raise SingleSignOnError("invalid_answer", "userinfo audience differs")
    if "exp" in claims and claims["exp"] < time.time() - LEEWAY_SECONDS:
        raise SingleSignOnError("invalid_answer", "userinfo expired")


def build_logout_url(request) -> str | None:
    """Return the provider's logout URL for a single sign-on session, or None."""
    id_token = request.session.get("oidc_id_token")
    if not id_token or not is_enabled():
        return None
    try:
        endpoint = get_metadata().get("end_session_endpoint")
    except SingleSignOnError:
        return None
    if not endpoint:
        return None
    parameters = {
        "id_token_hint": id_token,
        "state": secrets.token_urlsafe(16),
        "post_logout_redirect_uri": request.build_absolute_uri(
            reverse("accounts:signed_out")
        ),
    }
    separator = "&" if "?" in endpoint else "?"
    return f"{endpoint}{separator}{urlencode(parameters)}"
