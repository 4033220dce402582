"""Emails that survive a mail server outage, written once for every kind of email.

An email is a row (a concrete ``QueuedEmail``) written in the transaction of the change it
tells of (``email_queue``); a worker sends it after the commit, and beat's sweep sends again
whatever an outage or a lost message left pending (``emails_send``). Each is sent once: the
row is locked while it is sent and is then ``sent``, with the recipient, subject and time.
A server that keeps failing for about a day, or refuses the address, leaves it ``failed``
for an operator to send again (``email_retry``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from smtplib import SMTPRecipientsRefused
from typing import Any, TypeVar

from django.core.mail import EmailMessage
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from c2m.db import check_transition, lock_one
from c2m.scheduling import task_enqueue

logger = logging.getLogger(__name__)


class EmailStatus(models.TextChoices):
    # Written with the change it tells of; a worker sends it (again after a failure).
    PENDING = "pending", _("To send")
    # The mail server took it.
    SENT = "sent", _("Sent")
    # Refused for good (the server refused the address) or still failing after every try.
    FAILED = "failed", _("Failed")


_S = EmailStatus
# Sent is final: an email is sent once. An operator may send a failed one again.
EMAIL_TRANSITIONS: dict[str, frozenset[str]] = {
    _S.PENDING: frozenset({_S.SENT, _S.FAILED}),
    _S.SENT: frozenset(),
    _S.FAILED: frozenset({_S.PENDING}),
}

SEND_BATCH = 200
# After the n-th failed try, the next comes this much later: about a day of tries in all
# (a mail server down for the night loses nothing), then the email is failed for an operator.
RETRY_DELAYS = [timedelta(minutes=m) for m in (1, 2, 5, 10, 30, 60, 120, 240, 480, 480, 480)]


class QueuedEmail(models.Model):
    """One email (``kind``), rendered and sent by a worker; until the mail server takes it,
    it stays pending and is tried again at ``available_at``. The concrete model adds what
    the email is about and a partial index on ``available_at`` of the pending rows."""

    kind = models.CharField(_("kind"), max_length=30)
    status = models.CharField(
        _("status"), max_length=10, choices=EmailStatus.choices, default=_S.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    available_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    last_error = models.CharField(_("last error"), max_length=255, blank=True)
    # What was sent, to whom and when (set when the server takes it).
    to = models.EmailField(_("recipient"), blank=True)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"


E = TypeVar("E", bound=QueuedEmail)


def email_queue(model: type[E], task: str, **fields: Any) -> E:
    """Write the email in the current transaction, so it exists exactly when the change it
    tells of does, and have ``task`` send it once that commits. A mail server that is down
    never fails or undoes the change: the email waits and is tried again."""
    email = model._default_manager.create(**fields)
    task_enqueue(task, args=[[email.pk]])
    return email


def emails_send(
    model: type[E], build: Callable[[E], EmailMessage], email_ids: list[int] | None = None
) -> int:
    """Send the pending ``model`` emails among ``email_ids`` (default: every pending one
    that is due), each as ``build`` makes it, and return how many the mail server took.

    Each is locked while it is sent, and rows another worker holds are skipped, so an
    email delivered to several workers at once is sent once. ``build`` runs in a savepoint
    with the sending: what it writes (a key shown once in the email) is kept only if the
    server takes the email. A server that fails leaves the email pending, due again after
    a longer wait each time (``RETRY_DELAYS``); after the last try, or when the server
    refuses the address, it is ``failed``.
    """
    pending = model._default_manager.filter(status=_S.PENDING)
    if email_ids is None:
        pending = pending.filter(available_at__lte=timezone.now())
    else:
        pending = pending.filter(pk__in=email_ids)
    sent = 0
    for email_id in pending.order_by("pk").values_list("pk", flat=True)[:SEND_BATCH]:
        sent += _send_one(model, build, email_id)
    return sent


def email_retry(model: type[E], task: str, email_id: int, actor: str) -> E:
    """An operator sends a failed email again: pending and due now."""
    with transaction.atomic():
        email = lock_one(model._default_manager, pk=email_id)
        check_transition(EMAIL_TRANSITIONS, email.status, _S.PENDING, what="email")
        email.status = _S.PENDING
        email.attempts = 0
        email.available_at = timezone.now()
        email.save(update_fields=["status", "attempts", "available_at"])
        logger.info("%s %s sent again by %s", model._meta.model_name, email.pk, actor)
        task_enqueue(task, args=[[email.pk]])
    return email


def emails_retry_failed(emails: QuerySet[E], task: str, actor: str) -> int:
    """Send the failed ones among ``emails`` again (an operator, after fixing the address
    or the mail server); return how many."""
    ids = list(emails.filter(status=_S.FAILED).order_by("pk").values_list("pk", flat=True))
    for email_id in ids:
        email_retry(emails.model, task, email_id, actor)
    return len(ids)


def _send_one(model: type[E], build: Callable[[E], EmailMessage], email_id: int) -> int:
    with transaction.atomic():
        email = (
            model._default_manager.select_for_update(skip_locked=True)
            .filter(pk=email_id, status=_S.PENDING)
            .first()
        )
        if email is None:  # sent or being sent by another worker
            return 0
        email.attempts += 1
        try:
            with transaction.atomic():
                message = build(email)
                email.to, email.subject = message.to[0], message.subject[:255]
                message.send()
        except SMTPRecipientsRefused as refused:
            _move(email, _S.FAILED, error=f"address refused: {refused}")
            return 0
        except Exception as failure:  # the mail server is down or slow: try again later
            logger.warning("email %s (%s) not sent: %r", email.pk, email.kind, failure)
            if email.attempts >= len(RETRY_DELAYS):
                _move(email, _S.FAILED, error=repr(failure))
            else:
                email.available_at = timezone.now() + RETRY_DELAYS[email.attempts - 1]
                email.last_error = repr(failure)[:255]
                email.save(
                    update_fields=["attempts", "available_at", "last_error", "to", "subject"]
                )
            return 0
        email.sent_at = timezone.now()
        _move(email, _S.SENT)
        return 1


def _move(email: QueuedEmail, to: str, *, error: str = "") -> None:
    check_transition(EMAIL_TRANSITIONS, email.status, to, what="email")
    email.status = to
    email.last_error = error[:255]
    email.save()
