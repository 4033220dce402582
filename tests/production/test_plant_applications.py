"""Plant self-onboarding: a plant applies on the public "Become a partner plant" page;
until an operator approves it, the router never offers it work (there is no plant to
offer it to); approval creates the plant ready for routing, its staff user and its API
key, emailed once in the applicant's language."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client

from production.models import (
    CapacityDay,
    Factory,
    FactoryApiKey,
    FactoryMembership,
    PlantApplication,
    WorkOrder,
)
from production.services.api_keys import api_key_authenticate
from production.services.routing import work_orders_route
from tests.backoffice.admin.conftest import logged_in, planned_work_order
from tests.mail import emails_sent

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/production/plantapplication/"
# A plant that can engrave the demo tumbler: laser, quality check and packing stations.
CENTRES = [
    ("fibre_laser", "2", "480", "0.80"),
    ("qc_bench", "1", "480", "0.30"),
    ("packing", "1", "480", "0.20"),
    ("crating", "1", "240", "0.20"),
]
FORM = {
    "company_name": "Dongguan Bright Laser Works",
    "contact_name": "Chen Jing",
    "email": "chen.jing@bright-laser.example",
    "phone": "+86 769 2233 4455",
    "province": "Guangdong",
    "city": "Dongguan",
    "address": "12 Industrial Road, Chang'an",
    "latitude": "",
    "longitude": "",
    "capabilities": ["laser_engrave", "qc", "pack"],
    "materials": "",
    "shipping_per_parcel": "12.00",
    "website": "",
    **{
        f"centre_{row}_{part}": value
        for row, centre in enumerate(CENTRES)
        for part, value in zip(("type", "count", "minutes", "rate"), centre, strict=True)
    },
}


@pytest.fixture
def as_operator(django_user_model) -> Client:
    user = django_user_model.objects.create_user("olga", "olga@c2m.example", "pw", is_staff=True)
    user.groups.add(Group.objects.get_or_create(name="Operators")[0])
    return logged_in(user)


def visitor(language: str = "en") -> Client:
    client = Client()
    client.cookies["django_language"] = language
    return client


def apply(client: Client, **changes):
    return client.post("/partners/apply/", FORM | changes)


def decide(as_operator: Client, action: str, application: PlantApplication, reason: str = ""):
    """The operator picks the action on the list; the worker sends the decision's email."""
    page = as_operator.post(
        CHANGELIST,
        {"action": action, "_selected_action": [application.pk], "reason": reason},
        follow=True,
    )
    emails_sent()
    return page


def test_a_pending_plant_gets_no_offer_and_once_approved_the_router_offers_it_work(
    as_operator,
):
    assert 'href="/partners/apply/"' in visitor().get("/").content.decode()
    sent = apply(visitor("zh-hans"))
    assert sent.status_code == 302, sent.content.decode()[:3000]
    application = PlantApplication.objects.get()
    assert application.status == "pending" and application.language == "zh-hans"
    work_order = planned_work_order()

    pending = work_orders_route(work_order_ids=[work_order.pk])

    work_order.refresh_from_db()
    assert pending["offered"] == 0 and work_order.factory is None
    assert not Factory.objects.exists()

    decide(as_operator, "approve", application)

    application.refresh_from_db()
    plant = application.factory
    assert application.status == "approved" and plant is not None
    assert plant.status == "active" and plant.city == "Dongguan"
    assert 22 < float(plant.latitude) < 24  # Dongguan, found from its name
    assert sorted(plant.capabilities.values_list("code", flat=True)) == [
        "laser_engrave",
        "pack",
        "qc",
    ]
    laser = plant.work_centres.get(type="fibre_laser")
    assert laser.default_minutes_per_day == 960 and str(laser.cost_per_minute) == "0.8000"
    assert CapacityDay.objects.filter(factory=plant, centre_type="fibre_laser").exists()

    approved = work_orders_route(work_order_ids=[work_order.pk])

    work_order = WorkOrder.objects.get(pk=work_order.pk)
    assert approved["offered"] == 1 and work_order.factory_id == plant.pk
    assert work_order.status == "offered"


def test_approval_emails_a_working_key_once_and_makes_the_contact_the_plants_staff(
    as_operator,
):
    apply(visitor("zh-hans"))
    application = PlantApplication.objects.get()

    decide(as_operator, "approve", application)
    decide(as_operator, "approve", application)  # twice: nothing more

    plant = Factory.objects.get()
    [email] = mail.outbox
    assert email.to == [FORM["email"]] and "只发送一次" in email.body
    [key] = re.findall(r"c2mf_[0-9a-f]+_[A-Za-z0-9_-]+", email.body)
    assert api_key_authenticate(raw=key).factory_id == plant.pk
    assert FactoryApiKey.objects.filter(factory=plant).count() == 1
    assert key.split("_", 2)[2] not in str(list(FactoryApiKey.objects.values()))
    page = as_operator.get(f"{CHANGELIST}{application.pk}/change/")
    assert page.status_code == 200 and "admin:olga" in page.content.decode()  # the decision
    assert key not in page.content.decode()
    membership = FactoryMembership.objects.select_related("user").get()
    assert membership.factory == plant and membership.user.email == FORM["email"]
    assert membership.user.is_staff and not membership.user.has_usable_password()


def test_the_new_staff_user_sets_a_password_from_the_email_and_signs_in_to_the_admin(
    as_operator,
):
    apply(visitor("zh-hans"))
    decide(as_operator, "approve", PlantApplication.objects.get())
    [link] = re.findall(r"https?://\S+/account/password/\S+/", mail.outbox[0].body)
    path = link.split("://", 1)[1].split("/", 1)[1]

    staff = Client()
    form = staff.get("/" + path, follow=True)
    assert form.status_code == 200 and 'name="new_password1"' in form.content.decode()
    password = "a-long-plant-password-7"
    done = staff.post(
        form.redirect_chain[-1][0], {"new_password1": password, "new_password2": password}
    )
    assert done.status_code == 302 and done.url == "/account/password/done/"

    assert staff.login(username=FORM["email"], password=password)
    assert staff.get("/admin/").status_code == 200
    # The link works once
    again = Client().get("/" + path, follow=True)
    assert 'name="new_password1"' not in again.content.decode()


def test_a_rejected_plant_is_told_why_and_never_becomes_a_candidate(as_operator):
    apply(visitor())
    application = PlantApplication.objects.get()
    work_order = planned_work_order()

    decide(as_operator, "reject", application, reason="We have enough laser capacity nearby.")
    decide(as_operator, "approve", application)  # refused: decided

    application.refresh_from_db()
    assert application.status == "rejected" and not Factory.objects.exists()
    [email] = mail.outbox
    assert "We have enough laser capacity nearby." in email.body
    [event] = application.events.all()
    assert event.to_status == "rejected" and event.data["reason"].startswith("We have enough")
    assert work_orders_route(work_order_ids=[work_order.pk])["offered"] == 0


def test_mistakes_are_explained_in_chinese_and_nothing_is_stored():
    refused = apply(
        visitor("zh-hans"),
        capabilities=["laser_engrave", "embroider"],
        city="Nowhere-on-earth",
        centre_1_type="",
        centre_1_count="",
        centre_1_minutes="",
        centre_1_rate="",
        centre_2_count="",
    )

    html = refused.content.decode()
    assert refused.status_code == 400
    assert "请填写类型、数量、分钟数和费率，或全部留空。" in html  # half a row
    assert not PlantApplication.objects.exists()

    refused = apply(visitor("zh-hans"), capabilities=["laser_engrave", "embroider"])

    html = refused.content.decode()
    assert refused.status_code == 400
    assert "请添加所选工艺需要的工位：embroidery_machine。" in html
    assert not PlantApplication.objects.exists()


def test_a_robot_filling_the_hidden_field_is_thanked_and_nothing_is_stored():
    sent = apply(visitor(), website="https://spam.example")
    assert sent.status_code == 302 and not PlantApplication.objects.exists()


def test_a_second_application_from_the_same_email_is_refused_and_nothing_more_is_stored():
    assert apply(visitor()).status_code == 302

    again = apply(visitor(), email="Chen.Jing@Bright-Laser.example")

    assert again.status_code == 400
    assert "This email has an application waiting for an answer." in again.content.decode()
    assert PlantApplication.objects.count() == 1
