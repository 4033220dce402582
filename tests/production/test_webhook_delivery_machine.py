"""The status machine of a push-webhook delivery, driven by the real services: a plant with a
registered webhook is offered work (the feed entry queues the push), the endpoint answers or
fails at random, time passes, and the transition service is asked for any move.

The rules checked are the business's, written here independently of
``DELIVERY_TRANSITIONS``: a push is retried after each failure until the eighth, then given
up; a delivered or given-up push is never sent again nor reopened. Letting a delivered or
failed delivery become pending again makes this test fail.
"""

from __future__ import annotations

import itertools
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone
from freezegun import freeze_time
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from c2m.errors import Conflict
from orders.models import OutboxMessage
from production.models import DeliveryStatus, WebhookDelivery
from production.services.planning import orders_plan
from production.services.webhooks import (
    webhook_deliver,
    webhook_delivery_transition,
    webhook_register,
)
from production.services.work_orders import work_order_transition
from tests.factories import PlantFactory, demo_product, place_order

pytestmark = pytest.mark.django_db

D = DeliveryStatus
# The push is given up after this many failed attempts (operators then see it).
GIVE_UP_AFTER = 8
_codes = itertools.count()


def business_allows(current: str, target: str) -> bool:
    """A delivered or given-up push is over; a waiting one may be retried, land or be
    given up."""
    return current == D.PENDING


class WebhookDeliveryLife(RuleBasedStateMachine):
    @initialize()
    def plant_with_a_webhook_is_offered_work(self) -> None:
        plant = PlantFactory(code=f"hook-plant-{next(_codes)}")
        webhook_register(factory_id=plant.pk, url="https://plant.example/hooks")
        order = place_order(demo_product(), {"finish": "brushed"})
        message = OutboxMessage.objects.get(topic="order.paid", payload__order_id=order.pk)
        [work_order_id] = orders_plan(message_ids=[message.pk])
        work_order_transition(
            work_order_id=work_order_id,
            event="offered",
            actor="system:router",
            changes={"factory": plant},
        )
        self.delivery = WebhookDelivery.objects.get(webhook__factory=plant)
        self.expected, self.failures = D.PENDING, 0
        self.now = timezone.now()

    def row(self) -> WebhookDelivery:
        return WebhookDelivery.objects.get(pk=self.delivery.pk)

    @rule(answers=st.booleans())
    def worker_tries_now(self, answers: bool) -> None:
        due = self.expected == D.PENDING and self.row().next_attempt_at <= self.now
        error = None if answers else "HTTP 500"
        with (
            freeze_time(self.now),
            mock.patch("production.services.webhooks._send", return_value=error) as send,
        ):
            status = webhook_deliver(delivery_id=self.delivery.pk)
        assert send.call_count == (1 if due else 0), "sent when not due, or not sent when due"
        if due and answers:
            self.expected = D.DELIVERED
        elif due:
            self.failures += 1
            self.expected = D.FAILED if self.failures >= GIVE_UP_AFTER else D.PENDING
        assert status in {self.expected, "skipped"}

    @rule(minutes=st.sampled_from([1, 15]))
    def time_passes(self, minutes: int) -> None:
        self.now += timedelta(minutes=minutes)

    @rule(to=st.sampled_from(D.values))
    def anyone_asks_for_any_move(self, to: str) -> None:
        try:
            webhook_delivery_transition(delivery_id=self.delivery.pk, to=to)
        except Conflict:
            assert not business_allows(self.expected, to), f"{self.expected} -> {to} refused"
        else:
            assert business_allows(self.expected, to), f"{self.expected} -> {to} accepted"
            self.expected = to

    @rule()
    def anyone_tries_every_forbidden_move(self) -> None:
        """Wherever the delivery is, every move the rules forbid is refused."""
        for to in D.values:
            if not business_allows(self.expected, to):
                self.anyone_asks_for_any_move(to)

    @invariant()
    def status_is_the_one_the_rules_allow(self) -> None:
        if hasattr(self, "delivery"):
            assert self.row().status == self.expected


def test_no_webhook_delivery_ever_moves_against_the_rules():
    run_state_machine_as_test(
        WebhookDeliveryLife,
        settings=settings(max_examples=30, stateful_step_count=25, deadline=None),
    )
