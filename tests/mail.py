"""Emails as a worker sends them, mail servers that fail, and a real SMTP server's inbox."""

from __future__ import annotations

import socket
from smtplib import SMTPRecipientsRefused

from django.core import mail

from c2m.emails import EmailStatus
from merchants.models import BusinessApplicationEmail
from merchants.services.applications import business_application_emails_send
from orders.models import OrderEmail
from orders.services.emails import order_emails_send
from production.models import PlantApplicationEmail
from production.services.plant_applications import plant_application_emails_send

SENDERS = (
    (OrderEmail, order_emails_send),
    (BusinessApplicationEmail, business_application_emails_send),
    (PlantApplicationEmail, plant_application_emails_send),
)


def emails_sent() -> list[mail.EmailMessage]:
    """Send every pending email (orders' and applications' decisions), as the worker the
    commit notified would, and return Django's test outbox (each email the server took)."""
    for model, send in SENDERS:
        pending = model.objects.filter(status=EmailStatus.PENDING)
        send(email_ids=list(pending.values_list("pk", flat=True)))
    return mail.outbox


DOWN = "tests.mail.DownBackend"
REFUSING = "tests.mail.RefusingBackend"


class DownBackend:
    """A mail server that does not answer (``settings.EMAIL_BACKEND = DOWN``)."""

    def __init__(self, *args, **kwargs) -> None:
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("smtp down")


class RefusingBackend(DownBackend):
    """A mail server that refuses every recipient (``settings.EMAIL_BACKEND = REFUSING``)."""

    def send_messages(self, messages):
        raise SMTPRecipientsRefused({m.to[0]: (550, b"no such user") for m in messages})


class Inbox:
    """An SMTP server's handler: every message it accepted."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], str]] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content.decode()))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
