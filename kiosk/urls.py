"""URLs of the kiosk app, mounted under the language prefix in cms/urls.py."""

app_name = "kiosk"

urlpatterns: list = []
