"""Polling work orders: filters, cursor pages, ETags, the detail and the files."""

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone
from rest_framework.renderers import JSONRenderer

from production.api.serializers import WorkOrderListItemSerializer
from production.models import WorkOrder
from production.selectors import factory_api
from production.services.factory_actions import work_order_accept
from production.services.production_files import work_order_files_generate
from tests.production.api.conftest import API, auth

pytestmark = pytest.mark.django_db


def test_status_filter_is_repeatable_and_lists_only_matching_work_orders(
    client, make_offered, plant, factory_key
):
    first, second, third = make_offered(), make_offered(), make_offered()
    work_order_accept(factory=plant, work_order_id=second.pk, actor="test")

    offered = client.get(f"{API}work-orders/?status=offered", **auth(factory_key)).json()
    both = client.get(
        f"{API}work-orders/?status=offered&status=accepted", **auth(factory_key)
    ).json()

    assert [r["id"] for r in offered["results"]] == [first.pk, third.pk]
    assert [r["id"] for r in both["results"]] == [first.pk, third.pk, second.pk]


def test_unknown_status_or_malformed_updated_after_is_a_field_error(client, factory_key):
    bad_status = client.get(f"{API}work-orders/?status=lost", **auth(factory_key))
    bad_date = client.get(f"{API}work-orders/?updated_after=yesterday", **auth(factory_key))
    bad_cursor = client.get(f"{API}work-orders/?cursor=%%%", **auth(factory_key))

    assert bad_status.status_code == 400 and "status" in bad_status.json()["errors"]
    assert bad_date.status_code == 400 and "updated_after" in bad_date.json()["errors"]
    assert bad_cursor.status_code == 400 and bad_cursor.json()["code"] == "invalid_cursor"


def test_updated_after_leaves_out_older_changes(client, make_offered, plant, factory_key):
    old = make_offered()
    cut = timezone.now()
    new = make_offered()
    response = client.get(
        f"{API}work-orders/", {"updated_after": cut.isoformat()}, **auth(factory_key)
    )
    assert [r["id"] for r in response.json()["results"]] == [new.pk]
    assert old.pk not in [r["id"] for r in response.json()["results"]]


def test_cursor_pages_cover_every_work_order_once_even_when_one_changes_meanwhile(
    client, make_offered, plant, factory_key
):
    made = [make_offered() for _ in range(5)]
    first = client.get(f"{API}work-orders/?limit=2", **auth(factory_key)).json()
    # A work order on the first page changes: it moves to the end and is seen again there.
    work_order_accept(factory=plant, work_order_id=made[0].pk, actor="test")

    seen, cursor = [r["id"] for r in first["results"]], first["next"]
    while cursor:
        page = client.get(f"{API}work-orders/?limit=2&cursor={cursor}", **auth(factory_key)).json()
        seen += [r["id"] for r in page["results"]]
        cursor = page["next"]

    assert seen == [made[0].pk, made[1].pk, made[2].pk, made[3].pk, made[4].pk, made[0].pk]


def test_an_idle_poll_is_a_304_without_reading_work_orders(
    client, offered, plant, factory_key, django_assert_max_num_queries
):
    url = f"{API}work-orders/?status=offered"
    etag = client.get(url, **auth(factory_key))["ETag"]

    with django_assert_max_num_queries(1):  # the factory's change sequence (key remembered)
        idle = client.get(url, HTTP_IF_NONE_MATCH=etag, **auth(factory_key))
    work_order_accept(factory=plant, work_order_id=offered.pk, actor="test")
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag, **auth(factory_key))

    assert idle.status_code == 304 and idle.content == b""
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_the_list_costs_two_queries_however_many_rows(
    client, make_offered, factory_key, django_assert_max_num_queries
):
    for _ in range(3):
        make_offered()
    client.get(f"{API}work-orders/", **auth(factory_key))  # records the key's last use
    with django_assert_max_num_queries(2):  # change sequence, one page (key remembered)
        response = client.get(f"{API}work-orders/?status=offered", **auth(factory_key))
    assert len(response.json()["results"]) == 3


@pytest.mark.parametrize("writer", ["postgresql", "portable"])
def test_the_page_is_byte_for_byte_what_the_documented_serializer_renders(
    client, make_offered, factory_key, monkeypatch, writer
):
    if writer == "portable":  # what the demo's SQLite runs: items written by Python
        monkeypatch.setattr(factory_api, "_page_rows", factory_api._page_rows_portable)
    made = [make_offered() for _ in range(3)]
    # A whole-second timestamp (no microseconds to print) and a name JSON must escape.
    on_the_second = timezone.now().replace(microsecond=0) + timedelta(seconds=5)
    WorkOrder.objects.filter(pk=made[1].pk).update(updated_at=on_the_second)
    WorkOrder.objects.filter(pk=made[2].pk).update(product_name='Becher „Ω" \\ \t\x01 /')

    first = client.get(f"{API}work-orders/?limit=2", **auth(factory_key))
    cursor = first.json()["next"]
    rest = client.get(f"{API}work-orders/?limit=2&cursor={cursor}", **auth(factory_key))

    rows = list(WorkOrder.objects.filter(pk__in=[w.pk for w in made]).order_by("updated_at", "pk"))
    render = JSONRenderer().render
    items = WorkOrderListItemSerializer(rows, many=True).data
    assert first.content == render({"next": cursor, "results": items[:2]})
    assert rest.content == render({"next": None, "results": items[2:]})
    assert rest.json()["results"][-1]["updated_at"] == f"{on_the_second:%Y-%m-%dT%H:%M:%S}Z"
    assert first["Content-Type"] == "application/json"


def test_detail_carries_its_version_as_etag_and_answers_304_while_unchanged(
    client, offered, factory_key
):
    url = f"{API}work-orders/{offered.pk}/"
    response = client.get(url, **auth(factory_key))
    assert response["ETag"] == f'"{offered.version}"'
    assert response.json()["version"] == offered.version
    assert (
        client.get(url, HTTP_IF_NONE_MATCH=response["ETag"], **auth(factory_key)).status_code == 304
    )


@pytest.fixture
def with_files(offered) -> WorkOrder:
    """The offered work order once the file task made its files (through the service)."""
    work_order_files_generate(work_order_id=offered.pk)
    return offered


def test_files_are_listed_only_once_made_and_say_being_prepared_before(
    client, offered, factory_key
):
    before = client.get(f"{API}work-orders/{offered.pk}/", **auth(factory_key)).json()
    ticket_url = f"{API}work-orders/{offered.pk}/files/job-ticket.pdf"
    early = client.get(ticket_url, **auth(factory_key))
    work_order_files_generate(work_order_id=offered.pk)
    after = client.get(f"{API}work-orders/{offered.pk}/", **auth(factory_key)).json()

    assert (before["files_status"], before["files"]) == ("preparing", [])
    assert early.status_code == 404
    assert after["files_status"] == "ready"
    assert [f["name"] for f in after["files"]] == ["job-ticket.pdf"]


def test_files_are_linked_from_the_detail_and_streamed_as_attachments(
    client, with_files, factory_key
):
    detail = client.get(f"{API}work-orders/{with_files.pk}/", **auth(factory_key)).json()
    links = {f["name"]: f for f in detail["files"]}

    ticket = client.get(links["job-ticket.pdf"]["url"], **auth(factory_key))

    assert ticket.status_code == 200
    body = b"".join(ticket.streaming_content)
    assert body.startswith(b"%PDF") and with_files.number.encode() in body
    assert len(body) == links["job-ticket.pdf"]["size"]
    assert ticket["Content-Type"] == "application/pdf"
    assert ticket["Content-Disposition"] == 'attachment; filename="job-ticket.pdf"'
    assert ticket["X-Content-Type-Options"] == "nosniff"
    assert ticket["ETag"] == f'"{links["job-ticket.pdf"]["sha256"]}"'


@pytest.mark.parametrize("name", ["missing.pdf", "..%2Fsettings.py"])
def test_unknown_files_are_404(client, with_files, factory_key, name):
    response = client.get(f"{API}work-orders/{with_files.pk}/files/{name}", **auth(factory_key))
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_file_lost_from_storage_is_404(client, with_files, factory_key):
    row = with_files.files.get(name="job-ticket.pdf")
    default_storage.delete(row.path)

    response = client.get(
        f"{API}work-orders/{with_files.pk}/files/job-ticket.pdf", **auth(factory_key)
    )

    assert response.status_code == 404


def test_another_factory_cannot_download_the_files(client, with_files, other_key):
    response = client.get(
        f"{API}work-orders/{with_files.pk}/files/job-ticket.pdf", **auth(other_key)
    )
    assert response.status_code == 404


def test_updated_after_in_the_future_lists_nothing(client, offered, factory_key):
    later = (timezone.now() + timedelta(days=1)).isoformat()
    response = client.get(f"{API}work-orders/", {"updated_after": later}, **auth(factory_key))
    assert response.json() == {"next": None, "results": []}
