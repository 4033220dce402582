"""An engraved order reaches the plant as files it can download: real planning, real worker.

Given a paid order placed through the services, the worker plans it, offers it to the plant
and makes its files; the plant then downloads every file its work order lists through the
factory API with its own key, and another plant gets 404 for each.
"""

from __future__ import annotations

import hashlib
import io
import os

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from demo.catalog import DEMO_CONFIGURATIONS
from orders.models import OutboxMessage
from production.models import WorkOrder
from production.services.api_keys import api_key_create
from production.services.planning import orders_plan
from production.services.production_files import work_order_files_generate
from tests.conftest import ROOT, wait_for
from tests.factories import PlantFactory, demo_product, place_order
from tests.production.api.conftest import API, auth

ENGRAVING = "Li Wei 李伟"


def detail(client, work_order_id: int, key: str) -> dict:
    return client.get(f"{API}work-orders/{work_order_id}/", **auth(key)).json()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_every_file_listed_to_the_plant_downloads_with_the_engraving_in_it(
    celery_worker_process, client, settings
) -> None:
    # The worker process stores files where its environment says; read them from there.
    settings.MEDIA_ROOT = os.environ.get("MEDIA_ROOT") or str(ROOT / "var" / "media")
    plant = PlantFactory(code="engraver", name="Engraver")
    key = api_key_create(factory=plant, name="plant")[1]
    rival = api_key_create(factory=PlantFactory(capabilities=()), name="rival")[1]
    product = demo_product("TUMBLER-ENGRAVED")

    # When a customer orders an engraved tumbler (planning, routing, files: the worker)
    order = place_order(
        product, {"finish": "brushed", "engraving": {"text": ENGRAVING, "font": "kai"}}
    )
    wait_for(
        lambda: WorkOrder.objects.filter(order_id=order.pk, factory=plant).exists(), timeout=90
    )
    work_order = WorkOrder.objects.get(order_id=order.pk)
    wait_for(lambda: detail(client, work_order.pk, key)["files_status"] != "preparing", 90)
    listed = detail(client, work_order.pk, key)

    # Then every file it lists downloads, whole, as what its name says
    assert listed["files_status"] == "ready"
    by_ext: dict[str, list[bytes]] = {}
    for entry in listed["files"]:
        response = client.get(entry["url"], **auth(key))
        assert response.status_code == 200, entry["name"]
        body = b"".join(response.streaming_content)
        assert hashlib.sha256(body).hexdigest() == entry["sha256"] and len(body) == entry["size"]
        assert response["Content-Disposition"] == f'attachment; filename="{entry["name"]}"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Type"] == entry["content_type"]
        by_ext.setdefault(entry["name"].rsplit(".", 1)[-1], []).append(body)
        # and no other plant can fetch it
        assert client.get(entry["url"], **auth(rival)).status_code == 404

    assert set(by_ext) >= {"pdf", "png", "svg", "dxf"}
    (ticket,) = by_ext["pdf"]
    assert ticket.startswith(b"%PDF") and work_order.number.encode() in ticket
    for png in by_ext["png"]:
        with Image.open(io.BytesIO(png)) as image:
            assert image.format == "PNG" and image.getchannel("A").getbbox() is not None
    (svg,) = by_ext["svg"]
    text = svg.decode()
    assert text.startswith("<?xml") and "<svg" in text
    # One outline per engraved character, Chinese included, with the text as its title.
    assert text.count("<path ") == len(ENGRAVING.replace(" ", ""))
    assert 'data-char="李"' in text and 'data-char="伟"' in text
    assert f"<title>{ENGRAVING}</title>" in text
    (dxf,) = by_ext["dxf"]
    lines = dxf.decode("ascii").splitlines()
    assert "AC1009" in lines and lines[-1] == "EOF"
    assert lines.count("POLYLINE") >= len(ENGRAVING.replace(" ", ""))


@pytest.mark.django_db
def test_a_monogram_gets_its_outlines_as_svg_for_the_embroidery_digitiser() -> None:
    # Given a paid shirt order with a monogram in the script font, planned by the service
    options = {
        **DEMO_CONFIGURATIONS["SHIRT-MTM"]["options"],
        "monogram": {"text": "JZ", "font": "script"},
    }
    order = place_order(demo_product("SHIRT-MTM"), options)
    message = OutboxMessage.objects.get(topic="order.paid", payload__order_id=order.pk)
    [work_order_id] = orders_plan(message_ids=[message.pk])

    # When the file task runs
    made = {row.name: row for row in work_order_files_generate(work_order_id=work_order_id)}

    # Then the embroidery text comes as a PNG and as outlines (no laser DXF for a needle)
    svgs = [name for name in made if name.endswith(".svg")]
    assert len(svgs) == 1 and not any(name.endswith(".dxf") for name in made)
    svg = default_storage.open(made[svgs[0]].path).read().decode()
    assert svg.count("<path ") == 2 and 'data-font="script"' in svg
    assert 'width="60mm"' in svg  # the generic 60 x 20 mm text area
