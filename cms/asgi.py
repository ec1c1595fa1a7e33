"""ASGI entry point: HTTP through Django, WebSockets through Channels."""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

# Django must be set up before the consumers import models.
django.setup(set_prefix=False)

from cms import daphne_requests  # noqa: E402
from cms.asgi_handler import SyncViewsASGIHandler  # noqa: E402

daphne_requests.install()

django_asgi_app = SyncViewsASGIHandler()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402

from cms.request_threads import RequestThreads  # noqa: E402
from cms.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        # A few long-lived threads run the views, so that a thread and its
        # database connection serve many requests.
        "http": RequestThreads(django_asgi_app, size=settings.ASGI_REQUEST_THREADS),
        # The origin validator refuses handshakes whose Origin header is not in
        # ALLOWED_HOSTS, so another site cannot open a socket with the
        # visitor's session cookie.
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
