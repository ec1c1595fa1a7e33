"""A small OpenID Connect provider for the tests, served on 127.0.0.1.

It implements what the site's relying party uses: discovery, JWKS, the
authorization endpoint (which signs in a configured identity at once, as a
provider does after its own login page), the token endpoint with PKCE and
client authentication, userinfo as JSON (Keycloak, LemonLDAP::NG) or as a
signed JWT (ProConnect), and an end-session endpoint. ``Behaviour`` switches
on the faults that the tests expect the site to refuse.
"""

from tests.oidc_provider.server import Behaviour, Identity, OpenIDProvider

__all__ = ["Behaviour", "Identity", "OpenIDProvider"]
