"""Configuration: the only module that reads the environment."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = Path(os.environ.get("INSTANCE_PATH", ROOT / "instance")).resolve()


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _dev_secret_key() -> str:
    """A development key generated once and kept in instance/ so sessions survive restarts."""
    path = INSTANCE / "dev-secret-key"
    if not path.exists():
        INSTANCE.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def _dev_helpdesk_key() -> str:
    """A development encryption key for help requests, generated once into instance/."""
    from cryptography.fernet import Fernet

    path = INSTANCE / "dev-helpdesk-key"
    if not path.exists():
        INSTANCE.mkdir(parents=True, exist_ok=True)
        path.write_bytes(Fernet.generate_key())
        path.chmod(0o600)
    return path.read_text().strip()


def helpdesk_keys(value: str | None) -> tuple[str, ...]:
    """HELPDESK_KEYS: comma-separated Fernet keys, the newest (used to encrypt) first.
    Raises RuntimeError with a clear message when a key is missing or malformed."""
    from cryptography.fernet import Fernet

    keys = tuple(k.strip() for k in (value or "").split(",") if k.strip())
    if not keys:
        raise RuntimeError("HELPDESK_KEYS must be set outside development: help requests "
                           "are encrypted at rest. Generate a key with `flask helpdesk "
                           "new-key` and keep it with your backups.")
    for number, key in enumerate(keys, 1):
        try:
            Fernet(key)
        except (ValueError, TypeError) as exc:
            raise RuntimeError(f"HELPDESK_KEYS: key {number} is not a valid key (32 "
                               "url-safe base64-encoded bytes, as `flask helpdesk new-key` "
                               "prints).") from exc
    return keys


def _database_url(url: str | None) -> str:
    if not url:
        return f"sqlite:///{INSTANCE / 'diaspora.sqlite'}"
    # Hosting platforms hand out postgres:// URLs; we speak psycopg 3.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


class Config:
    ENV_NAME = os.environ.get("APP_ENV", "development")
    DEBUG = False
    TESTING = False
    SECRET_KEY = os.environ.get("SECRET_KEY")
    INSTANCE_PATH = str(INSTANCE)
    SQLALCHEMY_DATABASE_URI = _database_url(os.environ.get("DATABASE_URL"))
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", 8 * 1024 * 1024))
    MAX_FORM_MEMORY_SIZE = 512 * 1024
    TRUSTED_HOSTS = [h for h in os.environ.get("TRUSTED_HOSTS", "").split(",") if h] or None
    PROXY_FIX = int(os.environ.get("PROXY_FIX", "0"))
    PREFERRED_URL_SCHEME = os.environ.get("PREFERRED_URL_SCHEME", "http")
    SERVER_NAME = os.environ.get("SERVER_NAME")
    # The canonical origin ("https://diaspora.example") of every link the site mails out.
    BASE_URL = os.environ.get("BASE_URL")

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    REMEMBER_COOKIE_DURATION = timedelta(days=30)
    PERMANENT_SESSION_LIFETIME = timedelta(days=14)
    STAFF_IDLE_TIMEOUT = timedelta(minutes=30)

    WTF_CSRF_TIME_LIMIT = 4 * 3600

    BABEL_DEFAULT_LOCALE = "tg"
    BABEL_DEFAULT_TIMEZONE = "UTC"
    BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "translations")
    LANGUAGES = ("tg", "ru", "en")

    REDIS_URL = os.environ.get("REDIS_URL")
    RATELIMIT_ENABLED = _env_bool("RATELIMIT_ENABLED", True)
    RATELIMIT_STORAGE_URI = REDIS_URL or "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "10 per minute;50 per hour")
    # Per client (address) for the open-data API; harvesting 10,000 rows at 100 a page
    # takes 100 requests.
    API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "600 per minute")
    REGISTER_RATE_LIMIT = os.environ.get("REGISTER_RATE_LIMIT", "5 per minute;30 per hour")
    RESET_RATE_LIMIT = os.environ.get("RESET_RATE_LIMIT", "5 per minute;20 per hour")
    LOCKOUT_THRESHOLD = 5
    LOCKOUT_MAX_SECONDS = 3600

    # Argon2id parameters; the library defaults (RFC 9106 low-memory profile).
    ARGON2_TIME_COST = 3
    ARGON2_MEMORY_COST = 65536
    ARGON2_PARALLELISM = 4

    TOKEN_MAX_AGE = int(os.environ.get("TOKEN_MAX_AGE", 24 * 3600))

    MAIL_SERVER = os.environ.get("MAIL_SERVER")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "587"))
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_USE_TLS = _env_bool("MAIL_USE_TLS", True)
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "no-reply@diaspora.localhost")
    MAIL_DIR = os.environ.get("MAIL_DIR", str(INSTANCE / "mail"))

    REPORT_THRESHOLD = int(os.environ.get("REPORT_THRESHOLD", "3"))
    # Reports count towards hiding an item only from confirmed accounts at least this old.
    REPORT_MIN_ACCOUNT_AGE = timedelta(hours=int(os.environ.get("REPORT_MIN_ACCOUNT_AGE",
                                                                "72")))
    UPLOAD_DIR = os.environ.get("UPLOAD_DIR", str(INSTANCE / "uploads"))
    # Uploads on this host's disk (UPLOAD_DIR, the default) or, with STORAGE_BACKEND=s3, in
    # one bucket of an S3-compatible object store shared by every app host.
    STORAGE_BACKEND = os.environ.get("STORAGE_BACKEND", "local")
    S3_ENDPOINT_URL = os.environ.get("S3_ENDPOINT_URL")  # empty: AWS itself
    S3_BUCKET = os.environ.get("S3_BUCKET")
    S3_ACCESS_KEY_ID = os.environ.get("S3_ACCESS_KEY_ID")
    S3_SECRET_ACCESS_KEY = os.environ.get("S3_SECRET_ACCESS_KEY")
    S3_REGION = os.environ.get("S3_REGION", "us-east-1")
    LOGO_MAX_BYTES = int(os.environ.get("LOGO_MAX_BYTES", 2 * 1024 * 1024))
    PHOTO_MAX_BYTES = int(os.environ.get("PHOTO_MAX_BYTES", 4 * 1024 * 1024))
    ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024))

    # Investment projects: open offers an expert may have at once; days an offer may wait
    # for an answer before it expires.
    PROJECT_OPEN_OFFERS_LIMIT = int(os.environ.get("PROJECT_OPEN_OFFERS_LIMIT", "5"))
    PROJECT_OFFER_EXPIRY_DAYS = int(os.environ.get("PROJECT_OFFER_EXPIRY_DAYS", "14"))
    PROJECT_DOCUMENT_MAX_BYTES = int(os.environ.get("PROJECT_DOCUMENT_MAX_BYTES",
                                                    5 * 1024 * 1024))

    # The fund: smallest and largest pledge, in major units of the pledge's currency.
    FUND_CURRENCIES = ("TJS", "USD", "EUR", "RUB")
    FUND_PLEDGE_MIN = {"TJS": 10, "USD": 1, "EUR": 1, "RUB": 100}
    FUND_PLEDGE_MAX = {"TJS": 1_000_000, "USD": 100_000, "EUR": 100_000, "RUB": 10_000_000}
    FUND_STATEMENT_MAX_BYTES = int(os.environ.get("FUND_STATEMENT_MAX_BYTES", 2 * 1024 * 1024))

    # Community: event reminders go out this many hours before the start; resources'
    # files are limited in size.
    EVENT_REMINDER_HOURS = int(os.environ.get("EVENT_REMINDER_HOURS", "24"))
    RESOURCE_MAX_BYTES = int(os.environ.get("RESOURCE_MAX_BYTES", 20 * 1024 * 1024))

    # Whole pages kept for anonymous readers (see page_cache.py): in Redis when REDIS_URL is
    # set, otherwise in each process's memory.
    PAGE_CACHE_ENABLED = _env_bool("PAGE_CACHE_ENABLED", True)
    # Lists' totals and facet counts kept until their tables change (see table_cache.py).
    TABLE_CACHE_ENABLED = _env_bool("TABLE_CACHE_ENABLED", True)
    PAGE_CACHE_TTL = int(os.environ.get("PAGE_CACHE_TTL", "60"))
    PAGE_CACHE_REDIS_URL = REDIS_URL
    PAGE_CACHE_PREFIX = os.environ.get("PAGE_CACHE_PREFIX", "diaspora:")
    PAGE_CACHE_ENDPOINTS = frozenset({
        "main.home", "organisations.directory", "organisations.detail", "directory.browse",
        "directory.detail", "fund.index", "fund.campaign", "news.index", "news.detail",
        "events.index", "events.detail", "competitions.index", "projects.index",
        "guides.index", "guides.detail",
    })
    # Of those, the pages a signed-in member gets assembled from the anonymous page with
    # only their `personal(...)` regions rendered for them (see member_pages.py).
    MEMBER_PAGE_ENDPOINTS = frozenset({
        "main.home", "organisations.directory", "directory.browse", "fund.index",
        "news.index", "events.index", "competitions.index", "projects.index",
    })

    # Help requests: encryption keys (see helpdesk_keys), months a closed request is kept
    # before only anonymous counts remain, and how text messages reach people ("log": a
    # development gateway that writes a redacted line to the log).
    HELPDESK_KEYS: tuple[str, ...] = ()
    HELPDESK_RETENTION_MONTHS = int(os.environ.get("HELPDESK_RETENTION_MONTHS", "12"))
    HELPDESK_GATEWAY = os.environ.get("HELPDESK_GATEWAY", "log")
    HELPDESK_RATE_LIMIT = os.environ.get("HELPDESK_RATE_LIMIT", "5 per minute;30 per hour")
    # At start-up, read the newest stored request: a wrong key refuses to start.
    HELPDESK_CHECK_KEYS_AT_START = True
    # Addresses without a language prefix besides static files, feeds, calendar files,
    # exports, /api and /healthz (language_urls): files and the language switch itself.
    LANGUAGE_NEUTRAL_ENDPOINTS = frozenset({
        "static", "main.healthz", "metrics", "main.set_language", "organisations.logo",
        "directory.photo", "competitions.download", "projects.document",
        "resources.download", "fund.evidence", "helpdesk.attachment",
    })

    # Logs: "text" (human-readable) or "json" (one object per line, for a log collector).
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
    LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
    # /metrics answers the host itself, or a scraper sending "Authorization: Bearer TOKEN".
    METRICS_TOKEN = os.environ.get("METRICS_TOKEN")

    SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "whoosh")
    SEARCH_INDEX_DIR = os.environ.get("SEARCH_INDEX_DIR", str(INSTANCE / "search-index"))
    # inline: also apply the search outbox right after each commit (tests, commands);
    # otherwise (thread, worker) the worker applies it.
    SEARCH_INDEXER = os.environ.get("SEARCH_INDEXER", "thread")
    # Memory (MB of postings) each process of a full Whoosh rebuild holds before spilling
    # to disk; a rebuild of 100,000 documents peaks near 1.3 GB per process at 512.
    SEARCH_REBUILD_MB = int(os.environ.get("SEARCH_REBUILD_MB", "512"))

    # Where the worker runs (search outbox, mail, scheduled jobs): thread (in the web
    # process, one process), external (`flask worker` on one or more hosts), inline (tests).
    WORKER = os.environ.get("WORKER", "thread")
    WORKER_INTERVAL = float(os.environ.get("WORKER_INTERVAL", "1"))
    OUTBOX_MAX_ATTEMPTS = int(os.environ.get("OUTBOX_MAX_ATTEMPTS", "12"))
    OUTBOX_RETRY_SECONDS = int(os.environ.get("OUTBOX_RETRY_SECONDS", "30"))
    OUTBOX_RETRY_MAX_SECONDS = int(os.environ.get("OUTBOX_RETRY_MAX_SECONDS", "900"))
    JOB_MAX_FAILURES = int(os.environ.get("JOB_MAX_FAILURES", "5"))
    # /healthz answers 503 past these (seconds).
    HEALTH_OUTBOX_LAG_MAX = int(os.environ.get("HEALTH_OUTBOX_LAG_MAX", "120"))
    HEALTH_HEARTBEAT_MAX = int(os.environ.get("HEALTH_HEARTBEAT_MAX", "60"))

    def __init__(self) -> None:
        self._read_deployment()
        if self.ENV_NAME == "development":
            self.DEBUG = _env_bool("FLASK_DEBUG", False)
            if not self.SECRET_KEY:
                self.SECRET_KEY = _dev_secret_key()
        elif not self.SECRET_KEY:
            raise RuntimeError("SECRET_KEY must be set outside development (APP_ENV).")
        check_deployment(self)
        keys = os.environ.get("HELPDESK_KEYS")
        if self.ENV_NAME == "development" and not keys:
            keys = _dev_helpdesk_key()
        self.HELPDESK_KEYS = helpdesk_keys(keys)
        if self.SQLALCHEMY_DATABASE_URI.startswith("sqlite"):
            INSTANCE.mkdir(parents=True, exist_ok=True)

    def _read_deployment(self) -> None:
        """Settings that depend on APP_ENV, read when the configuration is built."""
        self.ENV_NAME = os.environ.get("APP_ENV", "development")
        self.SERVER_NAME = os.environ.get("SERVER_NAME")
        self.BASE_URL = os.environ.get("BASE_URL")
        self.TRUSTED_HOSTS = [h for h in os.environ.get("TRUSTED_HOSTS", "").split(",")
                              if h.strip()] or None
        self.PROXY_FIX = int(os.environ.get("PROXY_FIX", "0"))
        # Production serves HTTPS only: cookies are Secure unless the operator says otherwise.
        production = self.ENV_NAME == "production"
        self.SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", production)
        self.REMEMBER_COOKIE_SECURE = self.SESSION_COOKIE_SECURE
        if production:
            self.PREFERRED_URL_SCHEME = os.environ.get("PREFERRED_URL_SCHEME", "https")


def check_deployment(config) -> None:
    """Refuse to start a deployment that would build links from the visitor's Host header."""
    if config.ENV_NAME == "production" and not (config.BASE_URL or config.SERVER_NAME):
        raise RuntimeError("APP_ENV=production needs BASE_URL (the canonical "
                           "https://host) or SERVER_NAME: mailed links must not follow "
                           "the request's Host header.")
    if config.ENV_NAME != "development" and not config.TRUSTED_HOSTS:
        raise RuntimeError("TRUSTED_HOSTS (comma-separated host names) must be set outside "
                           "development (APP_ENV).")
    if config.STORAGE_BACKEND not in ("local", "s3"):
        raise RuntimeError("STORAGE_BACKEND is 'local' (the default) or 's3'.")
    if config.STORAGE_BACKEND == "s3" and not config.S3_BUCKET:
        raise RuntimeError("STORAGE_BACKEND=s3 needs S3_BUCKET (and S3_ENDPOINT_URL, "
                           "S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY unless AWS defaults apply).")


class TestingConfig(Config):
    """Fast, isolated settings for the test suite; tests override paths per run."""

    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = "test-secret-key-not-for-production"
    # Still argon2id, with the smallest sensible cost: the suite hashes and verifies
    # thousands of passwords, and what it checks is the behaviour, not the work factor.
    ARGON2_TIME_COST = 1
    ARGON2_MEMORY_COST = 8192
    ARGON2_PARALLELISM = 1
    WTF_CSRF_ENABLED = False
    RATELIMIT_ENABLED = False
    RATELIMIT_STORAGE_URI = "memory://"
    ARGON2_TIME_COST = 1
    ARGON2_MEMORY_COST = 8
    ARGON2_PARALLELISM = 1
    MAIL_SERVER = None
    TRUSTED_HOSTS = None
    SEARCH_INDEXER = "inline"
    WORKER = "inline"
    STORAGE_BACKEND = "local"  # the storage tests run each backend explicitly
    # Tests that check the page cache turn it on; the rest read pages fresh.
    PAGE_CACHE_ENABLED = False
    PAGE_CACHE_REDIS_URL = None
    HELPDESK_KEYS = ("0vmV1lrV1Yb0mGv2V6cO2p0yP8bqg1aOxU6w1yJmS1E=",)
    HELPDESK_CHECK_KEYS_AT_START = False
    TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
    CI = _env_bool("CI", False)

    def __init__(self) -> None:  # no dev key file, no instance side effects
        pass


def load_config(config: object | dict | None) -> object:
    """Return a config object; a dict overrides the matching settings of TestingConfig."""
    if config is None:
        return Config()
    if isinstance(config, dict):
        obj = TestingConfig()
        for key, value in config.items():
            setattr(obj, key, value)
        return obj
    return config
