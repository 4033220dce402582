"""The published OpenAPI schema is valid, and the API keeps its promises under fuzzing."""

import io
import re
from datetime import date

import pytest
import schemathesis
from django.core.management import call_command
from hypothesis import HealthCheck, Phase, settings

from c2m.wsgi import application
from production.selectors.capacity import capacity_window
from tests.production.api.schema_fuzzing import ACCEPTED, aim, checks_for, raw_body

pytestmark = pytest.mark.django_db


def test_schema_validates_without_warnings():
    out = io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    schema = out.getvalue()
    assert "/api/factory/v1/work-orders/{id}/files/{name}" in schema
    assert "Idempotency-Key" in schema


@pytest.fixture
def published(client) -> dict:
    return client.get("/api/schema/?format=json").json()


def parameters(operation: dict) -> dict[str, dict]:
    return {p["name"]: p for p in operation.get("parameters", [])}


def test_the_schema_states_the_webhook_headers_and_the_write_headers(published):
    webhook = parameters(published["paths"]["/api/v1/payments/{provider}/webhook/"]["post"])
    events = parameters(published["paths"]["/api/factory/v1/work-orders/{id}/events/"]["post"])

    for name in ("C2M-Webhook-Id", "C2M-Webhook-Timestamp", "C2M-Webhook-Signature"):
        assert webhook[name]["in"] == "header" and webhook[name]["required"] is True
    assert webhook["C2M-Webhook-Timestamp"]["schema"]["pattern"] == "^[0-9]{1,12}$"
    assert webhook["C2M-Webhook-Signature"]["schema"]["pattern"] == "^v1=[0-9a-f]{64}$"
    assert events["Idempotency-Key"]["schema"] == {
        "type": "string",
        "minLength": 1,
        "maxLength": 255,
        "pattern": "^[!-~]+$",
    }
    assert "If-Match" in events


def test_the_schema_states_the_page_bounds_the_server_enforces(published):
    poll = parameters(published["paths"]["/api/factory/v1/work-orders/"]["get"])
    feed = parameters(published["paths"]["/api/factory/v1/feed/"]["get"])

    assert poll["limit"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 200}
    assert poll["cursor"]["schema"]["pattern"] == "^[A-Za-z0-9_=-]{1,200}$"  # never blank
    assert feed["limit"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 500}
    assert feed["after"]["schema"] == {"type": "integer", "minimum": 0}


def test_a_decimal_in_the_schema_needs_a_digit_as_the_api_does(published):
    """drf-spectacular's decimal pattern matched "" and "-", which the API refuses."""
    body = published["components"]["schemas"]["CounterOfferInputRequest"]
    pattern = re.compile(body["properties"]["payout_amount"]["pattern"])
    assert [text for text in ("", "-", ".", "5", "5.", ".5", "96.00") if pattern.match(text)] == [
        "5",
        "5.",
        ".5",
        "96.00",
    ]


def test_limit_zero_and_a_blank_cursor_are_the_400s_the_schema_promises(client, factory_key):
    auth = {"HTTP_AUTHORIZATION": f"Api-Key {factory_key}"}
    for query in ("limit=0", "cursor=", "limit=201"):
        response = client.get(f"/api/factory/v1/work-orders/?{query}", **auth)
        assert response.status_code == 400, query
        assert response.json()["code"] == "invalid", query
    assert client.get("/api/factory/v1/feed/?limit=0", **auth).status_code == 400


def test_the_consumer_api_documents_its_errors_and_the_required_file(published):
    paths = published["paths"]
    documented = {
        ("get", "/api/v1/orders/"): {"200", "401"},
        ("get", "/api/v1/orders/{number}/"): {"200", "401", "404"},
        ("post", "/api/v1/artworks/"): {"200", "201", "400", "401", "403", "413"},
        ("get", "/api/v1/artworks/{public_id}/"): {"200", "401", "404"},
        ("get", "/api/v1/artworks/{public_id}/preflight/"): {"200", "400", "401", "404"},
        ("post", "/api/v1/payments/{provider}/webhook/"): {"200", "400", "404", "413", "422"},
    }
    for (method, path), statuses in documented.items():
        responses = paths[path][method]["responses"]
        assert statuses <= set(responses), (method, path)
        for status in statuses - {"200", "201"}:
            body = responses[status]["content"]["application/json"]["schema"]
            assert body == {"$ref": "#/components/schemas/Error"}, (method, path, status)
    upload = paths["/api/v1/artworks/"]["post"]["requestBody"]["content"]["multipart/form-data"]
    component = upload["schema"]["$ref"].rsplit("/", 1)[1]
    assert "file" in published["components"]["schemas"][component]["required"]


def test_the_capacity_example_can_be_published_as_it_stands(client, factory_key, published):
    operation = published["paths"]["/api/factory/v1/capacity/"]["put"]
    examples = operation["requestBody"]["content"]["application/json"]["examples"]
    first, last = capacity_window()
    for example in examples.values():
        days = [date.fromisoformat(d["day"]) for d in example["value"]["days"]]
        assert all(first <= day <= last for day in days)

        response = client.put(
            "/api/factory/v1/capacity/",
            example["value"],
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Api-Key {factory_key}",
        )

        assert response.status_code == 200, response.content


def test_docs_are_served_from_our_own_static_files(client):
    swagger = client.get("/api/docs/").content.decode()
    redoc = client.get("/api/redoc/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in swagger
    assert "/static/drf_spectacular_sidecar/redoc/" in redoc
    # Nothing is loaded from another host (a random CSRF token may spell "cdn" by chance).
    for page in (swagger, redoc):
        assert not re.search(r'(src|href)="(https?:)?//', page), page


@pytest.fixture
def api_schema(db, in_process_wsgi):
    config = schemathesis.Config.from_dict(
        {
            "generation": {"mode": "all"},
            "checks": {"positive_data_acceptance": {"expected-statuses": ACCEPTED}},
        }
    )
    return schemathesis.openapi.from_wsgi("/api/schema/?format=json", application, config=config)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.generate],
)
def test_fuzzing_finds_no_server_error_and_no_schema_violation(case, fuzz_credentials):
    """Every operation of every API, positive and negative data, authenticated as a client
    would be: zero 5xx, every answer documented and shaped as declared, valid requests
    accepted and invalid ones refused."""
    aim(case, fuzz_credentials)
    response = case.call(app=application, **raw_body(case))
    case.validate_response(response, checks=checks_for(case, response))
