"""Business sign-up: a company applies on the public "For business" page (in English or
Chinese), operators approve or reject it in the admin; approval opens the account, its
owner and a sandbox and a live key, emailed once in the applicant's language."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client

from merchants.models import BusinessAccount, BusinessApplication, MerchantApiKey
from merchants.services.accounts import merchant_key_authenticate
from merchants.services.applications import business_application_reject
from tests.backoffice.admin.conftest import logged_in
from tests.mail import emails_sent

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/merchants/businessapplication/"
FORM = {
    "company_name": "Acme Trading Co.",
    "contact_name": "Li Wei",
    "email": "Li.Wei@Acme.example",
    "phone": "+86 755 1234 5678",
    "country": "CN",
    "province": "Guangdong",
    "expected_volume": "100_1000",
    "tax_id": "",
    "website": "",
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


def apply(client: Client, **changes: str):
    return client.post("/business/apply/", FORM | changes)


def decide(as_operator: Client, action: str, application: BusinessApplication, reason: str = ""):
    """The operator picks the action on the list; the worker sends the decision's email."""
    page = as_operator.post(
        CHANGELIST,
        {"action": action, "_selected_action": [application.pk], "reason": reason},
        follow=True,
    )
    emails_sent()
    return page


def keys_in(body: str) -> list[str]:
    return re.findall(r"c2mm_(?:test|live)_[A-Za-z0-9_-]+", body)


def test_the_footer_leads_to_the_page_and_an_application_waits_for_an_operator():
    shop = visitor().get("/")
    assert 'href="/business/apply/"' in shop.content.decode()

    sent = apply(visitor())

    assert sent.status_code == 302 and sent["Location"] == "/business/applied/"
    application = BusinessApplication.objects.get()
    assert application.status == "pending" and application.email == "li.wei@acme.example"
    assert not BusinessAccount.objects.exists() and not MerchantApiKey.objects.exists()
    assert mail.outbox == []


def test_mistakes_are_explained_in_the_shoppers_language():
    page = visitor("zh-hans").get("/business/apply/")
    assert "公司名称" in page.content.decode()

    refused = apply(visitor("zh-hans"), company_name="", phone="call me", email="nope")

    html = refused.content.decode()
    assert refused.status_code == 400
    assert "此字段为必填项" in html  # company name, in Django's own Chinese
    assert "请输入电话号码" in html  # our own message, in Chinese
    assert not BusinessApplication.objects.exists()


def test_a_robot_filling_the_hidden_field_is_thanked_and_nothing_is_stored():
    sent = apply(visitor(), website="https://spam.example")
    assert sent.status_code == 302
    assert not BusinessApplication.objects.exists()


def test_too_many_applications_from_one_address_are_refused(settings):
    settings.SIGN_UP_MAX_PER_IP = 2
    client = visitor()
    apply(client, email="a@acme.example")
    apply(client, email="b@acme.example")
    refused = apply(client, email="c@acme.example")
    assert refused.status_code == 429 and refused["Retry-After"]
    assert BusinessApplication.objects.count() == 2


def test_approval_opens_the_account_and_emails_working_keys_once_in_chinese(as_operator):
    apply(visitor("zh-hans"))
    application = BusinessApplication.objects.get()
    assert application.language == "zh-hans"

    with_keys = decide(as_operator, "approve", application)

    assert "Approved 1 application(s)." in with_keys.content.decode()
    account = BusinessAccount.objects.get()
    assert account.name == "Acme Trading Co." and account.is_active
    member = account.businessmember_set.get()
    assert member.role == "owner" and member.user.email == "li.wei@acme.example"
    [email] = mail.outbox
    assert email.to == ["li.wei@acme.example"] and "API" in email.subject
    assert "只发送一次" in email.body  # the warning, in the applicant's language
    sandbox, live = keys_in(email.body)
    assert sandbox.startswith("c2mm_test_") and live.startswith("c2mm_live_")
    assert merchant_key_authenticate(raw=sandbox).sandbox is True
    assert merchant_key_authenticate(raw=live).account_id == account.pk
    stored = str(list(MerchantApiKey.objects.values()))
    assert sandbox not in stored and live not in stored

    decide(as_operator, "approve", application)  # twice: nothing more

    assert BusinessAccount.objects.count() == 1 and MerchantApiKey.objects.count() == 2
    assert len(mail.outbox) == 1
    [event] = application.events.all()
    assert (event.from_status, event.to_status) == ("pending", "approved")
    assert event.actor == "admin:olga"


def test_rejection_needs_a_reason_and_emails_it(as_operator):
    apply(visitor())
    application = BusinessApplication.objects.get()

    without = decide(as_operator, "reject", application)
    application.refresh_from_db()
    assert application.status == "pending" and "Give the reason" in without.content.decode()

    decide(as_operator, "reject", application, reason="We only serve registered companies.")

    application.refresh_from_db()
    assert application.status == "rejected" and not BusinessAccount.objects.exists()
    [email] = mail.outbox
    assert "We only serve registered companies." in email.body
    approved = decide(as_operator, "approve", application)
    assert not BusinessAccount.objects.exists()
    assert "application" in approved.content.decode()  # refused, named


def test_a_second_application_from_the_same_email_is_refused_in_the_shoppers_language():
    assert apply(visitor()).status_code == 302

    again = apply(visitor("zh-hans"), email="  LI.WEI@acme.EXAMPLE ", company_name="Acme Two")

    assert again.status_code == 400
    assert "该邮箱已有一份申请在等待答复。" in again.content.decode()
    assert BusinessApplication.objects.count() == 1


def test_once_the_application_is_decided_the_same_email_may_apply_again():
    assert apply(visitor()).status_code == 302
    business_application_reject(
        application_id=BusinessApplication.objects.get().pk, reason="Too small", actor="olga"
    )

    assert apply(visitor()).status_code == 302
    assert BusinessApplication.objects.filter(status="pending").count() == 1
