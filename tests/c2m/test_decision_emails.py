"""The decision on a business or plant application reaches the contact once, even across a
mail server outage (issue #20), and the keys it carries exist only if it was sent.

Each decision writes an email row in its transaction; a worker sends it after the commit,
making the API keys in the savepoint of the sending, and beat's sweep sends again what an
outage left pending.
"""

from __future__ import annotations

import ast
import re
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.utils import timezone
from freezegun import freeze_time

from c2m.emails import RETRY_DELAYS, EmailStatus, email_retry
from c2m.errors import Conflict
from c2m.scheduling import task_enqueue
from merchants.models import BusinessApplicationEmail, MerchantApiKey
from merchants.services.accounts import merchant_key_authenticate
from merchants.services.applications import (
    business_application_approve,
    business_application_emails_retry_failed,
    business_application_emails_send,
    business_application_reject,
    business_application_submit,
)
from production.models import FactoryApiKey, PlantApplicationEmail
from production.services.api_keys import api_key_authenticate
from production.services.plant_applications import (
    plant_application_approve,
    plant_application_emails_send,
    plant_application_submit,
)
from tests.backoffice.admin.conftest import logged_in
from tests.conftest import wait_for
from tests.mail import DOWN, REFUSING, Inbox, emails_sent

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
BUSINESS_KEY = re.compile(r"c2mm_(?:test|live)_[A-Za-z0-9_-]+")
PLANT_KEY = re.compile(r"c2mf_[0-9a-f]+_[A-Za-z0-9_-]+")


def business(email: str = "li.wei@acme.example", language: str = "en"):
    return business_application_submit(
        company_name="Acme Trading Co.",
        contact_name="Li Wei",
        email=email,
        phone="+86 755 1234 5678",
        country="CN",
        province="Guangdong",
        expected_volume="100_1000",
        language=language,
    )


def plant(email: str = "chen.jing@bright-laser.example"):
    return plant_application_submit(
        company_name="Dongguan Bright Laser Works",
        contact_name="Chen Jing",
        email=email,
        phone="+86 769 2233 4455",
        province="Guangdong",
        city="Dongguan",
        capabilities=["laser_engrave", "qc", "pack"],
        work_centres=[
            {"type": t, "count": 1, "minutes_per_day": 480, "cost_per_minute": "0.50"}
            for t in ("fibre_laser", "qc_bench", "packing", "crating")
        ],
        shipping_per_parcel=Decimal("12.00"),
        language="zh-hans",
    )


def sweep_at(moment) -> int:
    """Beat's two sweeps as they run at ``moment``."""
    with freeze_time(moment):
        return business_application_emails_send() + plant_application_emails_send()


@pytest.fixture
def as_operator(django_user_model) -> Client:
    user = django_user_model.objects.create_user("olga", "olga@c2m.example", "pw", is_staff=True)
    user.groups.add(Group.objects.get_or_create(name="Operators")[0])
    return logged_in(user)


@pytest.mark.e2e
def test_smtp_down_then_up_each_decision_arrives_once_with_keys_that_work(
    transactional_db, smtp_port, request, settings
):
    # Given a real worker sending by SMTP to a mail server that is down
    request.getfixturevalue("celery_worker_process")
    company, factory_applicant, refused = business(), plant(), business("no@tiny.example")
    business_application_approve(application_id=company.pk, actor="admin:olga")
    plant_application_approve(application_id=factory_applicant.pk, actor="admin:olga")
    business_application_reject(application_id=refused.pk, reason="Too small", actor="olga")
    emails = [BusinessApplicationEmail.objects, PlantApplicationEmail.objects]

    # When the worker has tried each decision's email once (the commit sent it the task)
    wait_for(lambda: all(e.attempts == 1 for m in emails for e in m.all()), timeout=60)

    # Then each waits to be sent again, and no key exists for an email not sent
    assert {e.status for m in emails for e in m.all()} == {"pending"}
    assert not MerchantApiKey.objects.exists() and not FactoryApiKey.objects.exists()

    # When the mail server comes up; the broker delivers the tasks to the worker again
    # while beat's sweeps, a minute later, send whatever is due
    inbox = Inbox()
    server = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    server.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_port
        settings.EMAIL_USE_TLS = False
        ids = list(BusinessApplicationEmail.objects.values_list("pk", flat=True))
        task_enqueue("merchants.send_application_emails", args=[ids], after_commit=False)
        ids = list(PlantApplicationEmail.objects.values_list("pk", flat=True))
        task_enqueue("production.send_application_emails", args=[ids], after_commit=False)
        sweep_at(timezone.now() + RETRY_DELAYS[0] + timedelta(seconds=1))
        wait_for(lambda: not any(m.filter(status="pending").exists() for m in emails), 30)
        time.sleep(2)  # the worker's runs of the tasks have finished too
    finally:
        server.stop()

    # Then each contact has their decision exactly once
    recipients = sorted(rcpt for rcpt, _ in inbox.messages)
    assert recipients == [
        ["chen.jing@bright-laser.example"],
        ["li.wei@acme.example"],
        ["no@tiny.example"],
    ]
    bodies = {rcpt[0]: body for rcpt, body in inbox.messages}
    assert "Too small" in bodies["no@tiny.example"]
    # And the keys in the approvals are the only keys, and they work
    business_keys = BUSINESS_KEY.findall(bodies["li.wei@acme.example"])
    assert len(business_keys) == 2 == MerchantApiKey.objects.count()
    assert merchant_key_authenticate(raw=next(k for k in business_keys if "_live_" in k))
    [plant_key] = PLANT_KEY.findall(bodies["chen.jing@bright-laser.example"])
    factory_applicant.refresh_from_db()
    assert api_key_authenticate(raw=plant_key).factory_id == factory_applicant.factory_id
    assert FactoryApiKey.objects.count() == 1


@pytest.mark.django_db
def test_a_day_of_failures_leaves_the_email_failed_and_an_operator_sends_it_again(
    as_operator, settings
):
    # Given the mail server is down for a day after the approval
    settings.EMAIL_BACKEND = DOWN
    applicant = business(language="zh-hans")
    business_application_approve(application_id=applicant.pk, actor="admin:olga")
    moment = timezone.now()
    business_application_emails_send()
    for delay in RETRY_DELAYS[:-1]:
        moment += delay + timedelta(seconds=1)
        sweep_at(moment)

    # Then the email is failed after every try, and no key was left behind by any try
    email = BusinessApplicationEmail.objects.get()
    assert (email.status, email.attempts) == ("failed", len(RETRY_DELAYS))
    assert "smtp down" in email.last_error
    assert not MerchantApiKey.objects.exists()
    # And the operator finds it by its email's status, on the list and the application
    changelist = "/admin/merchants/businessapplication/"
    failed = as_operator.get(changelist, {"email_status": "failed"}).content.decode()
    assert "Acme Trading Co." in failed
    assert (
        "Acme Trading Co."
        not in as_operator.get(changelist, {"email_status": "sent"}).content.decode()
    )
    page = as_operator.get(f"{changelist}{applicant.pk}/change/").content.decode()
    assert "smtp down" in page

    # When the server is back and the operator sends it again
    settings.EMAIL_BACKEND = LOCMEM
    done = as_operator.post(
        changelist,
        {"action": "send_failed_emails_again", "_selected_action": [applicant.pk]},
        follow=True,
    )
    assert "Sending 1 failed email(s) again." in done.content.decode()
    [sent] = emails_sent()

    # Then the contact has it once, in Chinese, with keys that work
    assert sent.to == ["li.wei@acme.example"] and "这些密钥只发送一次" in sent.body
    keys = BUSINESS_KEY.findall(sent.body)
    assert len(keys) == 2 == MerchantApiKey.objects.count()
    assert all(merchant_key_authenticate(raw=k) for k in keys if "_live_" in k)
    email.refresh_from_db()
    assert (email.status, email.to, email.subject) == ("sent", sent.to[0], sent.subject)


@pytest.mark.django_db
def test_an_address_the_server_refuses_fails_at_once_and_keeps_no_key(settings):
    settings.EMAIL_BACKEND = REFUSING
    applicant = business()
    business_application_approve(application_id=applicant.pk, actor="admin:olga")

    assert business_application_emails_send() == 0

    email = BusinessApplicationEmail.objects.get()
    assert email.status == "failed" and "address refused" in email.last_error
    assert not MerchantApiKey.objects.exists()
    assert sweep_at(timezone.now() + timedelta(days=1)) == 0


@pytest.mark.django_db
def test_a_sent_decision_is_never_sent_twice_and_only_failed_ones_are_sent_again():
    applicant = plant()
    plant_application_approve(application_id=applicant.pk, actor="admin:olga")
    plant_application_approve(application_id=applicant.pk, actor="admin:olga")  # no-op
    email = PlantApplicationEmail.objects.get()
    assert email.kind == "approved"

    # A pending email is not "sent again"; a sent one is final
    with pytest.raises(Conflict):
        email_retry_of(email)
    [sent] = emails_sent()
    assert plant_application_emails_send(email_ids=[email.pk]) == 0
    assert sweep_at(timezone.now() + timedelta(days=2)) == 0
    with pytest.raises(Conflict):
        email_retry_of(email)

    assert len(mail.outbox) == 1 and PLANT_KEY.search(sent.body)
    assert FactoryApiKey.objects.count() == 1
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT and email.attempts == 1


def email_retry_of(email: PlantApplicationEmail) -> None:
    email_retry(PlantApplicationEmail, "production.send_application_emails", email.pk, "olga")


@pytest.mark.django_db
def test_the_operator_is_told_when_no_email_of_the_selection_failed(as_operator):
    applicant = business()
    business_application_reject(application_id=applicant.pk, reason="Too small", actor="olga")
    emails_sent()

    done = as_operator.post(
        "/admin/merchants/businessapplication/",
        {"action": "send_failed_emails_again", "_selected_action": [applicant.pk]},
        follow=True,
    )

    assert "None of these applications has a failed email." in done.content.decode()
    assert business_application_emails_retry_failed(application_id=applicant.pk, actor="o") == 0
    assert len(mail.outbox) == 1


ROOT = Path(__file__).resolve().parents[2]
SENDING = {"send_mail", "send_mass_mail", "mail_admins", "mail_managers", "send_messages"}


def _mail_sends(path: Path) -> list[str]:
    """Calls that hand mail to a server: Django's mail functions, and ``x.send()`` with no
    arguments (an ``EmailMessage``'s; signals and HTTP clients pass what they send)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        bare_send = (
            isinstance(func, ast.Attribute) and name == "send" and not (node.args or node.keywords)
        )
        if name in SENDING or bare_send:
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}(")
    return found


def test_nothing_but_the_email_queue_hands_mail_to_a_server():
    packages = [
        p.parent
        for p in ROOT.glob("*/__init__.py")
        if p.parent.name not in {"tests", "bench"} and not p.parent.name.startswith(".")
    ]
    sources = [f for package in packages for f in package.rglob("*.py")]
    assert _mail_sends(ROOT / "c2m" / "emails.py")  # the scan sees the one sender

    found = [call for f in sources if f != ROOT / "c2m" / "emails.py" for call in _mail_sends(f)]

    assert found == [], "queue the email as a row (c2m.emails.email_queue) instead"
