"""WebSocket URL of the kiosk screens, outside the language prefix."""

from django.urls import path

from .consumers import KioskConsumer

websocket_urlpatterns = [
    path("ws/kiosk/<str:token>/", KioskConsumer.as_asgi()),
]
