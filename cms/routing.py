"""WebSocket URLs. They sit outside the language prefix."""

from ideation.routing import websocket_urlpatterns as ideation_patterns

websocket_urlpatterns = [*ideation_patterns]
