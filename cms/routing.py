"""WebSocket URLs. They sit outside the language prefix."""

from django.urls import re_path

from cms.consumers import UnknownPathConsumer
from ideation.routing import websocket_urlpatterns as ideation_patterns
from kiosk.routing import websocket_urlpatterns as kiosk_patterns

websocket_urlpatterns = [
    *ideation_patterns,
    *kiosk_patterns,
    # Last: every other address gets a clean refusal.
    re_path(r"", UnknownPathConsumer.as_asgi()),
]
