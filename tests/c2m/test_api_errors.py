"""Every API error is JSON with a stable code; never an HTML page or a 500."""

import pytest

pytestmark = pytest.mark.django_db


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
