"""Django settings for Wayfinder, read from the environment (see README, Configuration)."""

from __future__ import annotations

import os

import dj_database_url

from wayfinder.environment import (
    ConfigurationError,
    cache_url,
    data_dir,
    data_dir_make_private,
    database_url,
    env_bool,
    env_int,
    env_list,
    env_secret,
    env_signup,
    secret_key,
    sqlite_path,
)

DATA_DIR = data_dir()
DEBUG = env_bool("WAYFINDER_DEBUG", default=False)
SECRET_KEY = secret_key(DATA_DIR)
ALLOWED_HOSTS = env_list("WAYFINDER_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
TIME_ZONE = os.environ.get("WAYFINDER_TIME_ZONE", "UTC")
USE_TZ = True
USE_I18N = False
LANGUAGE_CODE = "en-gb"

INSTALLED_APPS = [
    # Django's admin on Wayfinder's site: a throttled login, no "view on site" redirect.
    "wayfinder.accounts.apps.WayfinderAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "wayfinder.core",
    "wayfinder.accounts",
    "wayfinder.direction",
    "wayfinder.network",
    "wayfinder.experiments",
    "wayfinder.plan",
    "wayfinder.wins",
    "wayfinder.conversations",
    "wayfinder.reflection",
    "wayfinder.portability",
    "wayfinder.search",
    "wayfinder.onboarding",
    "wayfinder.guidance",
    "wayfinder.advocacy",
    "wayfinder.sharing",
    "wayfinder.mentoring",
    "wayfinder.api",
    "wayfinder.operations",
    "django_tasks",
    "django_tasks_db",
    # django-ninja's own templates and static files: the API docs load nothing from a CDN.
    "ninja",
    "wayfinder.calendars",
]

MIDDLEWARE = [
    # /healthz and /readyz for probes that ask by the server's address (operations/).
    "wayfinder.operations.middleware.ProbeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "wayfinder.core.middleware.RequestSizeMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "wayfinder.core.middleware.UnstorableInputMiddleware",
    "wayfinder.accounts.middleware.AccountWithoutProfileMiddleware",
    "wayfinder.core.middleware.OwnerTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After messages, so a signed-out viewer is told why; LoginRequiredMiddleware's check
    # (a process_view) still runs after it and sends them to sign in.
    "wayfinder.accounts.sessions.SessionLifetimeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wayfinder.core.middleware.SecurityHeadersMiddleware",
    "wayfinder.core.middleware.DataVersionMiddleware",
    # Innermost, so "database is locked" from a view becomes a 503 before anything else.
    "wayfinder.core.busy.BusyDatabaseMiddleware",
]

ROOT_URLCONF = "wayfinder.urls"
WSGI_APPLICATION = "wayfinder.wsgi.application"

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
                "wayfinder.core.navigation.main_navigation",
            ],
        },
    },
]

# SQLite is the embedded default: WAL so the CLI and the web app can work at once,
# IMMEDIATE transactions and a busy timeout so writers queue instead of failing with
# "database is locked", synchronous=NORMAL with the backend flushing the WAL after each
# write, outside the write lock, before it is acknowledged (core/sqlite_backend: no
# acknowledged write is lost, and writers do not wait for each other's flush), and temporary
# tables, sorts and statement journals in memory rather than in a file made and unlinked
# in /var/tmp on each write.
SQLITE_PRAGMAS = {
    "journal_mode": "WAL",
    "synchronous": "NORMAL",
    "busy_timeout": 5000,
    "foreign_keys": "ON",
    "temp_store": "MEMORY",
}

_url = database_url()
if _url:
    # The data directory may still hold a generated secret key and backups.
    if DATA_DIR.is_dir():
        data_dir_make_private(DATA_DIR)
    DATABASES = {"default": dj_database_url.parse(_url, conn_max_age=60, conn_health_checks=True)}
else:
    data_dir_make_private(DATA_DIR)
    DATABASES = {
        "default": {
            # Django's backend, creating the database file and its -wal/-shm with mode 0600.
            "ENGINE": "wayfinder.core.sqlite_backend",
            "NAME": str(sqlite_path(DATA_DIR)),
            # Tests run on a real file so WAL and the other pragmas are exercised.
            "TEST": {"NAME": str(DATA_DIR / "test.sqlite3")},
            # One connection per server process, kept between requests: a new one costs
            # about 1.5 ms before its first answer, SQLite reading the schema's 300 tables,
            # indexes and triggers (a third of a win's POST). `wayfinder restore` is refused
            # while a server runs, so no server holds a file that was replaced.
            "CONN_MAX_AGE": None,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": SQLITE_PRAGMAS["busy_timeout"] / 1000,
                "init_command": "".join(
                    f"PRAGMA {name}={value};" for name, value in SQLITE_PRAGMAS.items()
                ),
            },
        }
    }

# Shared by every app server and the worker (docs/deploy.md): Redis through Django's own
# RedisCache when WAYFINDER_CACHE_URL is set (`pip install wayfinder[redis]`), else the
# database's table on PostgreSQL (made by the operations app's migration), else process
# memory on SQLite, where one `wayfinder serve` is the whole instance.
# Django's own bound is 300 entries, then it drops a third of them in key order: on an
# instance of many owners that evicted dashboards ("dashboard:..." sorts first) long before
# they went stale. A few entries per owner are kept (the dashboard, one per owner, replaced
# by each write; the navigation's and the calendar feed's), so this covers thousands.
CACHE_MAX_ENTRIES = 100_000
_cache = cache_url()
if _cache:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache}
    }
elif _url:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "wayfinder_cache",
            "OPTIONS": {"MAX_ENTRIES": CACHE_MAX_ENTRIES},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": CACHE_MAX_ENTRIES},
        }
    }
# Sessions live in the database, whichever server answers (Django's default, stated).
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Background jobs (wayfinder/operations/jobs.py): a queue in the database, run by
# `wayfinder worker`, on PostgreSQL; on SQLite each job runs at once, inside the command
# that asks for it, so cron keeps working with no worker.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if _url
        else "django_tasks.backends.immediate.ImmediateBackend"
    }
}

LOGIN_URL = "accounts:signin"
LOGIN_REDIRECT_URL = "/"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

STATIC_URL = "/static/"
STORAGES = {
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Served straight from the installed package: no collectstatic step to forget.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Request bodies are capped before they are read (core/uploads.py): a larger one is refused
# with a page naming the limit, and no byte of it is written to disk.
WAYFINDER_MAX_UPLOAD_MB = env_int("WAYFINDER_MAX_UPLOAD_MB", 20)
if WAYFINDER_MAX_UPLOAD_MB < 1:
    raise ConfigurationError(
        f"WAYFINDER_MAX_UPLOAD_MB must be at least 1 (got {WAYFINDER_MAX_UPLOAD_MB})"
    )
WAYFINDER_MAX_UPLOAD_BYTES = WAYFINDER_MAX_UPLOAD_MB * 1024 * 1024
# Forms without a file: Django's own default, stated. A brag document of 200,000
# characters fits even as percent-encoded non-Latin text.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_HANDLERS = [
    "wayfinder.core.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Behind HTTPS (usually a reverse proxy that sets X-Forwarded-Proto), cookies never travel
# in clear and browsers are told to keep to HTTPS.
HTTPS = env_bool("WAYFINDER_HTTPS", default=False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_SSL_REDIRECT = HTTPS
# Probes ask the app server directly, over plain HTTP, on its own port.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

# Outgoing email (the weekly digest), through SMTP. Without a host nothing is sent.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("WAYFINDER_SMTP_HOST", "")
EMAIL_PORT = env_int("WAYFINDER_SMTP_PORT", 587)
EMAIL_HOST_USER = os.environ.get("WAYFINDER_SMTP_USER", "")
EMAIL_HOST_PASSWORD = env_secret("WAYFINDER_SMTP_PASSWORD")
EMAIL_USE_TLS = env_bool("WAYFINDER_SMTP_TLS", default=True)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("WAYFINDER_EMAIL_FROM", "Wayfinder <wayfinder@localhost>")
# Where the app is reached, for links in the digest, e.g. https://wayfinder.example.com.
WAYFINDER_BASE_URL = os.environ.get("WAYFINDER_BASE_URL", "").rstrip("/")
# Who may sign up as a new owner: invite (default), open, or domain:example.com
# (docs/administration.md, "Sign-up").
WAYFINDER_SIGNUP = env_signup("WAYFINDER_SIGNUP")
# Requests a minute one API token may make (api/auth.py); more are answered 429.
WAYFINDER_API_RATE_LIMIT = env_int("WAYFINDER_API_RATE_LIMIT", 600)
if WAYFINDER_API_RATE_LIMIT < 1:
    raise ConfigurationError(
        f"WAYFINDER_API_RATE_LIMIT must be at least 1 (got {WAYFINDER_API_RATE_LIMIT})"
    )
# Reverse proxies (addresses or networks) whose X-Forwarded-For names the client, e.g. for
# sign-in throttling. None by default: the address the connection comes from is the client.
WAYFINDER_TRUSTED_PROXIES = env_list("WAYFINDER_TRUSTED_PROXIES", [])

# Everything goes to stderr (the error log under `wayfinder serve`). Server errors are logged
# with their traceback; sign-in tokens and search terms never reach a log (core/logs.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "wayfinder.core.logs.RedactSecrets"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact"]}
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "wayfinder": {"level": "INFO"},
        # Django's own handlers print only in DEBUG and mail no one: errors go to the root's.
        "django": {"handlers": [], "level": "WARNING"},
        # A 4xx is the access log's business; a 500 is logged here, with its traceback.
        "django.request": {"level": "ERROR"},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
