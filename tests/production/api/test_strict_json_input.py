"""Factory events with JSON that Python parses but PostgreSQL or the stack cannot take:
a structured 400 ``malformed_request`` that says what is wrong, never a 500."""

import pytest

from production.models import WorkOrderEvent
from tests.production.api.conftest import API, auth

pytestmark = pytest.mark.django_db

DEEP = "[" * 3000 + "]" * 3000
HUGE_INT = "9" * 5000


def post_raw(client, key, work_order, raw: str, **headers):
    return client.post(
        f"{API}work-orders/{work_order.pk}/events/",
        raw.encode("utf-8", "surrogatepass"),
        content_type="application/json",
        **auth(key),
        **headers,
    )


def shipped(packages: str) -> str:
    return (
        '{"type": "shipped", "carrier": "SF", "tracking_number": "SF1", '
        f'"packages": [{packages}]}}'
    )


def progress(note: str) -> str:
    return f'{{"type": "progress", "percent": 40, "note": {note}}}'


@pytest.mark.parametrize(
    ("raw", "detail"),
    [
        (shipped('{"weight_kg": "0.4\\u0000"}'), "NUL"),
        (shipped('{"weight\\u0000kg": 0.4}'), "NUL"),
        (shipped('{"weight_kg": "\\udc00"}'), "surrogate"),
        (shipped('{"weight_kg": 1e400}'), "finite"),
        (shipped(f'{{"weight_kg": {DEEP}}}'), "nested"),
        (shipped('{"weight_kg": NaN}'), "NaN"),
        (shipped(f'{{"weight_kg": {HUGE_INT}}}'), "at most 40 characters"),
    ],
    ids=["nul-value", "nul-key", "lone-surrogate", "1e400", "deep", "nan", "5000-digits"],
)
def test_a_shipment_with_unstorable_packages_is_a_400(client, factory_key, qc_passed, raw, detail):
    response = post_raw(client, factory_key, qc_passed, raw)

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "malformed_request"
    assert detail in body["detail"]
    assert "sys.set_int_max_str_digits" not in body["detail"]
    qc_passed.refresh_from_db()
    assert qc_passed.status == "qc_passed"


@pytest.mark.parametrize(
    "note",
    ['"\\u0000"', '"\\udc00"', "1e400", DEEP],
    ids=["nul", "lone-surrogate", "1e400", "deep"],
)
def test_a_progress_note_that_cannot_be_stored_is_a_400(client, factory_key, in_production, note):
    before = WorkOrderEvent.objects.count()

    response = post_raw(client, factory_key, in_production, progress(note))

    assert response.status_code == 400
    assert response.json()["code"] == "malformed_request"
    assert WorkOrderEvent.objects.count() == before


def test_an_integer_of_thousands_of_digits_is_refused_in_our_words(
    client, factory_key, in_production
):
    raw = f'{{"type": "progress", "percent": {HUGE_INT}}}'

    response = post_raw(client, factory_key, in_production, raw)

    assert response.status_code == 400
    body = response.json()
    assert body == {
        "code": "malformed_request",
        "detail": "Numbers may have at most 40 characters.",
        "errors": {},
    }


def test_the_same_refusal_is_stored_and_replayed_under_an_idempotency_key(
    client, factory_key, qc_passed
):
    raw = shipped('{"weight_kg": 1e400}')

    first = post_raw(client, factory_key, qc_passed, raw, HTTP_IDEMPOTENCY_KEY="k-1")
    again = post_raw(client, factory_key, qc_passed, raw, HTTP_IDEMPOTENCY_KEY="k-1")

    assert first.status_code == again.status_code == 400
    assert first.json() == again.json()
    assert first.json()["code"] == "malformed_request"
    assert again["Idempotent-Replayed"] == "true"


def test_ordinary_packages_still_ship(client, factory_key, qc_passed):
    raw = shipped('{"weight_kg": 0.4, "length_cm": 30, "fragile": true, "ref": "Ω-1"}')

    response = post_raw(client, factory_key, qc_passed, raw)

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "shipped"
