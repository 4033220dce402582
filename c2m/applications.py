"""What a company's and a plant's applications to join have in common: a request sent from a
public page, decided once by an operator (approved, or rejected with a reason), each
decision kept as a row.

The status machine is written once, here, and so is the rule that one email has at most one
application waiting for an answer (``application_submit``, backed by each model's
``one_pending_per_email`` constraint). ``merchants.services.applications`` and
``production.services.plant_applications`` create their applications only through
``application_submit`` and write their status only through ``application_move``; what
approving creates (a business account, a factory) is theirs. Each decision is emailed to
the contact from a durable row (``ApplicationEmail``), which a worker sends.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.mail import EmailMessage
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from c2m.db import check_transition, lock_one
from c2m.emails import QueuedEmail, email_queue, emails_send
from c2m.errors import Conflict, NotFound


class ApplicationStatus(models.TextChoices):
    # Sent from the public page; nothing exists for it yet.
    PENDING = "pending", _("Pending")
    # An operator approved it: what it asked for exists (an account, a factory).
    APPROVED = "approved", _("Approved")
    # An operator turned it down with a reason, which the contact was sent.
    REJECTED = "rejected", _("Rejected")


_S = ApplicationStatus
APPLICATION_TRANSITIONS: dict[str, frozenset[str]] = {
    _S.PENDING: frozenset({_S.APPROVED, _S.REJECTED}),
    _S.APPROVED: frozenset(),
    _S.REJECTED: frozenset(),
}


class Application(models.Model):
    """The decision half of an application; the concrete model adds what is applied for
    and an event model whose ``application`` has ``related_name="events"``."""

    # The language the contact applied in: every email to them is in it.
    language = models.CharField(_("language"), max_length=10, default="en")
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.PENDING,
    )
    reject_reason = models.TextField(_("reason for rejection"), blank=True)
    decided_by = models.CharField(_("decided by"), max_length=100, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]


class ApplicationEvent(models.Model):
    """One decision on an application: who, when, from which status to which."""

    from_status = models.CharField(_("from status"), max_length=10)
    to_status = models.CharField(_("to status"), max_length=10)
    actor = models.CharField(_("actor"), max_length=100)
    data = models.JSONField(_("data"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]
        verbose_name = _("application event")
        verbose_name_plural = _("application events")

    def __str__(self) -> str:
        return f"{self.application_id} {self.from_status}→{self.to_status}"  # type: ignore[attr-defined]


A = TypeVar("A", bound=Application)
LANGUAGES = ("en", "zh-hans")


def one_pending_per_email(name: str) -> models.UniqueConstraint:
    """The database's word on "one pending application per email", for a concrete
    application model's ``Meta.constraints``: unique on the lower-cased ``email`` among
    pending rows, so a decided application never stops the contact from applying again."""
    return models.UniqueConstraint(
        Lower("email"), condition=models.Q(status=ApplicationStatus.PENDING), name=name
    )


def application_submit(model: type[A], *, email: str, language: str = "en", **fields: Any) -> A:
    """A new pending ``model`` application from ``email`` (kept trimmed and lower-cased)
    with ``fields``, in ``language`` (English unless it is one we write in). Raises
    ``Conflict`` (``already_applied``, in the active language) while the email has an
    application pending, also when another submission from it commits at the same moment:
    the model's ``one_pending_per_email`` constraint decides, and the loser is told so."""
    email = email.strip().lower()
    pending = model._default_manager.filter(email__iexact=email, status=ApplicationStatus.PENDING)
    try:
        with transaction.atomic():
            if pending.exists():
                raise _already_applied()
            return model._default_manager.create(
                email=email, language=language if language in LANGUAGES else "en", **fields
            )
    except IntegrityError:
        # A submission from the same email committed between our check and our insert.
        if pending.exists():
            raise _already_applied() from None
        raise


def _already_applied() -> Conflict:
    return Conflict(
        gettext("We already have an application from this email; we will answer it soon."),
        code="already_applied",
        errors={"email": [gettext("This email has an application waiting for an answer.")]},
    )


def application_lock(model: type[A], application_id: int) -> A:
    """The application, locked until the transaction ends; ``NotFound`` if there is none."""
    try:
        return lock_one(model._default_manager, pk=application_id)
    except model.DoesNotExist:
        raise NotFound(gettext("No such application.")) from None


def application_move(application: Application, to: str, actor: str, **changes: Any) -> None:
    """The only writer of an application's status: check ``APPLICATION_TRANSITIONS``
    (``Conflict`` naming the allowed moves), save the status, who decided and ``changes``,
    and write the event row. The caller holds the row lock."""
    check_transition(APPLICATION_TRANSITIONS, application.status, to, what="application")
    previous = application.status
    application.status = to
    application.decided_by = actor[:100]
    application.decided_at = timezone.now()
    for field, value in changes.items():
        setattr(application, field, value)
    application.save(update_fields=["status", "decided_by", "decided_at", *changes])
    application.events.create(  # type: ignore[attr-defined]
        from_status=previous,
        to_status=to,
        actor=actor[:100],
        data={"reason": changes["reject_reason"]} if "reject_reason" in changes else {},
    )


class ApplicationEmail(QueuedEmail):
    """The email telling the contact the decision (``kind`` is the status decided); the
    concrete model adds ``application`` with ``related_name="emails"``."""

    class Meta(QueuedEmail.Meta):
        abstract = True
        verbose_name = _("decision email")
        verbose_name_plural = _("decision emails")


AE = TypeVar("AE", bound=ApplicationEmail)


def application_email_queue(application: Application, *, task: str) -> None:
    """Write the email of the decision just made, in the decision's transaction; ``task``
    sends it once that commits (``c2m.emails``)."""
    email_model = application.emails.model  # type: ignore[attr-defined]
    email_queue(email_model, task, application=application, kind=application.status)


def application_emails_send(
    model: type[AE],
    *,
    templates: str,
    credentials: Callable[[Any], dict[str, Any]],
    email_ids: list[int] | None = None,
) -> int:
    """Send the pending decision emails among ``email_ids`` (default: every one due), each
    rendered from ``emails/<templates>_<kind>.txt`` and its ``_subject.txt`` in the language
    the contact applied in. An approval's email carries ``credentials(application)`` (keys
    shown once), made in the savepoint of the sending: a try the server fails leaves none,
    and only the keys' hashes are ever kept. Returns how many the server took."""

    def build(email: AE) -> EmailMessage:
        application = email.application  # type: ignore[attr-defined]
        context = {"application": application}
        if email.kind == ApplicationStatus.APPROVED:
            context |= credentials(application)
        with translation.override(application.language):
            subject = render_to_string(f"emails/{templates}_{email.kind}_subject.txt", context)
            body = render_to_string(f"emails/{templates}_{email.kind}.txt", context)
        return EmailMessage(subject.strip(), body, to=[application.email])

    return emails_send(model, build, email_ids)
