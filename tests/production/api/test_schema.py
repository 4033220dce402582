"""The published OpenAPI schema is valid, and the API keeps its promises under fuzzing."""

import io
import re

import pytest
import schemathesis
from django.core import signals
from django.core.management import call_command
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from c2m.wsgi import application

pytestmark = pytest.mark.django_db


def test_schema_validates_without_warnings():
    out = io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    schema = out.getvalue()
    assert "/api/factory/v1/work-orders/{id}/files/{name}" in schema
    assert "Idempotency-Key" in schema


def test_docs_are_served_from_our_own_static_files(client):
    swagger = client.get("/api/docs/").content.decode()
    redoc = client.get("/api/redoc/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in swagger
    assert "/static/drf_spectacular_sidecar/redoc/" in redoc
    # Nothing is loaded from another host (a random CSRF token may spell "cdn" by chance).
    for page in (swagger, redoc):
        assert not re.search(r'(src|href)="(https?:)?//', page), page


@pytest.fixture
def in_process_wsgi():
    """Keep the test's connection open across requests, as Django's test client does."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def factory_schema(db, in_process_wsgi):
    config = schemathesis.Config.from_dict({"generation": {"mode": "all"}})
    return schemathesis.openapi.from_wsgi(
        "/api/schema/?format=json", application, config=config
    ).include(path_regex="^/api/factory/v1/")


schema = schemathesis.pytest.from_fixture("factory_schema").include(path_regex="^/api/factory/v1/")


@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.generate],
)
def test_fuzzing_finds_no_server_error_and_no_schema_violation(case, offered, factory_key):
    """Positive and negative data: zero 5xx, every answer documented and shaped as declared."""
    case.headers = {**(case.headers or {}), "Authorization": f"Api-Key {factory_key}"}
    # Half the generated ids point at a real work order of this factory, the rest miss.
    wo_id = (case.path_parameters or {}).get("id")
    if isinstance(wo_id, int) and not isinstance(wo_id, bool) and wo_id % 2:
        case.path_parameters["id"] = offered.pk
    response = case.call(app=application)
    case.validate_response(
        response,
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
            negative_data_rejection,
        ],
    )
