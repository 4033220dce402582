"""Given a planned work order with customer artwork, production files are made once, right."""

from __future__ import annotations

import hashlib
import io
import os

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from orders.models import Configuration, OutboxMessage, Product
from orders.selectors.artwork import ArtworkOwner
from orders.services.artwork import artwork_upload
from orders.services.orders import LineRequest, order_place
from production.models import ProductionFile, WorkOrder
from production.services.planning import orders_plan
from production.services.production_files import work_order_files_generate
from tests.conftest import ROOT, wait_for
from tests.factories import SHIP_TO, demo_product
from tests.imaging import fixtures as fx

OWNER = ArtworkOwner(guest_token="guest-1")


def tee() -> Product:
    return demo_product("TEE-PRINT")


def planned_work_order(values: dict, *, files: list | None = None) -> WorkOrder:
    """A paid order for a T-shirt configured with ``values``, planned into its work order."""
    product = tee()
    canonical = repr(sorted(values.items())).encode()
    configuration = Configuration.objects.create(
        product=product,
        definition_version=product.definition_version,
        values=values,
        summary=[["Colour", "Black"], ["Front artwork", "uploaded artwork, 80 %"]],
        content_hash=hashlib.sha256(canonical).hexdigest(),
    )
    order = order_place(
        lines=[LineRequest(product=product, configuration=configuration, quantity=2)],
        email="li.wei@example.com",
        ship_to=SHIP_TO,
        actor="customer",
    )
    message = OutboxMessage.objects.get(payload__order_id=order.pk)
    (work_order_id,) = orders_plan(message_ids=[message.pk])
    work_order = WorkOrder.objects.get(pk=work_order_id)
    if files is not None:
        work_order.snapshot["files"] = files
        WorkOrder.objects.filter(pk=work_order.pk).update(snapshot=work_order.snapshot)
    return work_order


def artwork_values(art_id: str, **extra) -> dict:
    return {
        "colour": "#111111",
        "artwork_front": {
            "artwork_id": art_id,
            "print_area": "front",
            "placement": {"offset_x": "0", "offset_y": "0", "scale": "0.8"},
        },
        **extra,
    }


@pytest.fixture
def art(db) -> str:
    artwork, _ = artwork_upload(owner=OWNER, file=fx.encode(fx.photo((900, 1200)), "PNG"))
    return artwork.public_id


def stored(row: ProductionFile) -> bytes:
    return default_storage.open(row.path).read()


@pytest.mark.django_db
def test_print_file_job_ticket_and_text_file_for_a_work_order(art, settings) -> None:
    settings.SITE_URL = "https://c2m.example"
    work_order = planned_work_order(
        artwork_values(art, engraving={"text": "Team C2M", "font": "serif"}),
        files=[
            {"name": "front.png", "kind": "print_area", "area": "front"},
            {"name": "engraving-text.png", "kind": "engraving", "option": "engraving"},
        ],
    )

    created = {row.name: row for row in work_order_files_generate(work_order_id=work_order.pk)}

    assert set(created) == {
        "front.png",
        "engraving-text.png",
        "engraving-text.svg",
        "engraving-text.dxf",
        "job-ticket.pdf",
    }
    front = created["front.png"]
    assert (front.kind, front.content_type) == ("print_area", "image/png")
    assert front.path == f"production/{front.sha256[:2]}/{front.sha256}.png"
    with Image.open(io.BytesIO(stored(front))) as image:
        # 300 x 400 mm at 300 DPI.
        assert image.size == (3543, 4724)
        assert image.info["dpi"] == pytest.approx((300, 300), abs=0.01)
        assert image.mode == "RGBA"
    assert hashlib.sha256(stored(front)).hexdigest() == front.sha256 and front.size > 0
    ticket = stored(created["job-ticket.pdf"])
    assert ticket.startswith(b"%PDF") and work_order.number.encode() in ticket
    assert created["job-ticket.pdf"].content_type == "application/pdf"
    with Image.open(io.BytesIO(stored(created["engraving-text.png"]))) as text:
        assert text.size == (3543, 4724) and text.getbbox() is not None
    svg = stored(created["engraving-text.svg"]).decode()
    assert created["engraving-text.svg"].content_type == "image/svg+xml"
    assert svg.count("<path ") == len("TeamC2M") and 'width="300mm"' in svg
    dxf = stored(created["engraving-text.dxf"]).decode()
    assert "AC1009" in dxf and dxf.count("POLYLINE") >= len("TeamC2M")


@pytest.mark.django_db
def test_running_again_creates_nothing_new(art) -> None:
    work_order = planned_work_order(artwork_values(art))
    first = work_order_files_generate(work_order_id=work_order.pk)
    paths = sorted(default_storage.listdir("production")[0])

    again = work_order_files_generate(work_order_id=work_order.pk)

    assert len(first) == 2 and again == []
    assert ProductionFile.objects.filter(work_order=work_order).count() == 2
    assert sorted(default_storage.listdir("production")[0]) == paths


@pytest.mark.django_db
def test_recipe_listed_cmyk_file_is_a_tiff(art) -> None:
    work_order = planned_work_order(
        artwork_values(art),
        files=[{"name": "front.tif", "kind": "print_area", "area": "front", "process": "cmyk"}],
    )

    rows = {r.name: r for r in work_order_files_generate(work_order_id=work_order.pk)}

    assert set(rows) == {"front.tif", "job-ticket.pdf"}
    assert rows["front.tif"].content_type == "image/tiff"
    with Image.open(io.BytesIO(stored(rows["front.tif"]))) as image:
        assert image.mode == "CMYK" and image.size == (3543, 4724)


@pytest.mark.django_db
def test_a_missing_artwork_is_recorded_and_the_rest_still_made(art) -> None:
    work_order = planned_work_order(artwork_values("art_gone"))

    rows = work_order_files_generate(work_order_id=work_order.pk)
    work_order_files_generate(work_order_id=work_order.pk)

    assert [r.name for r in rows] == []  # the ticket's thumbnail needs the artwork too
    failures = work_order.events.filter(type="files_failed")
    assert {e.data["file"] for e in failures} == {"front.png", "job-ticket.pdf"}
    assert failures.count() == 2  # recorded once, however often retried
    assert "art_gone" in failures.first().data["error"]


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_planning_enqueues_file_generation_on_the_real_worker(
    celery_worker_process, settings
) -> None:
    # The worker process stores files where its environment says; read them from there.
    settings.MEDIA_ROOT = os.environ.get("MEDIA_ROOT") or str(ROOT / "var" / "media")
    # Given a paid order planned through the service (the task is enqueued on commit)
    artwork, _ = artwork_upload(owner=OWNER, file=fx.encode(fx.photo((900, 1200)), "PNG"))
    work_order = planned_work_order(artwork_values(artwork.public_id))

    # Then the worker makes its print file and job ticket
    names = wait_for(
        lambda: (
            set(ProductionFile.objects.filter(work_order=work_order).values_list("name", flat=True))
            == {"front.png", "job-ticket.pdf"}
        ),
        timeout=90,
    )
    assert names
    front = ProductionFile.objects.get(work_order=work_order, name="front.png")
    with Image.open(default_storage.open(front.path)) as image:
        assert image.size == (3543, 4724)


@pytest.mark.django_db
def test_a_message_naming_a_work_order_that_is_gone_is_logged_and_the_others_made(
    art, caplog
) -> None:
    # Given a message that outlived its database (a work order id nothing has here)
    from production.tasks import generate_production_files

    work_order = planned_work_order(artwork_values(art))
    gone = work_order.pk + 1000

    # When the task runs on it and on a work order that exists
    made = generate_production_files.apply(args=[[gone, work_order.pk]]).get()

    # Then the existing one gets its files, the missing one is a warning, not an error
    assert made == 2
    assert ProductionFile.objects.filter(work_order=work_order).count() == 2
    assert f"no work order {gone}" in caplog.text
