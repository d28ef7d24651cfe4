"""Settings come from the environment: DATABASE_URL, SECRET_KEY, AUDIT_KEY, DEBUG, ZHENGXIE_VAR,
SERVED_OVER_HTTPS, CLIENT_IP_HEADER, API_TOKEN_MAX_AGE_DAYS."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("ZHENGXIE_VAR", Path.cwd() / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _flag(name: str) -> bool:
    return os.environ.get(name, "").lower() in ("1", "true", "yes", "on")


DEBUG = _flag("DEBUG")


def _key(variable: str, filename: str) -> str:
    """A key from the environment, else one generated once and kept under var/ (never in the
    database, so that whoever can write the database cannot also forge what the key signs)."""
    if os.environ.get(variable):
        return os.environ[variable]
    path = VAR_DIR / filename
    if not path.exists():
        import secrets

        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _key("SECRET_KEY", "secret_key")
# Keys the audit trail's hash chain (HMAC-SHA256). Keep a copy apart from database backups.
AUDIT_KEY = _key("AUDIT_KEY", "audit_key")
# `zhengxie tick` appends each chain's head here, so that a trimmed tail is caught even when
# the database's own head row is rewritten to match. Make it append-only (chattr +a).
AUDIT_ANCHOR_PATH = Path(os.environ.get("AUDIT_ANCHOR_PATH", VAR_DIR / "audit_anchor.log"))
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    # First, so that its runserver (with a larger listen backlog) wins over staticfiles'.
    "zhengxie.core",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "zhengxie.members",
    "zhengxie.duty",
    "zhengxie.proposals",
    "zhengxie.meetings",
    "zhengxie.opinions",
    "zhengxie.consultations",
    "zhengxie.fieldwork",
    "zhengxie.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files before sessions and auth: a stylesheet costs no session or user query.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "zhengxie.core.middleware.RequestContextMiddleware",
    "zhengxie.core.inputs.InputProblemMiddleware",
    "zhengxie.core.middleware.PasswordChangeMiddleware",
]

ROOT_URLCONF = "zhengxie.urls"
WSGI_APPLICATION = "zhengxie.wsgi.application"

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
                "zhengxie.core.context.navigation",
            ]
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'zhengxie.sqlite3'}"),
        conn_max_age=0,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock when a transaction starts, so concurrent writers
    # wait on busy_timeout instead of failing with a stale WAL snapshot.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
            " PRAGMA foreign_keys=ON;"
        ),
    }
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
    # Each server thread keeps its connection: opening one (Django registers its SQL
    # functions, then the PRAGMAs above) cost ~4 ms, a third of a check-in (bench/checkin).
    DATABASES["default"]["CONN_MAX_AGE"] = 600
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"

PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "zhengxie.core.passwords.ComplexityValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"

# Failed logins are counted per account and client address: 5 in 15 minutes from one address
# block that address for that account only, so a stranger's guesses never lock the owner out.
# Across all addresses, 30 failures in 24 hours lock the account itself (until the security
# administrator unlocks it), which bounds a distributed guessing run.
LOGIN_WINDOW_MINUTES = 15
LOGIN_TRIES_PER_ADDRESS = 5
LOGIN_ACCOUNT_CEILING = 30
LOGIN_ACCOUNT_WINDOW_HOURS = 24
# Behind a reverse proxy every request comes from the proxy's address; name the header the
# proxy sets to the client's address (e.g. HTTP_X_REAL_IP). Only set it when a proxy that
# overwrites the header stands in front, or clients can choose their own address.
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")
IDLE_TIMEOUT_SECONDS = 30 * 60
API_TOKEN_MAX_AGE_DAYS = int(os.environ.get("API_TOKEN_MAX_AGE_DAYS", "30"))
SESSION_COOKIE_AGE = IDLE_TIMEOUT_SECONDS
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# `zhengxie serve` (make run) collects into STATIC_ROOT; WhiteNoise serves those files gzipped
# under content-hashed names with a far-future cache header. The tests render pages without
# collecting (zhengxie/conftest.py switches to the plain storage).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "政协履职协商平台 <noreply@zhengxie.local>"
)

TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True


def https_settings(served_over_https: bool) -> dict:
    """A deployment served over HTTPS (behind a proxy that terminates TLS and sets
    X-Forwarded-Proto) sends its cookies only over HTTPS and tells browsers so (HSTS)."""
    if not served_over_https:
        return {"SESSION_COOKIE_SECURE": False, "CSRF_COOKIE_SECURE": False}
    return {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
        "SECURE_HSTS_SECONDS": 365 * 24 * 3600,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": False,
    }


SERVED_OVER_HTTPS = _flag("SERVED_OVER_HTTPS")
globals().update(https_settings(SERVED_OVER_HTTPS))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    # A 404 or 405 is the client's business, not the operator's: only server errors reach
    # the console.
    "loggers": {"django.request": {"level": "ERROR"}},
}
