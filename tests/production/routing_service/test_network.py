"""The capacity calendar, the storefront's delivery promise and factory quality scores."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from freezegun import freeze_time

from production.models import CapacityClosure, CapacityDay
from production.selectors.lead_time import earliest_delivery_date
from production.services.capacity_calendar import capacity_materialize
from production.services.factory_actions import (
    work_order_accept,
    work_order_decline,
    work_order_report,
)
from production.services.factory_quality import factory_quality_refresh
from production.services.factory_status import factory_set_status
from production.services.network import factory_work_centres_set
from production.services.routing import work_orders_route
from tests.factories import PlantFactory, demo_product
from tests.production.routing_service.conftest import make_plant, make_work_orders

pytestmark = pytest.mark.django_db

MONDAY = date(2030, 1, 7)


@pytest.fixture
def plant():
    plant = PlantFactory(code="cal", minutes_per_day=None)
    factory_work_centres_set(
        factory=plant,
        centres={
            "dtg_printer": {"default_minutes_per_day": 480},
            "packing": {"default_minutes_per_day": 600, "works_weekends": True},
        },
    )
    return plant


def minutes(plant, centre: str, day: date) -> tuple[int, str]:
    row = CapacityDay.objects.get(factory=plant, centre_type=centre, day=day)
    return row.available_minutes, row.note


def test_the_calendar_has_60_days_per_centre_with_weekends_holidays_and_maintenance(plant):
    CapacityClosure.objects.create(factory=plant, day=MONDAY, kind="holiday", note="New Year")
    CapacityClosure.objects.create(
        factory=plant, day=MONDAY + timedelta(days=1), centre_type="dtg_printer", kind="maintenance"
    )

    created = capacity_materialize(factory_id=plant.pk, start=MONDAY)

    assert created == 120
    assert minutes(plant, "dtg_printer", MONDAY) == (0, "holiday: New Year")
    assert minutes(plant, "packing", MONDAY) == (0, "holiday: New Year")
    assert minutes(plant, "dtg_printer", MONDAY + timedelta(days=1)) == (0, "maintenance")
    assert minutes(plant, "packing", MONDAY + timedelta(days=1)) == (600, "")
    assert minutes(plant, "dtg_printer", MONDAY + timedelta(days=2)) == (480, "")
    saturday = MONDAY + timedelta(days=5)
    assert minutes(plant, "dtg_printer", saturday) == (0, "weekend")
    assert minutes(plant, "packing", saturday) == (600, "")


def test_materializing_again_creates_nothing_and_keeps_published_minutes(plant):
    capacity_materialize(factory_id=plant.pk, start=MONDAY)
    wednesday = MONDAY + timedelta(days=2)
    CapacityDay.objects.filter(factory=plant, day=wednesday, centre_type="dtg_printer").update(
        available_minutes=300  # what the factory published through its API
    )

    assert capacity_materialize(factory_id=plant.pk, start=MONDAY) == 0
    assert minutes(plant, "dtg_printer", wednesday) == (300, "")
    # A later start only adds the new days at the end
    assert capacity_materialize(factory_id=plant.pk, start=MONDAY + timedelta(days=1)) == 2


def test_a_closure_added_later_closes_the_day_but_keeps_booked_minutes(plant):
    capacity_materialize(factory_id=plant.pk, start=MONDAY)
    thursday = MONDAY + timedelta(days=3)
    CapacityDay.objects.filter(factory=plant, day=thursday).update(reserved_minutes=120)
    CapacityClosure.objects.create(factory=plant, day=thursday, kind="maintenance")

    capacity_materialize(factory_id=plant.pk, start=MONDAY)

    assert minutes(plant, "dtg_printer", thursday) == (120, "maintenance")


def test_the_storefront_promise_follows_free_capacity_and_is_cached(
    django_assert_num_queries,
):
    cache.clear()
    demo_product("TEE-PRINT")
    today = timezone.localdate()
    # A plant in Shanghai whose printer is fully booked until day 3
    plant = PlantFactory(code="sh", city="Shanghai", latitude=31.2304, longitude=121.4737)
    CapacityDay.objects.filter(factory=plant, day__lt=today + timedelta(days=3)).update(
        available_minutes=0
    )

    promised = earliest_delivery_date(
        "TEE-PRINT", {"size": "M", "artwork_front": {"artwork_id": "a"}}, 2, country="CN"
    )

    assert promised == today + timedelta(days=3)
    with django_assert_num_queries(0):
        assert (
            earliest_delivery_date(
                "TEE-PRINT", {"size": "L", "artwork_front": {"artwork_id": "b"}}, 2, country="CN"
            )
            == promised
        )
    assert earliest_delivery_date("unknown-sku", {}, 1) is None


def test_no_promise_when_no_plant_can_make_the_product():
    cache.clear()
    demo_product("TEE-PRINT")
    make_plant("laser", capabilities=("laser_engrave", "qc", "pack"))

    assert earliest_delivery_date("TEE-PRINT", {}, 1) is None


def test_quality_score_falls_with_declines_late_shipments_and_qc_failures(
    django_capture_on_commit_callbacks,
):
    # Given two plants with the same (prior) score
    good = make_plant("good", rate="1.00", minutes=480)
    poor = make_plant("poor", rate="9.00", minutes=480)
    assert factory_quality_refresh(factory_id=poor.pk) == factory_quality_refresh(
        factory_id=good.pk
    )
    # And a history: the poor plant declines one, fails QC and ships late; the good does not
    declined, *made = make_work_orders(*({"minutes": 10, "due": 5} for _ in range(5)))
    with django_capture_on_commit_callbacks(execute=False):
        factory_set_status(factory_id=good.pk, status="paused", actor="test")
        work_orders_route(work_order_ids=[declined.pk])
        work_order_decline(factory=poor, work_order_id=declined.pk, actor="f", reason_code="x")
        for plant, wo in zip((poor, poor, good, good), made, strict=True):
            for other in (good, poor):
                factory_set_status(
                    factory_id=other.pk, status="active" if other == plant else "paused", actor="t"
                )
            work_orders_route(work_order_ids=[wo.pk])
            work_order_accept(factory=plant, work_order_id=wo.pk, actor="f")
            work_order_report(
                factory=plant, work_order_id=wo.pk, actor="f", event="started", data={}
            )
            if plant == poor:  # fails QC, reworks it, then passes
                for event in ("qc_failed", "rework"):
                    work_order_report(
                        factory=plant, work_order_id=wo.pk, actor="f", event=event, data={}
                    )
            work_order_report(
                factory=plant, work_order_id=wo.pk, actor="f", event="qc_passed", data={}
            )
            with freeze_time(timezone.now() + timedelta(days=9 if plant == poor else 1)):
                work_order_report(
                    factory=plant,
                    work_order_id=wo.pk,
                    actor="f",
                    event="shipped",
                    data={"carrier": "SF", "tracking_number": f"T{wo.pk}"},
                )

    # When the scores are refreshed from that history (a little later)
    with freeze_time(timezone.now() + timedelta(days=10)):
        good_score = factory_quality_refresh(factory_id=good.pk)
        poor_score = factory_quality_refresh(factory_id=poor.pk)

    # Then the poor plant scores lower, and the details say why
    poor.refresh_from_db()
    assert good_score > poor_score
    assert poor.quality_score == poor_score
    details = poor.quality_details
    assert (details["shipped"], details["on_time"]) == (2, 0)
    assert (details["qc_checks"], details["qc_failed"]) == (4, 2)
    assert (details["offers"], details["declined_or_expired"]) == (3, 1)
