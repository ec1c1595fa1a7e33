"""URLs of the events app, mounted under the language prefix in cms/urls.py."""

app_name = "events"

urlpatterns: list = []
