"""Settings shared by every environment.

Values that differ between machines come from ``cms.env``; the environment
modules (``dev``, ``test``, ``production``) only change what they must.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cms import env

BASE_DIR = env.BASE_DIR

SECRET_KEY = env.get_secret_key(required=False)
DEBUG = env.get_bool("DEBUG", default=False)
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.get_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # daphne first, so that `runserver` serves ASGI with WebSockets.
    "daphne",
    "accounts",
    "audit",
    "home",
    "events",
    "ideation",
    "kiosk",
    "resources",
    "stats",
    "store",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.UsersAdminConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "channels",
    "django_tasks",
    "django_tasks_db",
    "django_htmx",
    "template_partials",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cms.middleware.RejectNulCharacterMiddleware",
    # Before any middleware that reads request.POST.
    "cms.uploads.UploadNameMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "home.middleware.SecurityHeadersMiddleware",
    "cms.middleware.SyncRedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"
ASGI_APPLICATION = "cms.asgi.application"
# Threads that run the sync part of HTTP requests in each ASGI worker, reused
# from one request to the next (cms/request_threads.py).
ASGI_REQUEST_THREADS = env.get_int("ASGI_REQUEST_THREADS", 8, minimum=1)

DATABASES = {"default": env.get_database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CHANNEL_LAYERS = env.get_channel_layers()
CACHES = env.get_cache()
# Every request reads its session. Reading it from the cache (Redis in
# production, shared by the workers) saves a database query, and the database
# still keeps the sessions that the cache evicts or loses.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# French is the first language and is served without a URL prefix.
LANGUAGE_CODE = "fr"
# The language switcher and language choices name each language in itself.
LANGUAGES = [("fr", "Français"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
# The admin names content languages in the editor's language, in lower case
# in French, because wagtail-localize builds sentences from these names. For
# example, its translation editor appends the name to "Publish in ".
WAGTAIL_CONTENT_LANGUAGES = [
    ("fr", pgettext_lazy("content language", "French")),
    ("en", pgettext_lazy("content language", "English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Paris"
USE_TZ = True
# French times read "14 h 30", as French typography writes them, where
# Django's French locale writes "14:30".
FORMAT_MODULE_PATH = ["cms.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = env.VAR_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # htmx and its WebSocket extension come from npm (package-lock.json pins
    # them) and are served from here, never from a CDN.
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/htmx-ext-ws", BASE_DIR / "node_modules" / "htmx-ext-ws" / "dist"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads no cookie; the token is in hx-headers.
CSRF_FAILURE_VIEW = "home.csrf.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Smart Corner"
# Slugs made from French titles lose their accents ("défi" gives "defi"), so
# that links stay readable instead of showing "d%C3%A9fi" once copied.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_BASE_URL = env.os.environ.get(
    "WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000"
)
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "odp", "pdf", "pptx", "txt"]
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # Used by the PostgreSQL backend only; SQLite has no stemming.
        "SEARCH_CONFIG": "french",
    }
}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The admin sign-in form: the site's messages and lockout check, and a
# translated password label.
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.forms.AdminLoginForm"
# No password reset by e-mail on either sign-in page. Staff passwords belong
# to the identity provider (single sign-on), and the Smart Corner team sets a
# new password for a local account in the admin, after checking the
# requester's identity.
# Both sign-in pages say to contact the team.
WAGTAIL_PASSWORD_RESET_ENABLED = False
# No avatar from gravatar.com: it would send a hash of each staff e-mail
# address to an outside service.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# E-mails and reminders run as background tasks (django-tasks): at once in
# development and tests, through the database worker
# (`manage.py db_worker`) in production.
TASKS = env.get_tasks(default="immediate")
DEFAULT_FROM_EMAIL = env.os.environ.get(
    "DEFAULT_FROM_EMAIL", "Smart Corner <smartcorner@example.org>"
)

# Ideation limits, enforced by forms and by the database.
IDEA_TITLE_MAX_LENGTH = 140
IDEA_DESCRIPTION_MAX_LENGTH = 5000

# Live boards: each worker process writes at most one batch of vote counts
# per board every IDEATION_VOTE_COALESCE_MS (new ideas and comments go out at
# once), and sends a heartbeat every IDEATION_HEARTBEAT_SECONDS; a client
# silent for three heartbeats is closed.
IDEATION_VOTE_COALESCE_MS = 250
IDEATION_HEARTBEAT_SECONDS = 25
# Sockets that one person, or one address for visitors who are not signed
# in, may keep open in each worker process. Opening one more closes their
# oldest. A person opens one socket per tab of a board, idea or projection.
IDEATION_MAX_SOCKETS_PER_PERSON = 30
IDEATION_MAX_ANONYMOUS_SOCKETS_PER_ADDRESS = 200

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "filters": {
        "client_error_without_traceback": {
            "()": "cms.log_filters.ClientErrorWithoutTraceback"
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django.request": {"filters": ["client_error_without_traceback"]},
    }
    | {
        name: {"level": env.os.environ.get("LOG_LEVEL", "INFO")}
        for name in (
            "accounts",
            "audit",
            "cms",
            "events",
            "home",
            "ideation",
            "kiosk",
            "resources",
            "stats",
            "store",
        )
    },
}

SPACE_LABELS = {
    "store": _("Smart Store"),
    "room": _("Smart Room"),
    "class": _("Smart Class"),
    "lab": _("Smart Lab"),
}

# Accounts: sign-in, single sign-on, partner invitations, personal data.
# The backend signs in by e-mail, refuses deactivated or erased accounts and
# partner accounts past their inactivity period, and applies the lockout.
AUTHENTICATION_BACKENDS = ["accounts.backends.EmailBackend"]
OIDC = env.get_oidc()
# Failed sign-ins allowed per window before sign-in pauses, per account
# (the e-mail address typed) and per client address.
SIGN_IN_LOCKOUT = {
    "ACCOUNT_FAILURES": env.get_int("SIGN_IN_LOCKOUT_ACCOUNT_FAILURES", 5, minimum=1),
    "ADDRESS_FAILURES": env.get_int("SIGN_IN_LOCKOUT_ADDRESS_FAILURES", 30, minimum=1),
    "SECONDS": env.get_int("SIGN_IN_LOCKOUT_SECONDS", 15 * 60, minimum=1),
}
INVITATION_VALID_DAYS = env.get_int("INVITATION_VALID_DAYS", 14, minimum=1)
# A partner who has not signed in for this many days can no longer sign in;
# the purge command then deactivates the account, and erases it once it has
# been inactive for PARTNER_ERASURE_DAYS.
PARTNER_INACTIVITY_DAYS = env.get_int("PARTNER_INACTIVITY_DAYS", 180, minimum=1)
PARTNER_ERASURE_DAYS = env.get_int("PARTNER_ERASURE_DAYS", 365, minimum=1)
# Registrations older than this are reduced to aggregates by the purge command.
REGISTRATION_RETENTION_MONTHS = env.get_int(
    "REGISTRATION_RETENTION_MONTHS", 24, minimum=1
)
SIGN_IN_AUDIT_RETENTION_MONTHS = env.get_int(
    "SIGN_IN_AUDIT_RETENTION_MONTHS", 12, minimum=1
)
