"""The provider's HTTP server, run in a thread with http.server."""

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

KEY_ID = "provider-key-1"


@dataclass
class Identity:
    """The person the provider signs in."""

    subject: str = "agent-0001"
    email: str = "camille.martin@departement.example"
    given_name: str = "Camille"
    family_name: str = "Martin"
    email_verified: bool | None = True


@dataclass
class Behaviour:
    """What the provider does, including deliberate faults."""

    userinfo_as_jwt: bool = False
    # ProConnect names the last name "usual_name" and omits email_verified.
    proconnect_claims: bool = False
    token_auth_methods: list[str] = field(
        default_factory=lambda: ["client_secret_basic", "client_secret_post"]
    )
    id_token_foreign_key: bool = False
    userinfo_foreign_key: bool = False
    wrong_nonce: bool = False
    wrong_audience: bool = False
    expired_id_token: bool = False
    discovery_issuer: str | None = None


class OpenIDProvider:
    """Start with ``start()``, stop with ``stop()``; ``issuer`` is its URL."""

    def __init__(self, client_id="smartcorner", client_secret="provider-secret"):
        self.client_id = client_id
        self.client_secret = client_secret
        self.identity = Identity()
        self.behaviour = Behaviour()
        self.key = RSAKey.generate_key(2048, parameters={"kid": KEY_ID, "use": "sig"})
        # Same key id, different key: a signature that looks plausible but
        # does not verify against the published keys.
        self.foreign_key = RSAKey.generate_key(
            2048, parameters={"kid": KEY_ID, "use": "sig"}
        )
        self.codes: dict[str, dict] = {}
        self.access_tokens: dict[str, Identity] = {}
        self.token_requests: list[dict] = []
        self.server: ThreadingHTTPServer | None = None
        self.thread: threading.Thread | None = None

    @property
    def issuer(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "OpenIDProvider":
        provider = self

        class Handler(ProviderRequestHandler):
            pass

        Handler.provider = provider
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def metadata(self) -> dict:
        issuer = self.issuer
        return {
            "issuer": self.behaviour.discovery_issuer or issuer,
            "authorization_endpoint": f"{issuer}/authorize",
            "token_endpoint": f"{issuer}/token",
            "userinfo_endpoint": f"{issuer}/userinfo",
            "jwks_uri": f"{issuer}/jwks",
            "end_session_endpoint": f"{issuer}/logout",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "userinfo_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": self.behaviour.token_auth_methods,
        }

    def sign(self, claims: dict, foreign: bool = False) -> str:
        key = self.foreign_key if foreign else self.key
        return jwt.encode({"alg": "RS256", "kid": KEY_ID}, claims, key)

    def user_claims(self, identity: Identity) -> dict:
        claims = {"sub": identity.subject, "email": identity.email}
        claims["given_name"] = identity.given_name
        if self.behaviour.proconnect_claims:
            claims["usual_name"] = identity.family_name
        else:
            claims["family_name"] = identity.family_name
            if identity.email_verified is not None:
                claims["email_verified"] = identity.email_verified
        return claims

    def id_token(self, identity: Identity, nonce: str) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "sub": identity.subject,
            "aud": "someone-else" if self.behaviour.wrong_audience else self.client_id,
            "iat": now,
            "exp": now - 3600 if self.behaviour.expired_id_token else now + 300,
            "nonce": "not-the-nonce-sent" if self.behaviour.wrong_nonce else nonce,
        }
        if not self.behaviour.userinfo_as_jwt:
            claims.update(self.user_claims(identity))
        return self.sign(claims, foreign=self.behaviour.id_token_foreign_key)


def s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class ProviderRequestHandler(BaseHTTPRequestHandler):
    provider: OpenIDProvider

    def log_message(self, format, *args):  # noqa: A002
        """Keep the test output quiet."""

    def send_json(self, value: dict, status: int = 200) -> None:
        self.send_body(json.dumps(value).encode(), "application/json", status)

    def send_body(self, body: bytes, content_type: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def send_redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):  # noqa: N802
        parts = urlsplit(self.path)
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        provider = self.provider
        if parts.path == "/.well-known/openid-configuration":
            self.send_json(provider.metadata())
        elif parts.path == "/jwks":
            keys = KeySet([provider.key]).as_dict(private=False)
            self.send_json(keys)
        elif parts.path == "/authorize":
            self.authorize(query)
        elif parts.path == "/userinfo":
            self.userinfo()
        elif parts.path == "/logout":
            self.send_redirect(query.get("post_logout_redirect_uri", "/"))
        else:
            self.send_json({"error": "not_found"}, 404)

    def authorize(self, query: dict) -> None:
        provider = self.provider
        valid = (
            query.get("client_id") == provider.client_id
            and query.get("response_type") == "code"
            and query.get("code_challenge_method") == "S256"
            and query.get("code_challenge")
            and query.get("state")
            and query.get("nonce")
            and "openid" in query.get("scope", "").split()
        )
        if not valid:
            self.send_json({"error": "invalid_request"}, 400)
            return
        code = secrets.token_urlsafe(24)
        provider.codes[code] = {
            "redirect_uri": query["redirect_uri"],
            "challenge": query["code_challenge"],
            "nonce": query["nonce"],
            "identity": provider.identity,
        }
        answer = urlencode({"code": code, "state": query["state"]})
        self.send_redirect(f"{query['redirect_uri']}?{answer}")

    def client_authenticated(self, form: dict) -> str | None:
        """Return the client authentication method used, or None when invalid."""
        provider = self.provider
        header = self.headers.get("Authorization", "")
        if header.startswith("Basic "):
            pair = base64.b64decode(header[6:]).decode()
            client_id, _, secret = pair.partition(":")
            if (unquote(client_id), unquote(secret)) == (
                provider.client_id,
                provider.client_secret,
            ):
                return "client_secret_basic"
            return None
        if (form.get("client_id"), form.get("client_secret")) == (
            provider.client_id,
            provider.client_secret,
        ):
            return "client_secret_post"
        return None

    def do_POST(self):  # noqa: N802
        if urlsplit(self.path).path != "/token":
            self.send_json({"error": "not_found"}, 404)
            return
        length = int(self.headers.get("Content-Length", "0"))
        form = {
            key: values[0]
            for key, values in parse_qs(self.rfile.read(length).decode()).items()
        }
        provider = self.provider
        method = self.client_authenticated(form)
        provider.token_requests.append({"method": method, "form": form})
        if method is None or method not in provider.behaviour.token_auth_methods:
            self.send_json({"error": "invalid_client"}, 401)
            return
        grant = provider.codes.pop(form.get("code", ""), None)
        if (
            form.get("grant_type") != "authorization_code"
            or grant is None
            or grant["redirect_uri"] != form.get("redirect_uri")
            or s256(form.get("code_verifier", "")) != grant["challenge"]
        ):
            self.send_json({"error": "invalid_grant"}, 400)
            return
        access_token = secrets.token_urlsafe(24)
        provider.access_tokens[access_token] = grant["identity"]
        self.send_json(
            {
                "access_token": access_token,
                "token_type": "Bearer",
                "expires_in": 300,
                "id_token": provider.id_token(grant["identity"], grant["nonce"]),
            }
        )

    def userinfo(self) -> None:
        provider = self.provider
        header = self.headers.get("Authorization", "")
        identity = provider.access_tokens.get(header.removeprefix("Bearer "))
        if identity is None:
            self.send_json({"error": "invalid_token"}, 401)
            return
        claims = provider.user_claims(identity)
        if not provider.behaviour.userinfo_as_jwt:
            self.send_json(claims)
            return
        now = int(time.time())
        claims.update({"iss": provider.issuer, "aud": provider.client_id, "iat": now})
        token = provider.sign(claims, foreign=provider.behaviour.userinfo_foreign_key)
        self.send_body(token.encode(), "application/jwt")
