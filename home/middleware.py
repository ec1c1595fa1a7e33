"""Security headers for the public site."""

from django.conf import settings

# The Wagtail admin and its preview use inline scripts and styles, so the
# strict policy covers the public site only.
EXEMPT_PREFIXES = ("/admin/", "/django-admin/")


def build_content_security_policy(request) -> str:
    host = request.get_host()
    directives = [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        # CSP 3 lets 'self' match ws: and wss: on the same host, but older
        # browsers need the WebSocket origins spelled out.
        f"connect-src 'self' ws://{host} wss://{host}",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "object-src 'none'",
    ]
    return "; ".join(directives)


class SecurityHeadersMiddleware:
    """Add a Content-Security-Policy without inline scripts to public pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(EXEMPT_PREFIXES):
            return response
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = build_content_security_policy(request)
        response.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        if settings.DEBUG:
            response["Cache-Control"] = response.get("Cache-Control", "no-cache")
        return response
