"""Production settings: refuse to start without the values a deployment must supply, then
harden transport and cookies. ``manage.py check --deploy`` (c2m.checks) refuses the
values that are present but unfit (public secrets, the sandbox gateway, console email)."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import PAYMENT_PROVIDERS, PAYMENT_WEBHOOK_SECRETS, database_settings, env


def _required(name: str) -> str:
    """The variable's value; raises ``ImproperlyConfigured`` when it is unset or blank."""
    value = env.str(name, default="").strip()
    if not value:
        raise ImproperlyConfigured(
            f"Set the {name} environment variable: production settings have no default "
            "for it (see .env.example and README, 'Production')."
        )
    return value


DEBUG = False
SECRET_KEY = _required("SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in _required("ALLOWED_HOSTS").split(",") if host.strip()]
SITE_URL = _required("SITE_URL")
DATABASES = {"default": database_settings(_required("DATABASE_URL"))}
EMAIL_BACKEND = _required("EMAIL_BACKEND")

# (An unknown code is refused by the c2m.E001 system check.)
for _code in PAYMENT_PROVIDERS:
    if _code in PAYMENT_WEBHOOK_SECRETS and not PAYMENT_WEBHOOK_SECRETS[_code].strip():
        raise ImproperlyConfigured(
            f"Set the PAYMENT_{_code.upper()}_WEBHOOK_SECRET environment variable: the "
            f"'{_code}' payment provider is enabled (PAYMENT_PROVIDERS) and its "
            "notifications must be signed with a secret of your own."
        )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

# Shared by all web processes: the factory API's per-key throttle counts across them.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env.str("CACHE_URL", default="redis://127.0.0.1:6379/1"),
    }
}

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
