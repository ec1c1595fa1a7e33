"""Settings for production: PostgreSQL, Redis, HTTPS behind a reverse proxy."""

from cms import env

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env.get_secret_key(required=True)
if not env.os.environ.get("DATABASE_URL"):
    raise env.ImproperlyConfigured(
        "DATABASE_URL is missing: production needs PostgreSQL, for example "
        "postgres://smartcorner@db.example.org/smartcorner."
    )
if "*" in ALLOWED_HOSTS:  # noqa: F405
    raise env.ImproperlyConfigured(
        "ALLOWED_HOSTS contains '*': list the site's host names instead, for "
        "example ALLOWED_HOSTS=intranet.example.org. A wildcard also lets any "
        "web site open WebSockets with a visitor's session."
    )
if not env.os.environ.get("REDIS_URL"):
    raise env.ImproperlyConfigured(
        "REDIS_URL is missing: several ASGI workers share WebSocket groups "
        "through Redis, for example redis://cache.example.org:6379/0."
    )

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

TASKS = env.get_tasks(default="database")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.get_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading puts every subdomain of the domain under HTTPS in browsers, for
# months after it is undone: the domain's owner opts in with
# SECURE_HSTS_PRELOAD=true. Without it, Django's deploy check warns
# (security.W021), which is silenced because the choice is deliberate.
SECURE_HSTS_PRELOAD = env.get_bool("SECURE_HSTS_PRELOAD", default=False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env.os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env.os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env.os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.get_bool("EMAIL_USE_TLS", default=False)

# Cookies: HTTPS only, and not readable by scripts where no script needs them.
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# A signed-in session lasts a working day, or SESSION_COOKIE_AGE seconds when
# set. Requests do not extend it.
SESSION_COOKIE_AGE = env.get_int("SESSION_COOKIE_AGE", 10 * 60 * 60, minimum=60)
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Single sign-on is optional; when an issuer is set, the client must be
# complete and the provider reached over HTTPS.
if OIDC["ISSUER"]:  # noqa: F405
    if not (OIDC["CLIENT_ID"] and OIDC["CLIENT_SECRET"]):  # noqa: F405
        raise env.ImproperlyConfigured(
            "OIDC_ISSUER is set but OIDC_CLIENT_ID or OIDC_CLIENT_SECRET is "
            "missing: copy both from the client registered at the identity "
            "provider, or unset OIDC_ISSUER to turn single sign-on off."
        )
    if not OIDC["ISSUER"].startswith("https://"):  # noqa: F405
        raise env.ImproperlyConfigured(
            f"OIDC_ISSUER={OIDC['ISSUER']!r} is not an HTTPS URL: tokens "  # noqa: F405
            "must not travel in clear."
        )
