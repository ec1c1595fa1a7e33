"""URL configuration.

The admin, documents, health check, sitemap and WebSocket URLs stay outside
``i18n_patterns``, so that editors are never sent to ``/en/admin/``. French
pages have no prefix and English pages live under ``/en/``.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from accounts.views.sign_in import AdminSignInView
from home import views as home_views

urlpatterns = [
    # Before the admin, which would answer a refusal with a redirect.
    path("admin/indicateurs/", include("stats.urls")),
    # Before the admin too: Wagtail's sign-in view with the site's rate limit.
    # Without a name, reverse("wagtailadmin_login") still finds this address.
    path("admin/login/", AdminSignInView.as_view()),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", home_views.healthz, name="healthz"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("i18n/", include("django.conf.urls.i18n")),
    # The kiosk chooses its language inside its own URLs (a toggle on screen),
    # so it stays outside i18n_patterns.
    path("kiosk/", include("kiosk.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("compte/", include("accounts.urls")),
    path("recherche/", home_views.search, name="search"),
    path("plan-du-site/", home_views.sitemap_page, name="sitemap_page"),
    path("lab/", include("ideation.urls")),
    path("programme/", include("events.urls")),
    path("boutique/", include("store.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
