"""WebSocket URLs. They sit outside the language prefix."""

from ideation.routing import websocket_urlpatterns as ideation_patterns
from kiosk.routing import websocket_urlpatterns as kiosk_patterns

websocket_urlpatterns = [*ideation_patterns, *kiosk_patterns]
