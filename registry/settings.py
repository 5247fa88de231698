"""Settings for the CBM Registry: one module, everything that varies read from the environment.

DJANGO_DEBUG           "1"/"true" turns on debug mode (development only). Default: off.
DJANGO_SECRET_KEY      required unless DJANGO_DEBUG is on (then a development key is used).
DJANGO_ALLOWED_HOSTS   comma-separated host names. Default with debug: localhost, 127.0.0.1.
DATABASE_URL           e.g. postgres://postgres@127.0.0.1:5432/cbm_registry.
                       Default: the SQLite file db.sqlite3 in the project folder.
CBM_INGEST_MAX_BYTES   largest text file ingest accepts, in bytes. Default: 5 MB.
CBM_API_ANON_RATE      requests an anonymous API client may make, e.g. "120/minute".
CBM_LOCK_TIMEOUT_MS    longest a curator's write waits for a row another writer holds
                       (PostgreSQL); then the write is refused with "try again". Default 3000.
REDIS_URL              e.g. redis://127.0.0.1:6379/0: the shared cache (throttle counts).
                       Default: a table in the database (never one process's memory).
CBM_LOGIN_FAILURE_LIMIT   wrong passwords for one user name from one address before a lockout.
CBM_LOGIN_COOLOFF_MINUTES how long that lockout lasts.
CBM_TASK_BACKEND       "immediate" (default: background jobs run in the process that starts
                       them) or "database" (queued in the database; run `manage.py db_worker`).
DJANGO_MEDIA_ROOT      where job files (uploads waiting for ingest, exports) are kept; shared
                       by the web processes and the workers. Default: media/ in the project.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from None


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it in the environment, "
            "or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)

INSTALLED_APPS = [
    # First: its admin/base_site.html (the language switch) and simple_history's history
    # template are overridden by its own.
    "cbm",
    "cbm.apps.RegistryAdminConfig",  # django.contrib.admin on the registry's own site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",  # its sitemap.xml template
    "django.contrib.postgres",  # full-text search lookups; harmless on SQLite
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # Under /api/ every failure is JSON, even those raised before or outside DRF.
    "cbm.middleware.APIErrorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # A public page's language is its address (/ru/… Russian, the rest English).
    "cbm.translation.LanguageFromPathMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records the request's user as the author of each historical change.
    "simple_history.middleware.HistoryRequestMiddleware",
    "cbm.middleware.BadInputMiddleware",
    # Last: turns a login refused for too many failures into a 429 with a message.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "registry.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "registry.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# Each request is one transaction: a request that fails writes nothing.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite allows one writer: take the write lock when a transaction begins, so concurrent
    # writers queue (up to the timeout) instead of failing half-way or overwriting each other.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE", timeout=env_int("CBM_SQLITE_TIMEOUT_S", 20)
    )
# PostgreSQL: no statement runs longer than this (ms; 0 = no limit). Set it for the web
# processes (gunicorn's environment), not for commands or task workers, whose work is long by
# design. A request that hits it is answered 503 (cbm.middleware).
CBM_STATEMENT_TIMEOUT_MS = env_int("CBM_STATEMENT_TIMEOUT_MS", 0)
if CBM_STATEMENT_TIMEOUT_MS and DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c statement_timeout={CBM_STATEMENT_TIMEOUT_MS}"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Brute force: after CBM_LOGIN_FAILURE_LIMIT wrong passwords for one user name from one address
# (admin login or API token), that pair is refused with a 429 for the cool-off; a success
# resets the count. Curators are unlocked early by deleting their row in admin → Axes → Access
# attempts. Failures are kept in the database, so every worker sees them.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("CBM_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("CBM_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_COOLOFF_MESSAGE = "Too many failed logins for this user name: try again later."
AXES_LOCKOUT_CALLABLE = "cbm.login_lockout.lockout_response"
# The client address is the socket's, unless a trusted proxy in front of us sets the header
# (otherwise a client would pick a fresh address with every try).
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    if env_bool("DJANGO_BEHIND_TLS_PROXY")
    else ["REMOTE_ADDR"]
)
AXES_IPWARE_PROXY_COUNT = 1 if env_bool("DJANGO_BEHIND_TLS_PROXY") else None

# One cache for every worker and process (throttle counts): Redis if configured, else a table
# in the database (created by migration 0006). cbm/checks.py refuses per-process caches.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "cbm_cache"}
    )
}

LANGUAGE_CODE = "en-gb"
# The public pages and the admin are offered in these languages: English at the addresses they
# always had, Russian under /ru/ (registry/urls.py). The API stays English.
LANGUAGES = [("en-gb", "English"), ("ru", "Русский")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploads waiting for an ingest job and finished exports. Never served as static files: the
# admin serves a job's file to curators only.
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT") or BASE_DIR / "media")

# Background jobs (cbm.jobs) run on django-tasks. "immediate" runs a job in the process that
# starts it, once its transaction commits (nothing else to run); "database" queues it in the
# database for `manage.py db_worker` processes, on this machine or others.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
CBM_TASK_BACKEND = os.environ.get("CBM_TASK_BACKEND", "immediate").strip() or "immediate"
if CBM_TASK_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"CBM_TASK_BACKEND must be one of {', '.join(TASK_BACKENDS)}, got {CBM_TASK_BACKEND!r}"
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS[CBM_TASK_BACKEND]}}

REST_FRAMEWORK = {
    # Token first: an anonymous write is answered 401 with a WWW-Authenticate header.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["cbm.api.permissions.ModelPermissionsOrAnonReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "cbm.api.pagination.PageNumberPagination",
    "DEFAULT_FILTER_BACKENDS": [
        "cbm.api.filters.StrictFilterBackend",
        "rest_framework.filters.SearchFilter",
        "cbm.api.filters.DatesLastOrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["cbm.api.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("CBM_API_ANON_RATE", "120/minute")},
    "DEFAULT_PARSER_CLASSES": [
        "cbm.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "EXCEPTION_HANDLER": "cbm.api.errors.exception_handler",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "cbm.api.negotiation.FormatNegotiation",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}

SPECTACULAR_SETTINGS = {
    "TITLE": "CBM Registry API",
    "DESCRIPTION": (
        "Arms-control confidence-building measures: the taxonomy, the instruments that establish "
        "each measure, and every passage that mentions one, with the exact words. Anyone may read; "
        "curators (token or session authentication, with the model permission) may write. "
        "All offsets (start, end) count Unicode code points, not bytes or UTF-16 units: "
        "a passage's text is document.body[start:end], a link's quote is passage.text[start:end]."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",  # the docs' files are served by the project, no CDN
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # cbm.api.schema: errors, anonymous reads and parameter bounds as the API has them.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "cbm.api.schema.postprocess",
    ],
    "ENUM_NAME_OVERRIDES": {
        "DocumentKindEnum": "cbm.models.Document.Kind",
        "TermKindEnum": "cbm.models.Term.Kind",
        "ActorKindEnum": "cbm.models.Actor.Kind",
        "InstrumentKindEnum": "cbm.models.Instrument.Kind",
        "InstrumentStatusEnum": "cbm.models.Instrument.Status",
        "LinkStatusEnum": "cbm.models.Span.Status",
        "LinkOriginEnum": "cbm.models.Span.Origin",
    },
}

# Security: strict unless debugging on a laptop. Each can be relaxed from the environment
# (for example behind a proxy that terminates TLS and already redirects).
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if env_bool("DJANGO_BEHIND_TLS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# Content-Security-Policy: only our own files run or style a page (no inline script or style);
# the public pages, the admin and the API docs are written to satisfy it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# dumpdata JSON keeps microseconds, so a backup restores every timestamp exactly.
SERIALIZATION_MODULES = {"json": "cbm.serialization"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# The registry's own settings.
CBM_LOCK_TIMEOUT_MS = env_int("CBM_LOCK_TIMEOUT_MS", 3000)
# suggest waits longer: what it waits for is a curator's short request.
CBM_SUGGEST_LOCK_TIMEOUT_MS = env_int("CBM_SUGGEST_LOCK_TIMEOUT_MS", 15000)
CBM_INGEST_MAX_BYTES = env_int("CBM_INGEST_MAX_BYTES", 5 * 1024 * 1024)
# The most rows a CSV download may have (larger ones: narrower filters or a background job).
CBM_EXPORT_MAX_ROWS = env_int("CBM_EXPORT_MAX_ROWS", 500_000)
# A text posted to the API arrives JSON-escaped (non-ASCII may double); let a request carry the
# largest text ingest accepts, so that ingest's own limit decides and its message is the one
# a client reads.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * CBM_INGEST_MAX_BYTES + 1024 * 1024
