"""One application waiting per email, even when two arrive at the same moment: the
database's constraint decides, and the loser is told in its language, never a 500."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.test import Client

from merchants.models import BusinessApplication
from merchants.services.applications import business_application_submit
from tests.merchants.test_business_applications import FORM

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_applications_from_one_email_at_once_make_one_and_the_other_is_told_why():
    # Given a first application from the email, written but not yet committed
    written, commit = threading.Event(), threading.Event()
    outcome: dict[str, object] = {}

    def first() -> None:
        try:
            with transaction.atomic():
                business_application_submit(
                    **{k: v for k, v in FORM.items() if k != "website"}, language="en"
                )
                written.set()
                commit.wait(10)
        finally:
            connections.close_all()

    def second() -> None:
        try:
            client = Client()
            client.cookies["django_language"] = "zh-hans"
            outcome["page"] = client.post(
                "/business/apply/", FORM | {"email": "LI.WEI@acme.example"}
            )
        finally:
            connections.close_all()

    one = threading.Thread(target=first)
    one.start()
    assert written.wait(10)
    # When the second one, having seen none pending, inserts and waits on the first's row
    two = threading.Thread(target=second)
    two.start()
    wait_until_a_query_waits_on_a_lock()
    # And the first commits
    commit.set()
    one.join(10)
    two.join(10)

    # Then there is one application, and the second applicant reads why, in Chinese
    assert BusinessApplication.objects.count() == 1
    page = outcome["page"]
    assert page.status_code == 400
    assert "该邮箱已有一份申请在等待答复。" in page.content.decode()


def wait_until_a_query_waits_on_a_lock(timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.02)
    raise AssertionError("the second submission never waited on the first")
