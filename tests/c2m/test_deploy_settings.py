"""Production settings, started as an operator would from .env.example: they pass Django's
deployment checks, and refuse to start, or fail ``check --deploy``, when a value a
deployment needs is missing or is a demo value."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENV_EXAMPLE = ROOT / ".env.example"
# "NAME=value" sets a value; "# NAME=value" lists an optional setting and its default.
ASSIGNMENT = re.compile(r"^(?P<comment>#\s*)?(?P<name>[A-Z][A-Z0-9_]*)=(?P<value>.*)$")


def env_example() -> tuple[dict[str, str], set[str]]:
    """The values .env.example sets, and every name it lists (set or optional)."""
    values, listed = {}, set()
    for line in ENV_EXAMPLE.read_text().splitlines():
        if match := ASSIGNMENT.match(line.strip()):
            listed.add(match["name"])
            if not match["comment"]:
                values[match["name"]] = match["value"]
    return values, listed


def real_looking(name: str) -> str:
    """What an operator puts where .env.example leaves a value empty."""
    if name.endswith("SECRET") or name == "SECRET_KEY":
        return secrets.token_urlsafe(50)
    pytest.fail(f".env.example leaves {name} empty and this test cannot fill it in")


def production_env(**changes: str | None) -> dict[str, str]:
    """The environment of .env.example with its blanks filled; ``None`` removes a name.

    Nothing leaks in from the test's own environment or from a developer's .env file.
    """
    values, _ = env_example()
    environment = {name: value or real_looking(name) for name, value in values.items()}
    environment |= {
        "PATH": os.environ.get("PATH", ""),
        "ENV_FILE": os.devnull,
        "DJANGO_SETTINGS_MODULE": "c2m.settings.production",
    }
    for name, value in changes.items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    return environment


def run(args: list[str], environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def check_deploy(**changes: str | None) -> subprocess.CompletedProcess[str]:
    return run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env(**changes)
    )


def test_the_env_example_values_pass_check_deploy_without_a_warning():
    result = check_deploy()
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    "changes, complaint",
    [
        # Missing values: the settings refuse to load at all (gunicorn, celery, manage.py).
        ({"SECRET_KEY": None}, "Set the SECRET_KEY environment variable"),
        ({"PAYMENT_INVOICE_WEBHOOK_SECRET": None}, "Set the PAYMENT_INVOICE_WEBHOOK_SECRET"),
        ({"PAYMENT_INVOICE_WEBHOOK_SECRET": " "}, "Set the PAYMENT_INVOICE_WEBHOOK_SECRET"),
        ({"SITE_URL": None}, "Set the SITE_URL environment variable"),
        ({"ALLOWED_HOSTS": None}, "Set the ALLOWED_HOSTS environment variable"),
        ({"EMAIL_BACKEND": None}, "Set the EMAIL_BACKEND environment variable"),
        ({"DATABASE_URL": None}, "Set the DATABASE_URL environment variable"),
        (
            {"PAYMENT_PROVIDERS": "invoice,test"},
            "Set the PAYMENT_TEST_WEBHOOK_SECRET environment variable",
        ),
        # Present but unfit: check --deploy refuses.
        ({"PAYMENT_INVOICE_WEBHOOK_SECRET": "dev-only-invoice-secret"}, "c2m.E003"),
        ({"PAYMENT_INVOICE_WEBHOOK_SECRET": "short"}, "c2m.E003"),
        (
            {"PAYMENT_PROVIDERS": "invoice,test", "PAYMENT_TEST_WEBHOOK_SECRET": "x" * 40},
            "(c2m.E004) The sandbox card gateway ('test') is enabled",
        ),
        (
            {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"},
            "(c2m.E005) EMAIL_BACKEND is django.core.mail.backends.console.EmailBackend",
        ),
        ({"DATABASE_URL": "sqlite:////tmp/c2m.sqlite3"}, "(c2m.E006)"),
        ({"ALLOWED_HOSTS": "shop.example.com,*"}, "(c2m.E007) ALLOWED_HOSTS contains '*'"),
        ({"SITE_URL": "http://shop.example.com"}, "(c2m.W001)"),
        ({"PAYMENT_PROVIDERS": "invoice,paypal"}, "(c2m.E001) PAYMENT_PROVIDERS names 'paypal'"),
        ({"INVOICE_ACCOUNT_NUMBER": ""}, "(c2m.E008) The 'invoice' payment provider is enabled"),
    ],
    ids=lambda value: (
        "-".join(f"{k}={v}" for k, v in value.items()) if isinstance(value, dict) else ""
    ),
)
def test_a_missing_or_demo_value_fails_check_deploy(changes, complaint):
    result = check_deploy(**changes)
    assert result.returncode != 0
    assert complaint in result.stderr


def test_every_setting_the_code_reads_from_the_environment_is_in_env_example():
    read = set()
    for package in ("c2m", "orders", "production"):
        for path in (ROOT / package).rglob("*.py"):
            source = path.read_text()
            read |= set(re.findall(r"\benv(?:\.\w+)?\(\s*\"([A-Z][A-Z0-9_]*)\"", source))
            read |= set(re.findall(r"os\.environ\.get\(\s*\"([A-Z][A-Z0-9_]*)\"", source))
    _, listed = env_example()
    assert {"SECRET_KEY", "PAYMENT_INVOICE_WEBHOOK_SECRET", "CACHE_URL"} <= read
    assert read - listed == set()


@pytest.mark.parametrize(
    "code",
    [
        "import runpy, sys; sys.argv = ['manage.py', 'shell', '-c',"
        " 'from django.conf import settings; print(settings.SETTINGS_MODULE)'];"
        " runpy.run_path('manage.py', run_name='__main__')",
        "import c2m.wsgi; from django.conf import settings; print(settings.SETTINGS_MODULE)",
        "import c2m.asgi; from django.conf import settings; print(settings.SETTINGS_MODULE)",
        "from c2m.celery import app; print(app.conf.broker_url);"
        " from django.conf import settings; print(settings.SETTINGS_MODULE)",
    ],
    ids=["manage.py", "wsgi", "asgi", "celery"],
)
def test_every_entry_point_defaults_to_production_settings(code):
    result = run(["-c", code], production_env(DJANGO_SETTINGS_MODULE=None))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "c2m.settings.production"


def test_manage_py_without_settings_refuses_to_start_rather_than_use_demo_values():
    environment = {"PATH": os.environ.get("PATH", ""), "ENV_FILE": os.devnull}
    result = run(["manage.py", "migrate", "--plan"], environment)
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_seed_demo_refuses_to_run_under_production_settings():
    result = run(["manage.py", "seed_demo"], production_env())
    assert result.returncode != 0
    assert "seed_demo runs only under demo settings" in result.stderr
