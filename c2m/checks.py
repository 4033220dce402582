"""System checks of the platform's own settings.

``check --deploy`` fails on a configuration that must never face the internet: demo
settings, a payment provider whose notifications anyone could sign, the sandbox card
gateway, mail that goes nowhere, SQLite, any Host accepted. Unknown provider codes fail every check.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

# A payment secret shorter than this can be guessed offline from one signed notification.
MIN_SECRET_LENGTH = 32
# The demo's secrets are published in this repository (c2m/settings/demo.py).
PUBLIC_SECRET_PREFIX = "dev-only"
UNREAL_EMAIL_BACKENDS = frozenset(
    f"django.core.mail.backends.{name}.EmailBackend"
    for name in ("console", "locmem", "dummy", "filebased")
)


@register(Tags.security)
def check_payment_providers_known(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """Every code in ``PAYMENT_PROVIDERS`` names a provider that exists."""
    from orders.services.payments import PROVIDERS

    return [
        Error(
            f"PAYMENT_PROVIDERS names '{code}', which is not a payment provider.",
            hint=f"Use codes among: {', '.join(sorted(PROVIDERS))}.",
            id="c2m.E001",
        )
        for code in settings.PAYMENT_PROVIDERS
        if code not in PROVIDERS
    ]


@register(Tags.security, deploy=True)
def check_deployable(app_configs: Any = None, **kwargs: Any) -> list[Error | Warning]:
    """What ``check --deploy`` refuses beyond Django's own checks."""
    problems: list[Error | Warning] = []
    if settings.DEMO_MODE:
        problems.append(
            Error(
                "DEMO_MODE is on: these are demo settings, with public secrets.",
                hint="Deploy with DJANGO_SETTINGS_MODULE=c2m.settings.production.",
                id="c2m.E002",
            )
        )
    problems += _payment_problems()
    if settings.EMAIL_BACKEND in UNREAL_EMAIL_BACKENDS:
        problems.append(
            Error(
                f"EMAIL_BACKEND is {settings.EMAIL_BACKEND}: customers would get no mail.",
                hint="Use django.core.mail.backends.smtp.EmailBackend with EMAIL_HOST etc.",
                id="c2m.E005",
            )
        )
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        problems.append(
            Error(
                "The database is not PostgreSQL; row locks and SKIP LOCKED claims need it.",
                hint="Set DATABASE_URL=postgres://…",
                id="c2m.E006",
            )
        )
    if "*" in settings.ALLOWED_HOSTS:
        problems.append(
            Error(
                "ALLOWED_HOSTS contains '*': any Host header is accepted, and links built "
                "from it (password resets) can point anywhere.",
                hint="List the site's host names.",
                id="c2m.E007",
            )
        )
    if not settings.SITE_URL.startswith("https://"):
        problems.append(
            Warning(
                f"SITE_URL is {settings.SITE_URL!r}: links in emails should use https://.",
                id="c2m.W001",
            )
        )
    return problems


def _payment_problems() -> list[Error]:
    problems = []
    for code in settings.PAYMENT_PROVIDERS:
        secret = settings.PAYMENT_WEBHOOK_SECRETS.get(code, "")
        if (
            len(secret) < MIN_SECRET_LENGTH
            or len(set(secret)) < 5
            or secret.startswith(PUBLIC_SECRET_PREFIX)
        ):
            problems.append(
                Error(
                    f"The '{code}' payment provider is enabled without a secret of its own: "
                    "anyone could sign its notifications and mark orders paid.",
                    hint=(
                        f"Set PAYMENT_{code.upper()}_WEBHOOK_SECRET to a random value of at "
                        f"least {MIN_SECRET_LENGTH} characters, shared only with the provider."
                    ),
                    id="c2m.E003",
                )
            )
    if "invoice" in settings.PAYMENT_PROVIDERS and not settings.INVOICE_BANK_ACCOUNT["account"]:
        problems.append(
            Error(
                "The 'invoice' payment provider is enabled without a bank account: invoice "
                "orders would not tell shoppers where to pay.",
                hint="Set INVOICE_ACCOUNT_HOLDER, INVOICE_BANK_NAME and INVOICE_ACCOUNT_NUMBER.",
                id="c2m.E008",
            )
        )
    if "test" in settings.PAYMENT_PROVIDERS:
        problems.append(
            Error(
                "The sandbox card gateway ('test') is enabled: it approves any valid-looking "
                "card number without taking money.",
                hint="Remove 'test' from PAYMENT_PROVIDERS.",
                id="c2m.E004",
            )
        )
    return problems
