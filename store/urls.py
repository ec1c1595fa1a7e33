"""URLs of the store app, mounted under the language prefix in cms/urls.py."""

app_name = "store"

urlpatterns: list = []
