"""The reference agent drives a work order to shipped against a real server."""

import time

import httpx
import pytest

from demo.agent import FactoryAgent, verify_webhook
from production.models import Shipment, WorkOrder
from production.services.webhooks import webhook_signature
from production.services.work_orders import work_order_transition


@pytest.mark.django_db(transaction=True)
def test_the_agent_takes_an_offer_all_the_way_to_shipped(live_server, offered, factory_key):
    agent = FactoryAgent(
        api_url=f"{live_server.url}/api/factory/v1/", key=factory_key, qc_failure_rate=0
    )
    statuses = []
    for _ in range(6):
        agent.run_once()
        statuses.append(WorkOrder.objects.get(pk=offered.pk).status)

    assert statuses[:4] == ["accepted", "in_production", "qc_passed", "shipped"]
    assert Shipment.objects.filter(work_order=offered).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_agent_reprints_what_failed_qc_and_ships_only_after_it_passed(
    live_server, offered, factory_key
):
    agent = FactoryAgent(
        api_url=f"{live_server.url}/api/factory/v1/", key=factory_key, qc_failure_rate=1
    )
    statuses = []
    for _ in range(4):
        agent.run_once()
        statuses.append(WorkOrder.objects.get(pk=offered.pk).status)
    agent.qc_failure_rate = 0
    for _ in range(3):
        agent.run_once()
        statuses.append(WorkOrder.objects.get(pk=offered.pk).status)

    assert statuses[:4] == ["accepted", "in_production", "qc_failed", "in_production"]
    assert statuses[4:6] == ["qc_passed", "shipped"]
    events = list(offered.events.values_list("type", flat=True))
    assert events[-5:] == ["started", "qc_failed", "reprint", "qc_passed", "shipped"]


@pytest.mark.django_db(transaction=True)
def test_an_idle_agent_polls_with_304s_and_waits_out_429(
    live_server, offered, factory_key, settings
):
    seen = []

    def record(response: httpx.Response) -> None:
        seen.append(response.status_code)

    client = httpx.Client(
        base_url=f"{live_server.url}/api/factory/v1/",
        headers={"Authorization": f"Api-Key {factory_key}"},
        event_hooks={"response": [record]},
    )
    agent = FactoryAgent(api_url="unused", key=factory_key, client=client)
    work_order_transition(work_order_id=offered.pk, event="cancelled", actor="t")
    agent.poll()
    agent.poll()
    assert seen == [200, 304]

    settings.FACTORY_API_THROTTLE_RATE = "3/s"
    seen.clear()
    for _ in range(5):
        agent.poll()
    assert 429 in seen and seen[-1] == 304


def test_the_agents_webhook_check_matches_the_server_signature():
    body = b'{"seq":1}'
    stamp = int(time.time())
    signature = webhook_signature(secret="s3", event_id="e1", timestamp=stamp, body=body)
    headers = {"Webhook-Id": "e1", "Webhook-Timestamp": str(stamp), "Webhook-Signature": signature}
    assert verify_webhook(secret="s3", headers=headers, body=body)
    assert not verify_webhook(secret="other", headers=headers, body=body)
