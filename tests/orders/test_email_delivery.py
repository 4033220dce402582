"""Emails to customers survive a mail server outage and go out once (issue #20).

Each email is a row written with the change it tells of; a worker sends it after the
commit, and beat's sweep (``orders.send_emails`` every minute) sends again what failed.
"""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.utils import timezone
from freezegun import freeze_time

from c2m.emails import RETRY_DELAYS
from c2m.scheduling import task_enqueue
from orders.models import Order, OrderEmail
from orders.services.emails import order_email_retry, order_emails_send
from tests.conftest import wait_for
from tests.mail import DOWN, REFUSING, DownBackend, Inbox
from tests.orders.conftest import fill_cart, place

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class SlowBackend(DownBackend):
    """A mail server that takes half a second per email, counting what it took."""

    taken: list[str] = []

    def send_messages(self, messages):
        time.sleep(0.5)
        self.taken.extend(m.subject for m in messages)
        return len(messages)


def sweep_at(moment) -> int:
    """Beat's sweep as it runs at ``moment``."""
    with freeze_time(moment):
        return order_emails_send()


@pytest.mark.django_db
def test_an_outage_keeps_the_email_pending_and_the_sweep_sends_it_once_the_server_is_back(
    tumbler, settings
):
    # Given the mail server is down when the order is placed and the worker tries
    settings.EMAIL_BACKEND = DOWN
    order = place(fill_cart(tumbler))
    [email] = OrderEmail.objects.filter(order=order)
    assert order_emails_send(email_ids=[email.pk]) == 0

    # Then the order stands, and the email waits, with the reason, to be tried again
    email.refresh_from_db()
    assert Order.objects.get(pk=order.pk).status == "placed"
    assert (email.status, email.attempts) == ("pending", 1)
    assert "smtp down" in email.last_error
    assert email.available_at > timezone.now()

    # When the server is back and beat's sweep runs before and after the email is due
    settings.EMAIL_BACKEND = LOCMEM
    assert sweep_at(timezone.now()) == 0
    later = timezone.now() + RETRY_DELAYS[0] + timedelta(seconds=1)
    assert sweep_at(later) == 1
    assert sweep_at(later + timedelta(minutes=5)) == 0

    # Then the customer has it once, and the record says what went to whom
    [sent] = mail.outbox
    assert sent.to == ["li.wei@example.com"] and order.number in sent.subject
    email.refresh_from_db()
    assert (email.status, email.attempts, email.to) == ("sent", 2, "li.wei@example.com")
    assert email.subject == sent.subject and email.sent_at is not None


@pytest.mark.django_db
def test_an_email_failing_a_day_of_tries_is_failed_and_an_operator_sends_it_again(
    tumbler, settings
):
    settings.EMAIL_BACKEND = DOWN
    order = place(fill_cart(tumbler))
    [email] = OrderEmail.objects.filter(order=order)
    moment = timezone.now()
    order_emails_send(email_ids=[email.pk])
    for delay in RETRY_DELAYS[:-1]:
        moment += delay + timedelta(seconds=1)
        sweep_at(moment)
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("failed", len(RETRY_DELAYS))
    assert moment - email.created_at > timedelta(hours=20)  # tried for most of a day

    settings.EMAIL_BACKEND = LOCMEM
    order_email_retry(email_id=email.pk, actor="admin:olga")
    assert order_emails_send() == 1
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.status == "sent"


@pytest.mark.django_db
def test_an_address_the_server_refuses_is_failed_at_once(tumbler, settings):
    settings.EMAIL_BACKEND = REFUSING
    order = place(fill_cart(tumbler))
    [email] = OrderEmail.objects.filter(order=order)

    order_emails_send(email_ids=[email.pk])

    email.refresh_from_db()
    assert email.status == "failed" and "address refused" in email.last_error
    assert sweep_at(timezone.now() + timedelta(days=1)) == 0


@pytest.mark.django_db(transaction=True)
def test_one_email_delivered_to_three_workers_at_once_is_sent_once(tumbler, settings):
    settings.EMAIL_BACKEND = f"{__name__}.SlowBackend"
    SlowBackend.taken.clear()
    order = place(fill_cart(tumbler))
    [email] = OrderEmail.objects.filter(order=order)

    def worker() -> None:
        try:
            order_emails_send(email_ids=[email.pk])
        finally:
            from django.db import connection

            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(SlowBackend.taken) == 1 and order.number in SlowBackend.taken[0]
    assert OrderEmail.objects.get(pk=email.pk).status == "sent"


@pytest.mark.e2e
def test_smtp_down_then_up_every_email_arrives_once(
    transactional_db, smtp_port, request, tumbler, settings
):
    # Given a real worker sending by SMTP to a mail server that is down
    request.getfixturevalue("celery_worker_process")
    orders = [place(fill_cart(tumbler)) for _ in range(3)]
    emails = OrderEmail.objects.filter(order__in=orders)

    # When the worker has tried each email once (the commit sent it the task)
    wait_for(lambda: all(e.attempts == 1 for e in emails.all()), timeout=60)
    assert set(emails.values_list("status", flat=True)) == {"pending"}

    # And the mail server comes up; the broker delivers the emails' task to the worker
    # again while beat's sweep, a minute later, sends whatever is due
    inbox = Inbox()
    server = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    server.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_port
        settings.EMAIL_USE_TLS = False
        task_enqueue("orders.send_emails", args=[[e.pk for e in emails]], after_commit=False)
        sweep_at(timezone.now() + RETRY_DELAYS[0] + timedelta(seconds=1))
        wait_for(lambda: not emails.filter(status="pending").exists(), timeout=30)
        time.sleep(2)  # the worker's run of the task has finished too
    finally:
        server.stop()

    # Then each customer's email arrived exactly once
    assert [rcpt for rcpt, _ in inbox.messages] == [["li.wei@example.com"]] * 3
    for order in orders:
        assert sum(order.number in body for _, body in inbox.messages) == 1
    assert set(emails.values_list("status", flat=True)) == {"sent"}
