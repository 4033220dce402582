"""Settings shared by every environment; everything that varies comes from the environment."""

from decimal import Decimal
from pathlib import Path

import environ

from c2m.logs import logging_config
from c2m.sentry import sentry_init

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# Values already in the environment win over the file's.
environ.Env.read_env(env.str("ENV_FILE", default=str(BASE_DIR / ".env")), overwrite=False)

# Not a deployment: demo.py (and test.py, built on it) turn this on; it is never read from
# the environment, so production settings cannot be switched into demo mode.
DEMO_MODE = False

# No value here is a usable default for a deployment: demo.py supplies development
# values, production.py refuses to start without real ones.
DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
SITE_URL = env.str("SITE_URL", default="")

INSTALLED_APPS = [
    "c2m.apps.C2MConfig",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "health_check",
    "orders",
    "production",
    "merchants",
    "backoffice",
    "demo",
]

MIDDLEWARE = [
    "c2m.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "c2m.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "c2m.urls"
WSGI_APPLICATION = "c2m.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def database_settings(url: str) -> dict:
    """The ``default`` database of ``DATABASE_URL``, with the options its engine needs."""
    database = env.db_url_config(url)
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # SQLite is the zero-setup database of the demo: WAL + IMMEDIATE transactions let
        # the web server, the worker and beat share one file without "database is locked".
        database["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
        return database
    database["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    database["CONN_HEALTH_CHECKS"] = True
    return database


# demo.py and production.py each say where the database is (DATABASE_URL).
DATABASES: dict = {}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
# The product mockups ship with the imaging library; the shop window serves them here.
STATICFILES_DIRS = [("orders/mockups", BASE_DIR / "imaging" / "data" / "mockups")]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Outgoing mail (order confirmations, password resets). production.py demands a backend.
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="C2M Bridge <orders@c2m.example>")

LOGIN_URL = "admin:login"

# The payment providers checkout offers and whose notifications are accepted, by code
# (orders.services.payments). "test" is the sandbox card gateway: demo settings only.
PAYMENT_PROVIDERS = env.list("PAYMENT_PROVIDERS", default=["invoice"])
# Each provider signs its notifications with its secret; an enabled provider needs one.
PAYMENT_WEBHOOK_SECRETS = {
    "test": env.str("PAYMENT_TEST_WEBHOOK_SECRET", default=""),
    "invoice": env.str("PAYMENT_INVOICE_WEBHOOK_SECRET", default=""),
}
# A payment intent (charge or refund) still pending or unknown this many minutes after
# its last change is settled by asking its provider (beat task reconcile_payment_intents).
PAYMENT_INTENT_RECONCILE_MINUTES = env.int("PAYMENT_INTENT_RECONCILE_MINUTES", default=10)

# --- What the shop charges and how an invoice is paid -----------------------------------
# VAT already included in every price, in percent (13 in mainland China): checkout shows
# the part of the total that is VAT. 0 (the default) shows no VAT line.
SHOP_VAT_RATE = Decimal(env.str("SHOP_VAT_RATE", default="0"))
# The bank account invoice orders are paid to; the order page and the order email show it
# with the order's invoice reference and the date to pay by.
INVOICE_BANK_ACCOUNT = {
    "holder": env.str("INVOICE_ACCOUNT_HOLDER", default=""),
    "bank": env.str("INVOICE_BANK_NAME", default=""),
    "account": env.str("INVOICE_ACCOUNT_NUMBER", default=""),
    "swift": env.str("INVOICE_SWIFT_CODE", default=""),
}
INVOICE_PAYMENT_DAYS = env.int("INVOICE_PAYMENT_DAYS", default=7)

# --- Celery -----------------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")
# The broker: Redis by default; RabbitMQ with an amqp:// URL.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="c2m")
# Long delays belong to beat, not to countdowns: see c2m.celery.MAX_COUNTDOWN_SECONDS.
# Redis hands an unacknowledged message to another worker after this; RabbitMQ holds it
# for its consumer (up to its consumer_timeout, 30 min by default) instead.
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {"visibility_timeout": 3600} if CELERY_BROKER_URL.startswith("redis") else {}
)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TIMEZONE = TIME_ZONE
# The outbox's topics and the task consuming each, by name (c2m.scheduling.task_enqueue):
# orders does not import its consumers. ``order.paid`` carries the planning snapshot down
# to production (docs/architecture.md).
# ``claim.filed`` and ``claim.decided`` tell production about claims against a plant's work
# (and carry a reprint's planning snapshot); one task consumes both, in message order.
C2M_OUTBOX_TASKS = {
    "order.paid": "production.plan_orders",
    "claim.filed": "production.record_claims",
    "claim.decided": "production.record_claims",
    # A plant confirmed or declined a capacity booking: the business's webhook.
    "booking.decided": "merchants.record_booking_decisions",
}

# --- REST framework ---------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["c2m.json_input.StrictJSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "c2m.api.exception_handler",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "C2M Bridge API",
    "DESCRIPTION": "Consumer API (/api/v1/), partner-factory API (/api/factory/v1/) and "
    "merchant API (/api/merchant/v1/).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "OrderStatusEnum": "orders.models.OrderStatus",
        "ClaimKindEnum": "orders.models.ClaimKind",
        "WorkOrderStatusEnum": "production.models.WorkOrderStatus",
    },
    # drf-spectacular's own enum hook, then the links each API declares beside its URLs.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "c2m.openapi_links.links_add",
        "c2m.openapi_decimals.decimal_patterns_tighten",
    ],
}
# The OpenAPI links of each API (c2m.openapi_links): which value of a response feeds which
# next request. schemathesis' stateful test follows them.
C2M_OPENAPI_LINKS = [
    "orders.api.links.LINKS",
    "production.api.links.LINKS",
    "merchants.api.links.LINKS",
]

# --- Logs and error tracking (c2m.logs, c2m.request_id, c2m.sentry) -----------------------
# One JSON object a line (or readable text: LOG_FORMAT=plain), each with the request id of
# the web request it belongs to, in web processes and Celery workers alike.
LOG_FORMAT = env.str("LOG_FORMAT", default="json")
LOGGING = logging_config(log_format=LOG_FORMAT, level=env.str("LOG_LEVEL", default="INFO"))
# Workers log through LOGGING too, not through Celery's own root handler.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Errors of web requests and tasks go to Sentry (or a compatible service) when set.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    sentry_init(
        dsn=SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        release=env.str("SENTRY_RELEASE", default=""),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )

# --- Customer artwork (read at call time by orders.services.artwork) ----------------------
ARTWORK_MAX_BYTES = env.int("ARTWORK_MAX_BYTES", default=25 * 1024 * 1024)
ARTWORK_MAX_PIXELS = env.int("ARTWORK_MAX_PIXELS", default=80_000_000)
ARTWORK_MIN_SIDE = env.int("ARTWORK_MIN_SIDE", default=200)
# After-sales claims: how long after delivery a customer may report a problem, and the
# photos a claim may carry (each goes through the artwork upload checks).
CLAIM_WINDOW_DAYS = env.int("CLAIM_WINDOW_DAYS", default=30)
CLAIM_MAX_PHOTOS = env.int("CLAIM_MAX_PHOTOS", default=6)
CLAIM_PHOTO_MIN_SIDE = env.int("CLAIM_PHOTO_MIN_SIDE", default=100)
# Below this effective DPI a placement is refused (products may demand more).
ARTWORK_BLOCKED_BELOW_DPI = env.float("ARTWORK_BLOCKED_BELOW_DPI", default=150.0)
ARTWORK_PREVIEW_CACHE_SECONDS = env.int("ARTWORK_PREVIEW_CACHE_SECONDS", default=24 * 3600)
# Artwork a merchant names by an https URL (merchants.services.artwork_fetches): seconds
# for the whole fetch, redirects followed (each checked), and networks allowed although
# private: empty in every deployment; tests name their loopback HTTPS server here.
ARTWORK_FETCH_TIMEOUT_SECONDS = env.float("ARTWORK_FETCH_TIMEOUT_SECONDS", default=20.0)
ARTWORK_FETCH_MAX_REDIRECTS = env.int("ARTWORK_FETCH_MAX_REDIRECTS", default=3)
ARTWORK_FETCH_ALLOWED_NETWORKS: list[str] = env.list("ARTWORK_FETCH_ALLOWED_NETWORKS", default=[])
# Bulk order files (CSV or XLSX) through the merchant API and the admin: largest file in
# bytes and most order rows per file.
BULK_ORDER_MAX_BYTES = env.int("BULK_ORDER_MAX_BYTES", default=2 * 1024 * 1024)
BULK_ORDER_MAX_ROWS = env.int("BULK_ORDER_MAX_ROWS", default=200)
# Request bodies: form fields stay small; uploaded files above 2.5 MB go to a temporary
# file instead of memory (the artwork views also refuse bodies above ARTWORK_MAX_BYTES).
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)
FILE_UPLOAD_MAX_MEMORY_SIZE = env.int("FILE_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)

# --- Abuse limits and security headers (c2m.sign_in_guard, c2m.security_headers) ---------
# Failed sign-ins (storefront and admin) per account and per client address before both are
# refused for SIGN_IN_LOCKOUT_SECONDS; sign-ups per address an hour; failed guest order
# lookups per address. Counted in the default cache (Redis in production).
SIGN_IN_MAX_FAILURES = env.int("SIGN_IN_MAX_FAILURES", default=5)
SIGN_IN_MAX_FAILURES_PER_IP = env.int("SIGN_IN_MAX_FAILURES_PER_IP", default=30)
SIGN_IN_LOCKOUT_SECONDS = env.int("SIGN_IN_LOCKOUT_SECONDS", default=900)
SIGN_UP_MAX_PER_IP = env.int("SIGN_UP_MAX_PER_IP", default=10)
SIGN_UP_WINDOW_SECONDS = env.int("SIGN_UP_WINDOW_SECONDS", default=3600)
ORDER_LOOKUP_MAX_FAILURES_PER_IP = env.int("ORDER_LOOKUP_MAX_FAILURES_PER_IP", default=20)
ORDER_LOOKUP_LOCKOUT_SECONDS = env.int("ORDER_LOOKUP_LOCKOUT_SECONDS", default=900)
# Reverse proxies in front of the web processes that append the client's address to
# X-Forwarded-For (1 behind one nginx); 0 counts REMOTE_ADDR.
TRUSTED_PROXIES = env.int("TRUSTED_PROXIES", default=0)
# Request rates per client address (c2m.request_rates), "N/period" with s, min, h or d: N
# requests at once, then one every period/N; over it, 429 with Retry-After.
REQUEST_RATES = {
    # Checkout submissions: card testers try many cards in a row.
    "checkout": env.str("RATE_CHECKOUT", default="20/h"),
    # Artwork and claim-photo uploads, and product previews: each costs image work.
    "upload": env.str("RATE_UPLOAD", default="60/h"),
    "preview": env.str("RATE_PREVIEW", default="600/min"),
    # The consumer API (/api/v1/) and the payment providers' notifications.
    "consumer-api": env.str("RATE_CONSUMER_API", default="600/min"),
    "payment-webhook": env.str("RATE_PAYMENT_WEBHOOK", default="1200/min"),
}

# --- Carrier tracking (production.services.carriers) -------------------------------------
# Carriers (as plants name them when shipping) whose parcels the sandbox carrier tracks:
# none outside the demo, where parcels of these carriers are delivered a few minutes after
# shipping.
C2M_CARRIER_TRACKING = dict.fromkeys(env.list("SANDBOX_TRACKED_CARRIERS", default=[]), "sandbox")
C2M_SANDBOX_CARRIER = {
    "out_for_delivery": env.float("SANDBOX_OUT_FOR_DELIVERY_MINUTES", default=3),
    "delivered": env.float("SANDBOX_DELIVERED_MINUTES", default=5),
}

# --- The order page ---------------------------------------------------------------------
# Where a shopper follows a parcel: carrier (as plants name it when shipping) → the
# carrier's tracking page, ``{number}`` standing for the tracking number. Parcels of other
# carriers show their number without a link.
# How long a parcel's "on its way" email waits for the other work orders packed in it to
# be reported, so that it names everything inside (sent by beat's announce-parcels).
C2M_PARCEL_EMAIL_DELAY_SECONDS = env.int("C2M_PARCEL_EMAIL_DELAY_SECONDS", default=120)

# The capacity exchange: the platform's margin of what a business pays for booked minutes,
# in percent; the plant earns the rest (booked to its ledger when it confirms).
C2M_EXCHANGE_MARGIN_PERCENT = Decimal(env.str("C2M_EXCHANGE_MARGIN_PERCENT", default="10"))

C2M_CARRIER_TRACKING_URLS = {
    "SF Express": "https://www.sf-express.com/chn/en/waybill/waybill-detail/{number}",
    "JD Logistics": "https://www.jdl.com/orderSearch/?waybillCodes={number}",
    "EMS": "https://www.ems.com.cn/queryList?mailNum={number}",
    "DHL": "https://www.dhl.com/global-en/home/tracking.html?tracking-id={number}",
}
# The shop's time zone: the order page and emails show times in it, with the zone named.
SHOP_TIME_ZONE = env.str("SHOP_TIME_ZONE", default="Asia/Shanghai")
