"""Demo settings (bin/demo): public development values, SQLite, console email, and the
sandbox card gateway. Never deploy these: ``manage.py check --deploy`` refuses them."""

from decimal import Decimal

from .base import *  # noqa: F403
from .base import BASE_DIR, database_settings, env, logging_config

DEMO_MODE = True
# The demo's simulated shoppers all check out from 127.0.0.1.
REQUEST_RATES = {**REQUEST_RATES, "checkout": env.str("RATE_CHECKOUT", default="5000/h")}  # noqa: F405

DEBUG = env.bool("DEBUG", default=True)
# Public values, published in this repository: fine on a laptop, forgeable anywhere else.
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-change-me")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

DATABASES = {
    "default": database_settings(
        env.str("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'c2m.sqlite3'}")
    )
}

# Readable log lines on the terminal (production writes JSON).
LOG_FORMAT = env.str("LOG_FORMAT", default="plain")
LOGGING = logging_config(log_format=LOG_FORMAT, level=env.str("LOG_LEVEL", default="INFO"))

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")

PAYMENT_PROVIDERS = env.list("PAYMENT_PROVIDERS", default=["test", "invoice"])
PAYMENT_WEBHOOK_SECRETS = {
    "test": env.str("PAYMENT_TEST_WEBHOOK_SECRET", default="dev-only-test-webhook-secret"),
    "invoice": env.str("PAYMENT_INVOICE_WEBHOOK_SECRET", default="dev-only-invoice-secret"),
}
SHOP_VAT_RATE = Decimal(env.str("SHOP_VAT_RATE", default="13"))
# Placeholders: a shop puts its own account in the environment.
INVOICE_BANK_ACCOUNT = {
    "holder": env.str("INVOICE_ACCOUNT_HOLDER", default="C2M Bridge Demo Co., Ltd."),
    "bank": env.str("INVOICE_BANK_NAME", default="Demo Bank, Shanghai Branch"),
    "account": env.str("INVOICE_ACCOUNT_NUMBER", default="6222 0000 1234 5678 901"),
    "swift": env.str("INVOICE_SWIFT_CODE", default="DEMOCNSH"),
}

# The reference agent's carriers are tracked by the sandbox carrier, which delivers a
# parcel a few minutes after it shipped (production.services.carriers).
C2M_CARRIER_TRACKING = dict.fromkeys(
    env.list("SANDBOX_TRACKED_CARRIERS", default=["SF Express", "JD Logistics", "EMS", "DHL"]),
    "sandbox",
)
