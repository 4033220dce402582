"""OpenAPI examples for the factory API, one set per endpoint."""

from datetime import date, timedelta

from drf_spectacular.utils import OpenApiExample

# Capacity may only be published for the next 60 days, so the request example names days
# counted from when the process started, not fixed dates that fall out of the window
# (clients and the fuzzer send examples as they are).
_TOMORROW = date.today() + timedelta(days=1)

WORK_ORDER_ITEM = {
    "id": 1042,
    "number": "WO-7KQ2-M9XD-1",
    "status": "offered",
    "version": 2,
    "product_sku": "TEE-PRINT",
    "product_name": "Custom T-shirt",
    "quantity": 3,
    "due_date": "2025-06-20",
    "express": False,
    "updated_at": "2025-06-12T08:31:02.118000Z",
}
LIST = [
    OpenApiExample(
        "Offers waiting",
        value={"next": None, "results": [WORK_ORDER_ITEM]},
        response_only=True,
    )
]
DETAIL_VALUE = {
    **WORK_ORDER_ITEM,
    "status": "accepted",
    "version": 3,
    "order_number": "C2M-7KQ2-M9XD",
    "payout": {"amount": "86.40", "currency": "CNY"},
    "offer_expires_at": "2025-06-12T12:30:00Z",
    "required_capabilities": ["dtg_print", "pack", "qc"],
    "configuration": {"size": "M", "colour": "#FFFFFF"},
    "configuration_summary": ["Size: M", "Colour: White"],
    "artwork_preflight": {
        "artwork_front": {
            "effective_dpi": 203.2,
            "level": "warning",
            "placed_width_mm": 150.0,
            "placed_height_mm": 200.0,
            "has_transparency": False,
            "covers_area": False,
            "clipped": False,
            "message": {"en": "203 DPI at this size may print slightly blurry; ..."},
        }
    },
    "bill_of_materials": [{"item": "blank-tee-white-m", "quantity": 3}],
    "operations": [
        {"capability": "dtg_print", "minutes": 6},
        {"capability": "qc", "minutes": 1.5},
    ],
    "qc_required": True,
    "ship_to": {"name": "Li Wei", "city": "Shanghai", "country": "CN"},
    "files_status": "ready",
    "files": [
        {
            "name": "front.png",
            "kind": "print_area",
            "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "size": 2211840,
            "content_type": "image/png",
            "url": "/api/factory/v1/work-orders/1042/files/front.png",
        },
        {
            "name": "job-ticket.pdf",
            "kind": "job_ticket",
            "sha256": "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752",
            "size": 48211,
            "content_type": "application/pdf",
            "url": "/api/factory/v1/work-orders/1042/files/job-ticket.pdf",
        },
    ],
    "timeline": [
        {
            "type": "accepted",
            "from_status": "offered",
            "to_status": "accepted",
            "data": {},
            "created_at": "2025-06-12T08:40:00Z",
        }
    ],
    "created_at": "2025-06-12T08:30:00Z",
}
DETAIL = [OpenApiExample("Accepted work order", value=DETAIL_VALUE, response_only=True)]
DECLINE = [
    OpenApiExample(
        "No capacity",
        value={"reason_code": "no_capacity", "reason": "DTG line down until Friday"},
        request_only=True,
    ),
    OpenApiExample("Declined", value={"id": 1042, "status": "declined"}, response_only=True),
]
RELEASE = [
    OpenApiExample(
        "Machine down",
        value={"reason_code": "machine_down", "reason": "Laser tube failed; no spare for 2 weeks"},
        request_only=True,
    ),
    OpenApiExample(
        "Released",
        value={"id": 1042, "status": "released", "address_seen_at": "2025-06-12T08:40:00Z"},
        response_only=True,
    ),
]
EVENTS = [
    OpenApiExample("Started", value={"type": "started"}, request_only=True),
    OpenApiExample(
        "Progress",
        value={"type": "progress", "percent": 40, "note": "2 of 3 printed"},
        request_only=True,
    ),
    OpenApiExample("QC passed", value={"type": "qc_passed"}, request_only=True),
    OpenApiExample(
        "QC failed", value={"type": "qc_failed", "reason": "Print misaligned"}, request_only=True
    ),
    OpenApiExample(
        "Rework after a failed QC",
        value={"type": "rework", "note": "Re-pressing the transfer"},
        request_only=True,
    ),
    OpenApiExample(
        "Reprint after a failed QC",
        value={"type": "reprint", "note": "Printing 3 new shirts"},
        request_only=True,
    ),
    OpenApiExample(
        "Shipped",
        value={
            "type": "shipped",
            "carrier": "SF Express",
            "tracking_number": "SF1234567890",
            "packages": [{"weight_kg": 0.9, "length_cm": 30}],
        },
        request_only=True,
    ),
    OpenApiExample(
        "Delivered (one parcel)",
        value={
            "type": "delivered",
            "tracking_number": "SF1234567890",
            "delivered_at": "2025-06-16T15:20:00+08:00",
        },
        request_only=True,
    ),
    OpenApiExample("Work order after the event", value=DETAIL_VALUE, response_only=True),
    OpenApiExample(
        "Delivered, but no such parcel was shipped",
        value={
            "code": "unknown_parcel",
            "detail": "No parcel with this tracking number was shipped for this work order.",
            "errors": {"tracking_number": ["Report the parcel as shipped first."]},
        },
        response_only=True,
        status_codes=["422"],
    ),
    OpenApiExample(
        "Shipped before QC passed",
        value={
            "code": "invalid_transition",
            "detail": "A work order that is in_production cannot take 'shipped' before it "
            "passed QC (its recipe has a QC step).",
            "errors": {},
            "current_status": "in_production",
            "allowed": ["in_production", "pending", "qc_failed", "qc_passed"],
            "allowed_events": ["progress", "qc_failed", "qc_passed"],
            "allowed_actions": ["events", "release"],
        },
        response_only=True,
        status_codes=["409"],
    ),
]
CAPACITY_DAY = {
    "centre_type": "dtg_printer",
    "day": "2025-06-13",
    "available_minutes": 480,
    "reserved_minutes": 95,
    "note": "",
    "published": True,
}
CAPACITY = [
    OpenApiExample(
        "Calendar",
        value={"first_day": "2025-06-12", "last_day": "2025-08-10", "days": [CAPACITY_DAY]},
        response_only=True,
    ),
    OpenApiExample(
        "Publish two days",
        value={
            "days": [
                {
                    "centre_type": "dtg_printer",
                    "day": _TOMORROW.isoformat(),
                    "available_minutes": 600,
                },
                {
                    "centre_type": "dtg_printer",
                    "day": (_TOMORROW + timedelta(days=1)).isoformat(),
                    "available_minutes": 0,
                    "note": "holiday",
                },
            ]
        },
        request_only=True,
    ),
]
FEED = [
    OpenApiExample(
        "Two changes",
        value={
            "next": "18",
            "results": [
                {
                    "seq": 17,
                    "work_order_id": 1042,
                    "work_order_number": "WO-7KQ2-M9XD-1",
                    "event": "offered",
                    "status": "offered",
                    "version": 2,
                    "created_at": "2025-06-12T08:31:02Z",
                },
                {
                    "seq": 18,
                    "work_order_id": 1042,
                    "work_order_number": "WO-7KQ2-M9XD-1",
                    "event": "accepted",
                    "status": "accepted",
                    "version": 3,
                    "created_at": "2025-06-12T08:40:00Z",
                },
            ],
        },
        response_only=True,
    )
]
WEBHOOK = [
    OpenApiExample(
        "Register", value={"url": "https://erp.plant.example/c2m/hooks"}, request_only=True
    ),
    OpenApiExample(
        "Registered",
        value={
            "url": "https://erp.plant.example/c2m/hooks",
            "active": True,
            "created_at": "2025-06-12T08:00:00Z",
            "secret": "3f1c…",
        },
        response_only=True,
        status_codes=["200"],
    ),
]

STATEMENT_VALUE = {
    "factory": "sz-print",
    "start": "2025-06-01",
    "end": "2025-06-30",
    "currency": "CNY",
    "opening_balance": "1200.00",
    "payouts": "172.80",
    "chargebacks": "-40.00",
    "adjustments": "0.00",
    "bookings": "0.00",
    "closing_balance": "1332.80",
    "entries": [
        {
            "booked_at": "2025-06-14T09:12:00Z",
            "kind": "payout",
            "work_order_number": "WO-7KQ2-M9XD-1",
            "order_number": "C2M-7KQ2-M9XD",
            "reference": "SF Express SF1234567890",
            "reason": "shipped WO-7KQ2-M9XD-1",
            "amount": "172.80",
            "balance": "1372.80",
        },
        {
            "booked_at": "2025-06-20T03:00:00Z",
            "kind": "chargeback",
            "work_order_number": "WO-7KQ2-M9XD-1",
            "order_number": "C2M-7KQ2-M9XD",
            "reference": "CLM-0042",
            "reason": "reprint: print misaligned",
            "amount": "-40.00",
            "balance": "1332.80",
        },
    ],
}
STATEMENT = [OpenApiExample("June", value=STATEMENT_VALUE, response_only=True)]

ENERGY = [
    OpenApiExample("Meter reading", value={"kwh": "4.75"}, request_only=True),
    OpenApiExample(
        "Energy replaced",
        value={
            "id": 1042,
            "carbon": {
                "materials_kg": "1.512",
                "energy_kg": "1.838",
                "transport_kg": "0.004",
                "total_kg": "3.354",
                "energy_kwh": "4.750",
                "energy_measured": True,
                "grid": {"region": "CN-south", "kg_per_kwh": "0.3869", "year": 2022},
            },
        },
        response_only=True,
    ),
]
