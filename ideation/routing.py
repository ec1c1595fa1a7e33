"""WebSocket URLs of the Smart Lab, outside the language prefix."""

from django.urls import path

from .consumers import BoardConsumer

websocket_urlpatterns = [
    path("ws/lab/boards/<uuid:board_key>/", BoardConsumer.as_asgi()),
]
