"""ASGI application of the browser tests: the site plus its uploaded media.

With DEBUG off, Django serves no media files because a web server does so in
production, yet the seeded pages show images. This wrapper serves MEDIA_URL
from MEDIA_ROOT and hands every other request and WebSocket to cms.asgi.
"""

from django.conf import settings
from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
from django.views.static import serve

from cms.asgi import application as site_application


class MediaFilesHandler(ASGIStaticFilesHandler):
    """Serve files under MEDIA_URL; pass everything else to the wrapped app."""

    def get_base_url(self) -> str:
        return settings.MEDIA_URL

    def serve(self, request):
        # serve() rejects paths that leave document_root.
        relative_path = request.path.removeprefix(self.base_url.path)
        return serve(request, relative_path, document_root=settings.MEDIA_ROOT)


application = MediaFilesHandler(site_application)
