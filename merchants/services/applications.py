"""Business sign-up: a company applies on the public page, operators approve or reject.

Approving creates the business account and its first (owner) user. The decision is
emailed to the contact in the language they applied in by a worker, which makes the
account's sandbox and live API keys as it sends the approval: they are shown once, in
that email, and only their hashes are kept (``merchant_key_create``). Deciding twice
changes nothing more.
"""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from c2m.applications import (
    APPLICATION_TRANSITIONS,
    ApplicationStatus,
    application_email_queue,
    application_emails_send,
    application_lock,
    application_move,
    application_submit,
)
from c2m.db import check_transition
from c2m.emails import emails_retry_failed
from c2m.errors import ApplicationError
from merchants.models import BusinessApplication, BusinessApplicationEmail
from merchants.services.accounts import (
    business_account_create,
    business_member_add,
    merchant_key_create,
)
from merchants.task_names import SEND_APPLICATION_EMAILS

logger = logging.getLogger(__name__)
S = ApplicationStatus


def business_application_submit(
    *,
    company_name: str,
    contact_name: str,
    email: str,
    phone: str,
    country: str,
    province: str,
    expected_volume: str,
    tax_id: str = "",
    language: str = "en",
) -> BusinessApplication:
    """A new pending application (``application_submit``). Raises ``Conflict``
    (``already_applied``) while the same email has one pending: operators decide each
    company once."""
    return application_submit(
        BusinessApplication,
        email=email,
        language=language,
        company_name=company_name.strip(),
        contact_name=contact_name.strip(),
        phone=phone.strip(),
        country=country,
        province=province.strip(),
        expected_volume=expected_volume,
        tax_id=tax_id.strip(),
    )


def business_application_approve(*, application_id: int, actor: str) -> BusinessApplication:
    """Approve: the account and an owner user (the contact's email); the approval email,
    sent by a worker, brings a sandbox and a live key. An application already approved is
    returned unchanged; a rejected one raises ``Conflict``; an unknown one ``NotFound``."""
    with transaction.atomic():
        application = application_lock(BusinessApplication, application_id)
        if application.status == S.APPROVED:
            return application
        # Refused before anything is created (``application_move`` checks again as it saves).
        check_transition(
            APPLICATION_TRANSITIONS, application.status, S.APPROVED, what="application"
        )
        account = business_account_create(
            name=application.company_name, contact_email=application.email
        )
        user = _user_for(application)
        business_member_add(account=account, user=user, role="owner")
        application_move(application, S.APPROVED, actor, account=account)
        application_email_queue(application, task=SEND_APPLICATION_EMAILS)
    return application


def business_application_reject(
    *, application_id: int, reason: str, actor: str
) -> BusinessApplication:
    """Reject with ``reason``, emailed to the contact. Rejecting a rejected application
    again does nothing; an approved one raises ``Conflict``; no reason: ``ApplicationError``."""
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(
            _("Give the reason: the company is sent it."),
            code="reason_required",
            errors={"reason": [_("Give the reason: the company is sent it.")]},
        )
    with transaction.atomic():
        application = application_lock(BusinessApplication, application_id)
        if application.status == S.REJECTED:
            return application
        application_move(application, S.REJECTED, actor, reject_reason=reason[:2000])
        application_email_queue(application, task=SEND_APPLICATION_EMAILS)
    return application


def business_application_emails_send(*, email_ids: list[int] | None = None) -> int:
    """Send the pending decision emails (``application_emails_send``); an approval's
    brings the account's sandbox and live API keys, made as it is sent."""
    return application_emails_send(
        BusinessApplicationEmail,
        templates="business",
        credentials=_account_keys,
        email_ids=email_ids,
    )


def business_application_emails_retry_failed(*, application_id: int, actor: str) -> int:
    """Send the application's failed decision emails again; return how many."""
    emails = BusinessApplicationEmail.objects.filter(application_id=application_id)
    return emails_retry_failed(emails, SEND_APPLICATION_EMAILS, actor)


def _account_keys(application: BusinessApplication) -> dict[str, str]:
    account = application.account
    assert account is not None  # approved
    _, sandbox_key = merchant_key_create(account=account, name="sandbox", sandbox=True)
    _, live_key = merchant_key_create(account=account, name="live", sandbox=False)
    username = _user_for(application).username  # the owner approval made
    return {"sandbox_key": sandbox_key, "live_key": live_key, "username": username}


def _user_for(application: BusinessApplication):
    """The contact's user: the existing one with this email as username, or a new one
    without a password (they use the API keys; a password is set by reset)."""
    users = get_user_model()
    user = users.objects.filter(username__iexact=application.email).first()
    if user is None:
        first, _sep, last = application.contact_name.partition(" ")
        user = users.objects.create_user(
            username=application.email,
            email=application.email,
            first_name=first[:150],
            last_name=last[:150],
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
