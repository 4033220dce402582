"""Plant self-onboarding: a plant applies on the public partner page, operators decide.

A pending or rejected application is no ``Factory`` at all, so the router can never
consider it. Approving creates the factory (active, its capabilities, work centres with
their minute rates, materials and 60 days of capacity: a candidate for the next routing
run), its staff user, and its factory API key, emailed once to the contact in the
language they applied in by a worker, which makes the key as it sends the approval (only
the key's hash is kept). Deciding twice changes nothing.
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify
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
from c2m.errors import ApplicationError, Conflict
from c2m.password_links import password_set_link
from production.geo.places import place
from production.models import (
    Factory,
    FactoryMembership,
    PlantApplication,
    PlantApplicationEmail,
)
from production.selectors.routing_inputs import CAPABILITY_CENTRES, SUPPORTING_CENTRES
from production.services.api_keys import api_key_create
from production.services.capacity_calendar import capacity_materialize
from production.services.factories import factory_upsert
from production.services.network import factory_materials_set, factory_work_centres_set
from production.services.staff import factory_membership_set
from production.task_names import SEND_APPLICATION_EMAILS

logger = logging.getLogger(__name__)
S = ApplicationStatus
MATERIAL = re.compile(r"[a-z0-9][a-z0-9_-]{0,59}")
MAX_MINUTES_PER_CENTRE = 24 * 60


def centre_type_choices() -> list[str]:
    """Every work-centre type the recipes use, in a stable order."""
    types = {centre for centre, _setup, _unit in CAPABILITY_CENTRES.values()}
    for more in SUPPORTING_CENTRES.values():
        types.update(more)
    return sorted(types)


def plant_application_submit(
    *,
    company_name: str,
    contact_name: str,
    email: str,
    phone: str,
    province: str,
    city: str,
    address: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    capabilities: Sequence[str],
    work_centres: Sequence[Mapping[str, Any]],
    materials: Mapping[str, Any] | None = None,
    shipping_per_parcel: Decimal = Decimal("0"),
    language: str = "en",
) -> PlantApplication:
    """A new pending application. Raises ``ApplicationError`` (``errors`` per field, in
    the active language) for unknown capabilities, a capability without its work centre,
    bad rates or a place we cannot find; ``Conflict`` (``already_applied``) while the
    same email has one pending (``application_submit``)."""
    errors: dict[str, list[str]] = {}
    caps = sorted(set(capabilities))
    unknown = [c for c in caps if c not in CAPABILITY_CENTRES]
    if not caps or unknown:
        errors["capabilities"] = [_("Choose what your plant can do.")]
    centres = _centres(work_centres, errors)
    missing = sorted(
        {CAPABILITY_CENTRES[c][0] for c in caps if c in CAPABILITY_CENTRES}
        - {w["type"] for w in centres}
    )
    if centres and missing:
        errors["work_centres"] = [
            _("Add the work centres your capabilities need: %(types)s.")
            % {"types": ", ".join(missing)}
        ]
    clean_materials = _materials(materials or {}, errors)
    at = _location(province, city, latitude, longitude, errors)
    if shipping_per_parcel < 0:
        errors["shipping_per_parcel"] = [_("Enter an amount of 0 or more.")]
    if errors:
        raise ApplicationError(_("Please correct the application."), code="invalid", errors=errors)
    return application_submit(
        PlantApplication,
        email=email,
        language=language,
        company_name=company_name.strip(),
        contact_name=contact_name.strip(),
        phone=phone.strip(),
        province=province.strip(),
        city=city.strip(),
        address=address.strip(),
        latitude=Decimal(str(round(at[0], 6))),
        longitude=Decimal(str(round(at[1], 6))),
        capabilities=caps,
        work_centres=centres,
        materials=clean_materials,
        shipping_per_parcel=shipping_per_parcel,
    )


def plant_application_approve(*, application_id: int, actor: str) -> PlantApplication:
    """Approve: the active factory with its network data and capacity and a staff user (the
    contact's email); the approval email, sent by a worker, brings a factory API key and a
    link to set the password. Approved before: returned unchanged; rejected: ``Conflict``;
    unknown: ``NotFound``."""
    with transaction.atomic():
        application = application_lock(PlantApplication, application_id)
        if application.status == S.APPROVED:
            return application
        # Refused before anything is created (``application_move`` checks again as it saves).
        check_transition(
            APPLICATION_TRANSITIONS, application.status, S.APPROVED, what="application"
        )
        factory = _factory_create(application)
        user = _user_for(application)
        factory_membership_set(user=user, factory=factory)
        application_move(application, S.APPROVED, actor, factory=factory)
        application_email_queue(application, task=SEND_APPLICATION_EMAILS)
    return application


def plant_application_reject(*, application_id: int, reason: str, actor: str) -> PlantApplication:
    """Reject with ``reason``, emailed to the contact. Rejected before: nothing more;
    approved: ``Conflict``; no reason: ``ApplicationError`` (``reason_required``)."""
    reason = (reason or "").strip()
    if not reason:
        message = _("Give the reason: the plant is sent it.")
        raise ApplicationError(message, code="reason_required", errors={"reason": [message]})
    with transaction.atomic():
        application = application_lock(PlantApplication, application_id)
        if application.status == S.REJECTED:
            return application
        application_move(application, S.REJECTED, actor, reject_reason=reason[:2000])
        application_email_queue(application, task=SEND_APPLICATION_EMAILS)
    return application


def plant_application_emails_send(*, email_ids: list[int] | None = None) -> int:
    """Send the pending decision emails (``application_emails_send``); an approval's
    brings the plant's API key, made as it is sent, and the staff user's password link."""
    return application_emails_send(
        PlantApplicationEmail,
        templates="plant",
        credentials=_plant_credentials,
        email_ids=email_ids,
    )


def plant_application_emails_retry_failed(*, application_id: int, actor: str) -> int:
    """Send the application's failed decision emails again; return how many."""
    emails = PlantApplicationEmail.objects.filter(application_id=application_id)
    return emails_retry_failed(emails, SEND_APPLICATION_EMAILS, actor)


def _plant_credentials(application: PlantApplication) -> dict[str, str]:
    factory = application.factory
    assert factory is not None  # approved
    _, key = api_key_create(factory=factory, name="onboarding")
    # The contact, made the plant's staff on approval.
    user = (
        FactoryMembership.objects.select_related("user").filter(factory=factory).earliest("pk").user
    )
    return {
        "api_key": key,
        "username": user.username,
        "password_link": password_set_link(user),
    }


def _factory_create(application: PlantApplication) -> Factory:
    base = slugify(application.company_name)[:28].strip("-") or "plant"
    code = f"{base}-{secrets.token_hex(3)}"
    factory = factory_upsert(
        code=code,
        name=application.company_name,
        city=application.city,
        country=application.country,
        latitude=application.latitude,
        longitude=application.longitude,
        capabilities=application.capabilities,
        address=application.address,
        payout_currency=application.payout_currency,
    )
    factory_work_centres_set(
        factory=factory,
        centres={
            w["type"]: {
                "name": f"{w['count']} × {w['type']}",
                "default_minutes_per_day": min(
                    int(w["count"]) * int(w["minutes_per_day"]), 2**31 - 1
                ),
                "cost_per_minute": Decimal(str(w["cost_per_minute"])),
            }
            for w in application.work_centres
        },
    )
    if application.materials:
        factory_materials_set(factory=factory, materials=application.materials)
    capacity_materialize(factory_id=factory.pk)
    return factory


def _centres(rows: Sequence[Mapping[str, Any]], errors: dict[str, list[str]]) -> list[dict]:
    known = set(centre_type_choices())
    out: dict[str, dict] = {}
    for row in rows:
        try:
            centre_type = str(row["type"])
            count = int(row["count"])
            minutes = int(row["minutes_per_day"])
            rate = Decimal(str(row["cost_per_minute"]))
        except (KeyError, TypeError, ValueError, InvalidOperation):
            errors["work_centres"] = [
                _("Give each work centre a type, a count, minutes and a rate.")
            ]
            return []
        if (
            centre_type not in known
            or not 1 <= count <= 1000
            or not 1 <= minutes <= MAX_MINUTES_PER_CENTRE
            or not rate.is_finite()
            or not Decimal("0") < rate < Decimal("10000")
        ):
            errors["work_centres"] = [
                _(
                    "Each work centre needs a known type, a count of 1 to 1000, 1 to 1440 "
                    "minutes a day and a rate per minute above 0."
                )
            ]
            return []
        if centre_type in out:
            errors["work_centres"] = [_("Name each work-centre type once.")]
            return []
        out[centre_type] = {
            "type": centre_type,
            "count": count,
            "minutes_per_day": minutes,
            "cost_per_minute": str(rate.quantize(Decimal("0.0001"))),
        }
    if not out:
        errors.setdefault("work_centres", [_("Add at least one work centre.")])
    return list(out.values())


def _materials(materials: Mapping[str, Any], errors: dict[str, list[str]]) -> dict[str, str]:
    out = {}
    for material, cost in materials.items():
        try:
            value = Decimal(str(cost))
        except InvalidOperation:
            value = Decimal("-1")
        if (
            not MATERIAL.fullmatch(str(material))
            or not value.is_finite()
            or not 0 <= value < 100000
        ):
            errors["materials"] = [
                _("Write one material a line as name = cost per unit, e.g. cotton_tee = 12.50.")
            ]
            return {}
        out[str(material)] = str(value)
    return out


def _location(
    province: str,
    city: str,
    latitude: Decimal | None,
    longitude: Decimal | None,
    errors: dict[str, list[str]],
) -> tuple[float, float]:
    if (latitude is None) != (longitude is None):
        errors["latitude"] = [_("Give both latitude and longitude, or neither.")]
        return (0.0, 0.0)
    if latitude is not None and longitude is not None:
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            errors["latitude"] = [_("These coordinates are not on the map.")]
            return (0.0, 0.0)
        return (float(latitude), float(longitude))
    found = place({"country": "CN", "region": province, "city": city})
    if found is None or found.level not in ("city", "region"):
        errors["city"] = [
            _("We could not find this city; check the name or give latitude and longitude.")
        ]
        return (0.0, 0.0)
    return found.at


def _user_for(application: PlantApplication):
    """The contact's user (the existing one with this email as username, or a new one
    without a password; staff set it by reset)."""
    users = get_user_model()
    user = users.objects.filter(username__iexact=application.email).first()
    if user is not None and (user.is_staff or user.is_superuser):
        # Never turn an operator (or another plant's staff) into this plant's staff.
        raise Conflict(
            _("This email belongs to a staff user; ask the plant for another email."),
            code="email_is_staff",
        )
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
