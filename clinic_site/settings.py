"""Settings for the clinic website, read from the environment.

Without DJANGO_DEBUG=true the site runs in production mode and fails closed:
it refuses to start without a real secret key and allowed hosts. `make run`
sets DJANGO_DEBUG=true for local work; see the README's configuration table.
"""

import base64
import binascii
from pathlib import Path
from typing import Any

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from access_record.keys import InvalidAccessRecordKey
from access_record.keys import parse_keys as parse_access_record_keys
from clinic_site.cache import resilient_redis_settings
from clinic_site.local_keys import local_keys
from clinic_site.media_storage import s3_storage
from encryption.keys import check_keys

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="local-development-only-key-never-used-in-production")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
else:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "Production mode needs DJANGO_SECRET_KEY (50+ random characters). "
            "For local work set DJANGO_DEBUG=true or use `make run`."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Production mode needs DJANGO_ALLOWED_HOSTS (comma-separated host names).")

# Patients' contact details are stored encrypted (encryption/): keys independent of SECRET_KEY, newest first.
# Locally (debug) they come from a git-ignored file made on first use; production refuses to start without them.
FIELD_ENCRYPTION_KEYS = env.list("DJANGO_FIELD_ENCRYPTION_KEYS", default=[])
FIELD_HASH_KEY = env.str("DJANGO_FIELD_HASH_KEY", default="")
if DEBUG and not (FIELD_ENCRYPTION_KEYS and FIELD_HASH_KEY):
    _local_keys = local_keys()
    FIELD_ENCRYPTION_KEYS = FIELD_ENCRYPTION_KEYS or _local_keys["DJANGO_FIELD_ENCRYPTION_KEYS"].split(",")
    FIELD_HASH_KEY = FIELD_HASH_KEY or _local_keys["DJANGO_FIELD_HASH_KEY"]
check_keys(encryption_keys=FIELD_ENCRYPTION_KEYS, hash_key=FIELD_HASH_KEY)

INSTALLED_APPS = [
    "staff.admin_config.ClinicAdminConfig",  # django.contrib.admin with the second-factor admin site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django_ratelimit",  # installed only so its system check verifies the rate-limit cache
    "django_tasks",
    "django_tasks_db",
    "staff",
    "translation",
    "content",
    "sitetext",
    "publishing",
    "clinic",
    "treatments",
    "financing",
    "intake",
    "booking",
    "media_library",
    "team",
    "outbox",
    "jobs",
    "encryption",
    "access_record",
    "backups",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Gzips the pages rendered now (the page cache sends its own pages compressed already).
    "clinic_site.middleware.CompressedPagesMiddleware",
    "translation.middleware.PathLanguageMiddleware",
    "clinic_site.middleware.DatabaseUnavailableMiddleware",
    "content.page_cache.PublicPageCacheMiddleware",
    "content.page_cache.PageFrameMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "clinic_site.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # Refuses form data that is not UTF-8 before the CSRF check reads request.POST.
    "clinic_site.middleware.FormEncodingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "staff.middleware.StaffSessionMaxAgeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "staff.middleware.StaffIdleSignOutMiddleware",  # after messages: the login page says why
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "clinic_site.urls"
WSGI_APPLICATION = "clinic_site.wsgi.application"

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
                "clinic.context_processors.clinic",
                "sitetext.context_processors.site_texts",
                "intake.context_processors.waitlists",
                "publishing.context_processors.page_preview",
                "translation.context_processors.languages",
            ],
        },
    },
]

# Databases, cache and email each come from one URL.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# The longest one PostgreSQL round trip may take, watched from our side (clinic_site/db_deadline.py).
DATABASE_QUERY_DEADLINE_SECONDS = env.float("DATABASE_QUERY_DEADLINE_SECONDS", default=2.5)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that stops answering costs a request seconds, never the worker: with a stalled database a
    # page waits at most the deadline (a reused connection's health check) plus connect_timeout, under 5 s,
    # then gets the branded 503 page (and /healthz/ 503).
    DATABASES["default"]["ENGINE"] = "clinic_site.postgresql"  # Django's backend plus that deadline
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "connect_timeout": env.int("DATABASE_CONNECT_TIMEOUT", default=2),  # psycopg's minimum
            # The server cancels a slow statement cleanly just before our own deadline would cut it.
            "options": f"-c statement_timeout={env.int('DATABASE_STATEMENT_TIMEOUT_MS', default=2000)}",
            # Notice a peer that vanished (no RST) on an idle connection within about 8 seconds, and give up
            # on data the network never acknowledges within the deadline.
            "keepalives": 1,
            "keepalives_idle": 5,
            "keepalives_interval": 1,
            "keepalives_count": 3,
            "tcp_user_timeout": int(DATABASE_QUERY_DEADLINE_SECONDS * 1000),
        }
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # One writer at a time, without "database is locked": readers never block the writer (WAL), a writer
    # waits up to 20 s for another (busy timeout), and a transaction takes the write lock when it begins
    # (IMMEDIATE), so it never fails half-way by upgrading a read lock. `:memory:` (tests) ignores WAL.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            # secure_delete: a deleted row's bytes are overwritten with zeros, so a purged or erased person is
            # not left in free pages of the file (Debian builds SQLite with it on, not every build does);
            # clinic_site/sqlite.py empties the write-ahead log after such deletions.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://clinic-site")}
CACHES["default"].setdefault("KEY_PREFIX", "clinic")
if CACHES["default"]["BACKEND"].startswith("django_redis."):
    # The cache only speeds the site up: a Redis that is down, hung or full costs a short wait at most,
    # then is skipped for a few seconds (clinic_site/cache.py), and every page is rendered uncached.
    CACHES["default"] = resilient_redis_settings(
        CACHES["default"],
        timeout=env.float("CACHE_TIMEOUT_SECONDS", default=0.25),
        pause=env.float("CACHE_RETRY_AFTER_SECONDS", default=5),
    )

# EMAIL_URL such as smtp+tls://user:password@mail.example.org:587 sets backend, host, port and TLS.
# Production needs it spelled out and real: the console backend would print patients' emails into the logs.
if not DEBUG and not env.str("EMAIL_URL", default=""):
    raise ImproperlyConfigured("Production mode needs EMAIL_URL, e.g. smtp+tls://user:password@mail.example.org:587.")
_email = env.email_url_config(env.str("EMAIL_URL", default="consolemail://"))
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"] or "localhost"
EMAIL_PORT = _email["EMAIL_PORT"] or 25
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
if not DEBUG and EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend":
    raise ImproperlyConfigured("Production mode never prints emails: set EMAIL_URL to the mail server.")
# Seconds; without a limit a mail server that stops answering would hold a sign-up request forever.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str(
    "DJANGO_DEFAULT_FROM_EMAIL", default="Resilience Integrative Wellness <no-reply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
STAFF_NOTIFICATION_EMAIL = env.str("STAFF_NOTIFICATION_EMAIL", default="intake@localhost")
# Owed emails are kept and retried this long before coordinators see "could not be sent".
OUTBOX_GIVE_UP_HOURS = env.int("OUTBOX_GIVE_UP_HOURS", default=72)
# An email a worker claimed but never marked (it died mid-send) is sent again after this long, so it must be
# far past the longest send: at most about 15 network waits (connect, greeting, EHLO, STARTTLS, TLS, EHLO,
# AUTH, MAIL, RCPT, DATA, the message, the reply), each cut off at EMAIL_TIMEOUT. 60 of them by default.
OUTBOX_STALLED_AFTER_SECONDS = env.int("OUTBOX_STALLED_AFTER_SECONDS", default=max(600, 60 * EMAIL_TIMEOUT))
if OUTBOX_STALLED_AFTER_SECONDS < 20 * EMAIL_TIMEOUT:
    raise ImproperlyConfigured(
        "OUTBOX_STALLED_AFTER_SECONDS must be at least 20 x EMAIL_TIMEOUT, or an email still being sent "
        "could be sent a second time."
    )

# Background work (owed emails, routine jobs) runs in `manage.py worker`, from tasks stored in the database,
# so only the database is needed. The same locally: `make run` starts the worker beside runserver, so
# scheduled changes go live there too (and emails are printed).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Each app declares its routine jobs in its AppConfig (jobs.registry); the worker runs them.

# Admin lives at a configurable path to keep bots off the login form.
ADMIN_URL = env.str("DJANGO_ADMIN_URL", default="admin/").strip("/") + "/"
# Every staff login needs a second factor (authenticator app or recovery code) in production; off for
# local work so `make run` stays one command. Enrol staff with `manage.py enrol_staff_2fa USERNAME`.
ADMIN_REQUIRE_2FA = env.bool("DJANGO_ADMIN_REQUIRE_2FA", default=not DEBUG)
# The access record (access_record app) stores queue search words encrypted with these Fernet keys (env
# ACCESS_RECORD_KEY, comma-separated, newest first). Production refuses to start without one; locally (debug)
# it comes from the same git-ignored file as the field keys.
try:
    ACCESS_RECORD_KEYS = parse_access_record_keys(
        value=env.str("ACCESS_RECORD_KEY", default="") or (local_keys()["ACCESS_RECORD_KEY"] if DEBUG else "")
    )
except InvalidAccessRecordKey as error:
    raise ImproperlyConfigured(
        f"{error} Production needs ACCESS_RECORD_KEY; make one with "
        '`python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"`.'
    ) from None
OTP_TOTP_ISSUER = "Resilience Integrative Wellness"  # the name staff see in their authenticator app
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # admin never shows TOTP secrets or recovery codes again
# django-otp's own throttle refuses even the right code for a doubling time (days, in the end) after
# wrong ones, so whoever has a password could keep its owner out. Wrong codes are limited instead by
# django-axes and the per-account delay (staff.sign_in_limits), which spares the owner's browser.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0

# Only staff have sessions. They end when the browser closes, and at the latest 8 hours after sign-in
# (staff.middleware.StaffSessionMaxAgeMiddleware); a superuser can end them all at once in admin.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = 8 * 60 * 60
# And after this many minutes without activity (staff.middleware.StaffIdleSignOutMiddleware); the admin warns
# STAFF_IDLE_WARNING_SECONDS before and offers to stay signed in (static/js/admin-idle-warning.js).
STAFF_IDLE_MINUTES = env.int("DJANGO_STAFF_IDLE_MINUTES", default=15)
STAFF_IDLE_WARNING_SECONDS = 2 * 60
if not 3 <= STAFF_IDLE_MINUTES <= SESSION_COOKIE_AGE // 60:
    raise ImproperlyConfigured("DJANGO_STAFF_IDLE_MINUTES must be from 3 (the warning comes 2 minutes before) to 480.")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Reverse proxies in front of the app. Client addresses (lockouts, rate limits) come from
# X-Forwarded-For only when > 0, and then from the entry this many places from the right
# (clinic_site/client_address.py, the one place that decides).
PROXY_COUNT = env.int("DJANGO_PROXY_COUNT", default=0)

# Brute-force protection on the admin login, for an hour after five failures (a wrong password or a
# wrong code alike, staff.sign_in_forms). Two counters: one per client address, IPv6 per /64 (one
# machine guessing many accounts), one per username at that address (so a colleague somewhere else is
# never locked out by failures that are not theirs).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = ["ip_address", ["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "staff/lockout.html"
AXES_CLIENT_IP_CALLABLE = "clinic_site.client_address.lockout_address"
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "otp_token"]  # never stored with a failed attempt

# Guessing one account from many addresses (staff.sign_in_limits): after this many failures within an
# hour, each further try for that account waits twice as long as the last, up to the maximum. A browser
# that has signed in to the account before skips the wait, so nobody can lock a colleague out.
STAFF_ACCOUNT_FREE_FAILURES = env.int("STAFF_ACCOUNT_FREE_FAILURES", default=10)
STAFF_ACCOUNT_MAX_DELAY_SECONDS = env.int("STAFF_ACCOUNT_MAX_DELAY_SECONDS", default=300)
STAFF_KNOWN_BROWSER_COOKIE = "staff_browser"  # "__Secure-" prefixed with secure cookies, below

# English keeps every address; Spanish lives under /es/ (clinic_site/urls.py). The language comes from
# the address alone (translation.middleware.PathLanguageMiddleware), never from the browser's settings.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["clinic_site.formats"]
TIME_ZONE = "America/Los_Angeles"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0

# --- Images (media_library) ---------------------------------------------------
# Uploaded images and their renditions are kept through Django's default storage: a folder on this server
# (MEDIA_ROOT) unless MEDIA_S3_BUCKET names the clinic's own S3-compatible bucket (django-storages). Either way
# the site serves them itself under /media/ (media_library.views), so no page asks another host for anything.
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "var" / "media")
MEDIA_URL = "/media/"
# The largest upload a staff form takes (clinic_site.middleware): well above the library's 10 MB per picture, so a
# picture over that gets the form's own error next to the field rather than the 400 page.
STAFF_UPLOAD_MAX_BYTES = 32 * 1024 * 1024
MEDIA_S3_BUCKET = env.str("MEDIA_S3_BUCKET", default="")
if MEDIA_S3_BUCKET:
    STORAGES["default"] = s3_storage(
        bucket=MEDIA_S3_BUCKET,
        endpoint_url=env.str("MEDIA_S3_ENDPOINT_URL", default=""),
        region=env.str("MEDIA_S3_REGION", default=""),
        access_key=env.str("MEDIA_S3_ACCESS_KEY_ID", default=""),
        secret_key=env.str("MEDIA_S3_SECRET_ACCESS_KEY", default=""),
        prefix=env.str("MEDIA_S3_PREFIX", default=""),
        debug=DEBUG,
    )

# Seconds a rendered public page stays in the cache; any content save clears it at once.
# Off in local debug mode so template edits show at once.
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=0 if DEBUG else 600)
# How often each server process asks the shared cache for the content version: a save is seen at once by the
# process that made it, and by every other one within this many seconds.
CONTENT_VERSION_CHECK_SECONDS = env.float("CONTENT_VERSION_CHECK_SECONDS", default=1.0)

# --- Security -----------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "clinic_site.views.csrf_failure"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

SECURE_COOKIES = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
if SECURE_COOKIES:
    # The __Secure- prefix makes browsers refuse these cookies over plain HTTP.
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Secure-sessionid"
    CSRF_COOKIE_NAME = "__Secure-csrftoken"
    STAFF_KNOWN_BROWSER_COOKIE = "__Secure-staff_browser"

if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]

# Strict CSP: nothing inline and nothing from another host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# Patient data must never reach logs; requests are logged without bodies or query strings, and
# credential links (e.g. /waitlist/leave/<token>/) are masked (clinic_site/log_privacy.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"personal_data": {"()": "clinic_site.log_privacy.PersonalDataFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["personal_data"]},
        # A logger with no handler at all falls back to logging.lastResort, which prints the message and traceback.
        "muted": {"class": "logging.NullHandler"},
    },
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # runserver's request lines (`make run`) go through the same filter instead of Django's own handler.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # A line per task run (twice a minute for the routine jobs) drowns what matters; failures still show.
        "django_tasks": {"level": "WARNING"},
        # Its line quotes the refused Host header with a traceback; clinic_site.views.bad_request logs one line instead.
        "django.security.DisallowedHost": {"handlers": ["muted"], "propagate": False},
    },
}

# --- Backups ------------------------------------------------------------------
# The worker writes an encrypted backup into this folder every night (backups/services.py), keeping the newest
# BACKUP_KEEP; unset, no nightly backup. The key (32 random bytes, URL-safe base64) also opens the backups.
_backup_dir = env.str("DJANGO_BACKUP_DIR", default="")
BACKUP_DIR = Path(_backup_dir) if _backup_dir else None
BACKUP_KEY = env.str("DJANGO_BACKUP_KEY", default="")
BACKUP_KEEP = env.int("DJANGO_BACKUP_KEEP", default=14)
# The longest pg_dump or pg_restore may run before it is stopped.
BACKUP_TIMEOUT_SECONDS = env.int("DJANGO_BACKUP_TIMEOUT_SECONDS", default=3600)
if BACKUP_KEEP < 1:
    raise ImproperlyConfigured("DJANGO_BACKUP_KEEP must be at least 1.")
if BACKUP_KEY or (BACKUP_DIR is not None and not DEBUG):
    # The rule of backups.encryption.parse_key, which settings cannot import (an app's module loaded by the
    # settings hides model managers from django-stubs).
    try:
        _backup_key_bytes = len(base64.urlsafe_b64decode(BACKUP_KEY.encode("ascii")))
    except (binascii.Error, ValueError):
        _backup_key_bytes = 0
    if _backup_key_bytes != 32:
        raise ImproperlyConfigured(
            "DJANGO_BACKUP_KEY must be 32 random bytes in URL-safe base64 (44 characters; "
            "`manage.py backup_database --new-key` makes one). Production needs it whenever DJANGO_BACKUP_DIR is set."
        )

# --- Waitlist -----------------------------------------------------------------
# Retention (intake.services.retention, run daily by the worker and by `manage.py purge_waitlist`): closed
# requests (withdrawn, declined, completed) are deleted, with their history, this many days after their last change;
WAITLIST_RETENTION_DAYS = env.int("WAITLIST_RETENTION_DAYS", default=180)
# open ones with no contact or change for this many days are shown to coordinators for a decision, and deleted
# this grace period after the daily job first flags them unless someone acts on them.
WAITLIST_STALE_DAYS = env.int("WAITLIST_STALE_DAYS", default=730)
WAITLIST_STALE_GRACE_DAYS = env.int("WAITLIST_STALE_GRACE_DAYS", default=30)
if WAITLIST_STALE_DAYS < 30 or WAITLIST_STALE_GRACE_DAYS < 7:
    raise ImproperlyConfigured(
        "WAITLIST_STALE_DAYS must be at least 30 and WAITLIST_STALE_GRACE_DAYS at least 7: coordinators need "
        "time to reach people and to decide before open requests are deleted."
    )
# What the call-back and waitlist pages say about how long things usually take (intake.selectors): shown only
# from at least this many requests (call backs the clinic made in the last 90 days; people on a waitlist), and
# worked out again at most this many seconds later (content saves leave them be: they come from the requests).
EXPECTED_TIMES_MIN_REQUESTS = env.int("EXPECTED_TIMES_MIN_REQUESTS", default=10)
EXPECTED_TIMES_CACHE_SECONDS = env.int("EXPECTED_TIMES_CACHE_SECONDS", default=300)
if EXPECTED_TIMES_MIN_REQUESTS < 5 or not 1 <= EXPECTED_TIMES_CACHE_SECONDS <= 3600:
    raise ImproperlyConfigured(
        "EXPECTED_TIMES_MIN_REQUESTS must be at least 5 (fewer says more about a few people than about the clinic) "
        "and EXPECTED_TIMES_CACHE_SECONDS from 1 to 3600 (the pages must not show old figures for long)."
    )
# How long a patient's own link keeps working: the status page (and the older "take me off the list" link) from
# the confirmation email or a check-in email; every check-in email carries a fresh one.
WAITLIST_REMOVAL_LINK_MAX_AGE_DAYS = env.int("WAITLIST_REMOVAL_LINK_MAX_AGE_DAYS", default=180)
# Every this many weeks the worker asks each waiting person "Do you still want your place?"
# (intake.services.checkins); after two unanswered check-ins the entry is inactive until the person says yes.
WAITLIST_CHECKIN_WEEKS = env.int("WAITLIST_CHECKIN_WEEKS", default=12)
if WAITLIST_CHECKIN_WEEKS < 1:
    raise ImproperlyConfigured("WAITLIST_CHECKIN_WEEKS must be at least 1.")
# Waitlist invitations (intake.services.offers): how long a person has to answer an offered place before it passes
# to the next person, and how many offers of one waitlist may wait for an answer at once (the other places wait).
WAITLIST_OFFER_HOURS = env.int("WAITLIST_OFFER_HOURS", default=72)
if WAITLIST_OFFER_HOURS < 1:
    raise ImproperlyConfigured("WAITLIST_OFFER_HOURS must be at least 1.")
WAITLIST_MAX_OPEN_OFFERS = env.int("WAITLIST_MAX_OPEN_OFFERS", default=10)
if WAITLIST_MAX_OPEN_OFFERS < 1:
    raise ImproperlyConfigured("WAITLIST_MAX_OPEN_OFFERS must be at least 1.")
# The public address links in emails the worker writes on its own (check-ins) start with; by default the first of
# DJANGO_ALLOWED_HOSTS, over HTTPS in production. Emails written during a request use the request's address.
WAITLIST_LINK_BASE_URL = env.str(
    "WAITLIST_LINK_BASE_URL",
    default=f"{'http' if DEBUG else 'https'}://{(ALLOWED_HOSTS or ['localhost'])[0]}{':8000' if DEBUG else ''}",
)
# Sign-ups per client address (IPv6: per /64), in django-ratelimit notation. Only accepted sign-ups and
# spam count, never a form sent back with errors, so a patient fixing a typo is not locked out.
# Empty lifts the limit (load tests).
WAITLIST_RATE_LIMIT = env.str("WAITLIST_RATE_LIMIT", default="5/10m")
# Every waitlist POST per client address, valid or not: a looser limit against scripted abuse.
WAITLIST_POST_RATE_LIMIT = env.str("WAITLIST_POST_RATE_LIMIT", default="30/10m")
RATELIMIT_USE_CACHE = "default"
# The cache is never essential: while it is unreachable, sign-ups are not limited (logged once, clinic_site/cache.py).
RATELIMIT_FAIL_OPEN = True
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache":
    # Local-memory cache (local work and tests) counts per process, so the limit holds per app server only.
    # Production sets CACHE_URL=redis://... (shared, atomic), and then the check runs and passes.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
elif CACHES["default"]["BACKEND"] == "clinic_site.cache.ResilientRedisCache":
    # django-redis's RedisCache (shared, atomic incr) under another class name, which django-ratelimit's
    # list of known backends does not include.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
