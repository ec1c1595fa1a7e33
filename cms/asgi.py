"""ASGI entry point: HTTP through Django, WebSockets through Channels."""

import gc
import logging
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

# What is loaded by now (Django, Wagtail, the apps' modules and the routing)
# lives as long as the process. Freezing it takes it out of the collector's
# generations, so a full collection walks only what requests and sockets
# create. Measured in one process with Django's test client on the demo
# board, the collector's time per vote request went from about 0.4 to 0.1 ms.
# Most of it was one full collection of about 250,000 startup objects every
# few hundred requests.
gc.collect()
gc.freeze()
logging.getLogger(__name__).info(
    "process %s: %s startup objects frozen out of garbage collection",
    os.getpid(),
    gc.get_freeze_count(),
)
