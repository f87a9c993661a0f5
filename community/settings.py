"""The one settings module. Everything that varies between machines comes from the environment.

Unset variables fall back to the embedded default (SQLite under var/, a filesystem Celery broker), so that
`make run` works on a machine with nothing but Python. A variable that is set but malformed stops start-up
with a message naming it, rather than running half-configured.
"""

import os
import secrets
from pathlib import Path
from urllib.parse import urlparse

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use 1/0, true/false, yes/no or on/off.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer.") from None


def env_url(name: str, schemes: set[str]) -> str | None:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    parsed = urlparse(raw)
    if parsed.scheme not in schemes or not (parsed.hostname or parsed.path):
        raise ImproperlyConfigured(f"{name}={raw!r} is not a URL with scheme {' or '.join(sorted(schemes))}.")
    return raw


def secret_key() -> str:
    """SECRET_KEY from the environment, or one generated once and kept under var/ so sessions survive restarts."""
    key = os.environ.get("SECRET_KEY", "").strip()
    if key:
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = secret_key()
PORT = env_int("PORT", 8000)
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [f"http://127.0.0.1:{PORT}", f"http://localhost:{PORT}"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "recommender",
    "community.core",
    "community.catalog",
    "community.accounts",
    "community.qa",
    "community.ethics",
    "recommender.stacks",
    "community.pipelines",
]

MIDDLEWARE = [
    "community.core.requestlog.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "community.core.queue.QueueNoticeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "community.core.headers.SecurityHeadersMiddleware",
    # Last, so its 400 still passes through the others (headers, request id, the signed-in person for the page).
    "community.core.nulbytes.RefuseNulBytesMiddleware",
]

ROOT_URLCONF = "community.urls"
WSGI_APPLICATION = "community.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
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

DATABASE_URL = env_url("DATABASE_URL", {"postgres", "postgresql", "sqlite"})
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": VAR_DIR / "mlopshub.sqlite3"}}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Also for a sqlite:// DATABASE_URL, which is how test servers in their own processes reach the test database.
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the web server read while the worker writes embeddings.
        # IMMEDIATE: a writing transaction takes the write lock up front, so concurrent writers queue on the
        # timeout instead of failing when a read lock cannot be upgraded.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
    # A file, not memory, so that a Celery worker thread in the tests sees the same database.
    DATABASES["default"]["TEST"] = {"NAME": VAR_DIR / "test.sqlite3"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_url("REDIS_URL", {"redis", "rediss"})
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "community.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            # Fail fast when Redis is down: a page should not wait seconds for a cache it can do without.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Anonymous list pages are cached whole, keyed on the catalog's version token; 0 turns the cache off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# HTTPS=1 when the site is served over TLS (behind a proxy that sets X-Forwarded-Proto): secure cookies, a
# redirect from http, and HSTS. Off by default, because `make run` serves plain http on 127.0.0.1.
HTTPS = env_bool("HTTPS", False)
if HTTPS and len(os.environ.get("SECRET_KEY", "").strip()) < 50:
    # In production the key must be the operator's, long and kept out of the data directory.
    raise ImproperlyConfigured("HTTPS=1 (production) needs SECRET_KEY set in the environment, 50 characters or more.")
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", True)
    CSRF_TRUSTED_ORIGINS += [f"https://{host}" for host in ALLOWED_HOSTS]

# One JSON object per line, each with the id of the request it was logged under (LOG_FORMAT=text for people).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "community.core.requestlog.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "community.core.requestlog.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "text" if os.environ.get("LOG_FORMAT") == "text" else "json",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}, "django.server": {"level": "WARNING"}},
}

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "qa:questions"
LOGOUT_REDIRECT_URL = "catalog:home"
# Password-reset mail goes to Django's email backend: the console unless configured otherwise.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "MLOps Hub <noreply@localhost>")

REST_FRAMEWORK = {
    # Token first: an anonymous write then gets 401 with a WWW-Authenticate header rather than 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_SCHEMA_CLASS": "community.core.openapi.AutoSchema",
    # JSON first (the default), with lone surrogates refused; forms and multipart as DRF has them.
    "DEFAULT_PARSER_CLASSES": [
        "community.core.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "community.core.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["community.core.throttling.WriteRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"writes": os.environ.get("API_WRITE_RATE", "60/minute")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "MLOps Hub API",
    "DESCRIPTION": (
        "MLOps Hub: the tool catalog with semantic search, community Q&A, the responsible-AI library, the stack "
        "recommender and the pipeline demos."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Served from static/ so the docs work offline.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # A tool's hosting (library, self-hosted, managed) and a team's (any, self-hosted, managed) are two enums.
    "ENUM_NAME_OVERRIDES": {
        "ToolHostingEnum": "community.catalog.models.HOSTING_CHOICES",
        "TeamHostingEnum": "recommender.stacks.constraints.HOSTING",
    },
}

# Pipeline demos: a step's time limit, and how long Redis keeps a message a worker took but never acknowledged
# before handing it to another worker (it must outlast the longest step, or a live step would run twice).
PIPELINE_STEP_TIME_LIMIT = env_int("PIPELINE_STEP_TIME_LIMIT", 300)
CELERY_VISIBILITY_TIMEOUT = env_int("CELERY_VISIBILITY_TIMEOUT", PIPELINE_STEP_TIME_LIMIT + 60)
if CELERY_VISIBILITY_TIMEOUT <= 0 or PIPELINE_STEP_TIME_LIMIT <= 0:
    raise ImproperlyConfigured("PIPELINE_STEP_TIME_LIMIT and CELERY_VISIBILITY_TIMEOUT must be positive seconds.")
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_ROOT.mkdir(exist_ok=True)
os.environ.setdefault("MPLCONFIGDIR", str(VAR_DIR / "matplotlib"))

# Celery: Redis when REDIS_URL is set, otherwise kombu's filesystem transport under var/ (no server needed).
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS: dict = {
        "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
        # kombu sweeps for abandoned messages every interval times throttle seconds (100 s by default): keep the
        # sweep within the visibility timeout, so a short timeout also means a quick takeover.
        "unacked_restore_interval": max(1, min(10, CELERY_VISIBILITY_TIMEOUT // 3)),
        "unacked_restore_throttle": 1 if CELERY_VISIBILITY_TIMEOUT < 300 else 10,
    }
else:
    _queue_dir = VAR_DIR / "celery" / "queue"
    _processed_dir = VAR_DIR / "celery" / "processed"
    _queue_dir.mkdir(parents=True, exist_ok=True)
    _processed_dir.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://localhost//"
    CELERY_BROKER_TRANSPORT = "community.broker:Transport"  # kombu's, with messages written whole
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(_processed_dir),
        "store_processed": False,
        # Exchange tables, which kombu would otherwise write to ./control of whatever directory it runs in.
        "control_folder": str(VAR_DIR / "celery" / "control"),
        # An idle worker lists the queue folder this often; kombu's 1 s default would add up to a second to
        # every hop between a pipeline's steps.
        "polling_interval": 0.01,
    }
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "mlopshub")
# Work the broker never received (Redis was down) is made up for by a periodic resync: beat, run inside the
# worker (`celery worker -B`, as `make run` does), sends it every RESYNC_SECONDS. It works the same on the
# filesystem broker. A resync message older than one period is dropped unrun: the next one does the same job.
RESYNC_SECONDS = env_int("RESYNC_SECONDS", 30)
if RESYNC_SECONDS <= 0:
    raise ImproperlyConfigured("RESYNC_SECONDS must be a positive number of seconds.")
# A run the broker took but no worker started within this many seconds is sent again: Redis lost the message.
RESEND_QUEUED_SECONDS = env_int("RESEND_QUEUED_SECONDS", 300)
if RESEND_QUEUED_SECONDS <= 0:
    raise ImproperlyConfigured("RESEND_QUEUED_SECONDS must be a positive number of seconds.")
CELERY_BEAT_SCHEDULE = {
    "resync": {
        "task": "community.core.tasks.resync",
        "schedule": RESYNC_SECONDS,
        "options": {"expires": RESYNC_SECONDS},
    }
}
(VAR_DIR / "celery").mkdir(exist_ok=True)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celery" / "beat-schedule")

# The embedding model: a sentence-transformers name or path. Empty means the bundled all-MiniLM-L6-v2.
EMBEDDING_MODEL = os.environ.get("EMBEDDING_MODEL", "")
EMBEDDING_BATCH_SIZE = env_int("EMBEDDING_BATCH_SIZE", 64)
# Vector search is one small matrix-vector product: multi-threaded BLAS only fights torch's threads for the
# cores (measured: encode + search 24 ms with it, 12 ms without). Set before anything imports numpy.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
# torch's OpenMP threads spin after each encode; with two web workers, the idle one's spinning threads took a
# core from the busy one (similar-question search 17.5 ms at the default spin count, 15.2 ms at this one).
os.environ.setdefault("GOMP_SPINCOUNT", "10000")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
