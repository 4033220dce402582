"""Every API error is JSON with a stable code; never an HTML page or a 500."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.test import Client

from orders.services.api_tokens import customer_token_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def customer(db):
    return get_user_model().objects.create_user("li", "li@example.com", "pw-long-enough-1")


@pytest.fixture
def customer_token(customer) -> str:
    return customer_token_create(customer=customer, name="script")[1]


@pytest.mark.parametrize("path", ["/api/nope", "/api/v1/nope/", "/api/factory/v1/nothing/"])
def test_unknown_api_route_is_a_json_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "detail": "No such resource.", "errors": {}}


def test_wrong_method_is_a_json_405(client):
    response = client.delete("/api/v1/orders/C2M-AAAA-BBBB/")
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


def test_factory_api_without_key_is_refused_with_401(client):
    response = client.get("/api/factory/v1/work-orders/")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"] == "Api-Key"


def test_factory_api_with_a_made_up_key_is_refused(client):
    response = client.get(
        "/api/factory/v1/work-orders/", HTTP_AUTHORIZATION="Api-Key c2mf_abcd1234_nonsense"
    )
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_malformed_json_body_is_a_structured_400(client, factory_key):
    response = client.post(
        "/api/factory/v1/work-orders/1/events/",
        data="{not json",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Api-Key {factory_key}",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "malformed_request"


def test_unknown_page_is_an_html_404(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert b"We could not find that page" in response.content


# --- Errors Django answers before or around the views, as in production (DEBUG off) ----

EVENTS = "/api/factory/v1/work-orders/1/events/"
WEBHOOK = "/api/v1/payments/invoice/webhook/"


@pytest.fixture
def small_uploads(settings):
    settings.DEBUG = False
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000


def _big_event() -> bytes:
    return json.dumps({"type": "progress", "percent": 5, "note": "x" * 2000}).encode()


@pytest.mark.parametrize("idempotency_key", [None, "big-1"], ids=["parsed", "idempotent"])
def test_a_factory_body_over_the_upload_limit_is_a_json_413(
    client, factory_key, small_uploads, idempotency_key
):
    headers = {"HTTP_AUTHORIZATION": f"Api-Key {factory_key}"}
    if idempotency_key:
        headers["HTTP_IDEMPOTENCY_KEY"] = idempotency_key

    response = client.post(EVENTS, _big_event(), content_type="application/json", **headers)

    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "code": "request_too_large",
        "detail": "The request body may not exceed 1000 bytes.",
        "errors": {},
    }


def test_a_payment_notification_over_the_upload_limit_is_a_json_413(client, small_uploads):
    response = client.post(
        WEBHOOK,
        _big_event(),
        content_type="application/json",
        HTTP_C2M_WEBHOOK_ID="evt_1",
        HTTP_C2M_WEBHOOK_TIMESTAMP="1700000000",
        HTTP_C2M_WEBHOOK_SIGNATURE="v1=00",
    )

    assert response.status_code == 413
    assert response.json()["code"] == "request_too_large"


@pytest.mark.parametrize("path", ["/api/v1/orders/", "/api/factory/v1/work-orders/", "/api/x"])
def test_a_foreign_host_is_a_json_400_on_the_api(client, settings, path):
    settings.DEBUG = False

    response = client.get(path, HTTP_HOST="attacker.example")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "code": "bad_request",
        "detail": "The request cannot be served.",
        "errors": {},
    }


def test_too_many_query_parameters_is_a_json_400_on_the_api(client, settings, factory_key):
    settings.DEBUG = False
    query = "&".join(["status=offered"] * (settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))

    response = client.get(
        f"/api/factory/v1/work-orders/?{query}", HTTP_AUTHORIZATION=f"Api-Key {factory_key}"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"


def test_a_foreign_host_on_a_page_is_an_html_400_without_internals(client, settings):
    settings.DEBUG = False

    response = client.get("/", HTTP_HOST="attacker.example")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert b"Traceback" not in response.content
    assert b"DisallowedHost" not in response.content


def test_a_page_body_over_the_upload_limit_stays_an_html_400(client, small_uploads):
    response = client.post(
        "/account/login/", "a=" + "x" * 2000, content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code in {400, 403}
    assert response["Content-Type"].startswith("text/html")
    assert b"Traceback" not in response.content


def test_a_session_post_without_csrf_token_is_a_json_403(customer, settings):
    settings.DEBUG = False
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(customer)

    response = csrf_client.post("/api/v1/artworks/", {})

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert "CSRF" in response.json()["detail"]


def test_django_permission_denied_under_the_api_is_json(rf):
    from c2m.views import permission_denied  # handler403, new with this test

    response = permission_denied(rf.get("/api/v1/orders/"), PermissionDenied())

    assert response.status_code == 403
    assert json.loads(response.content)["code"] == "permission_denied"


def test_an_unexpected_error_under_the_api_is_a_json_500_without_internals(
    settings, monkeypatch, customer_token
):
    settings.DEBUG = False

    def broken(**kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("orders.api.views.orders_of_customer", broken)
    client = Client(raise_request_exception=False)

    response = client.get("/api/v1/orders/", HTTP_AUTHORIZATION=f"Token {customer_token}")

    assert response.status_code == 500
    assert response.json() == {
        "code": "server_error",
        "detail": "Something went wrong.",
        "errors": {},
    }


@pytest.mark.parametrize(
    ("method", "path", "headers", "status", "code"),
    [
        ("get", "/api/schema/?format=xml", {}, 404, "not_found"),
        ("post", "/api/schema/", {}, 405, "method_not_allowed"),
        ("post", "/api/docs/", {}, 405, "method_not_allowed"),
        ("delete", "/api/redoc/", {}, 405, "method_not_allowed"),
        ("get", "/api/docs/", {"HTTP_ACCEPT": "application/xml"}, 406, "not_acceptable"),
    ],
)
def test_errors_of_the_schema_and_docs_are_json_too(client, method, path, headers, status, code):
    response = getattr(client, method)(path, **headers)

    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == code


def test_the_schema_and_the_docs_still_render_as_before(client):
    assert client.get("/api/schema/")["Content-Type"].startswith("application/vnd.oai.openapi")
    assert client.get("/api/schema/?format=json").json()["openapi"].startswith("3.")
    assert client.get("/api/docs/")["Content-Type"].startswith("text/html")


# --- The database unreachable (PostgreSQL restarting, connections killed) ------------------


def _database_gone(**kwargs):
    raise OperationalError("server closed the connection unexpectedly")


def test_a_lost_database_connection_under_the_api_is_a_json_503_with_retry_after(
    settings, monkeypatch, customer_token
):
    settings.DEBUG = False
    monkeypatch.setattr("orders.api.views.orders_of_customer", _database_gone)
    client = Client(raise_request_exception=False)

    response = client.get("/api/v1/orders/", HTTP_AUTHORIZATION=f"Token {customer_token}")

    assert response.status_code == 503
    assert response["Retry-After"] == "2"
    assert response.json() == {
        "code": "database_unavailable",
        "detail": "The database is briefly unavailable; please retry.",
        "errors": {},
    }


def test_a_lost_database_connection_outside_an_api_view_is_a_json_503_too(rf):
    """Raised where no DRF view catches it (a middleware): Django's handler500 answers."""
    from c2m.views import server_error

    try:
        _database_gone()
    except OperationalError:
        response = server_error(rf.get("/api/factory/v1/work-orders/"))

    assert response.status_code == 503
    assert response["Retry-After"] == "2"
    assert json.loads(response.content)["code"] == "database_unavailable"


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "We are back in a moment."), ("zh-hans", "我们马上回来。")],
)
def test_a_lost_database_connection_on_a_page_is_a_503_in_the_shoppers_language(
    settings, monkeypatch, language, text
):
    settings.DEBUG = False
    monkeypatch.setattr("orders.pages.catalog.render", lambda *a, **k: _database_gone())
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE=language)

    response = client.get("/")

    assert response.status_code == 503
    assert response["Retry-After"] == "2"
    assert response["Content-Type"].startswith("text/html")
    assert text in response.content.decode()
    assert b"Traceback" not in response.content
    assert b"OperationalError" not in response.content


def test_a_session_that_cannot_be_saved_for_a_lost_connection_is_a_503_not_a_400(
    client, settings, monkeypatch
):
    """Django answers 400 (``SessionInterrupted``) when saving a session fails with a
    database error; a lost connection is the shop's fault, and a retry succeeds."""
    from django.contrib.sessions.models import Session

    from tests.factories import demo_product

    settings.DEBUG = False
    product = demo_product("TUMBLER-ENGRAVED")
    session = client.session
    session["seen"] = True
    session.save()
    monkeypatch.setattr(Session, "save", lambda self, **kwargs: _database_gone())
    design = {"capacity": "750ml", "finish": "matte_black", "engraving": "LI", "quantity": 1}
    client.raise_request_exception = False

    response = client.post(product.get_absolute_url(), design)

    assert response.status_code == 503
    assert response["Retry-After"] == "2"
    assert "We are back in a moment." in response.content.decode()
