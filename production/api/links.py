"""The factory API's OpenAPI links (published by ``c2m.openapi_links``): from a poll to a
work order, from a work order (its ``ETag`` as ``If-Match``) to the actions on it, and
from the plant's claims, offers and bookings to the calls about one of them."""

from c2m.openapi_links import Link

API = "/api/factory/v1"
WORK_ORDER = f"{API}/work-orders/{{id}}/"
FIRST_WORK_ORDER = {"path.id": "$response.body#/results/0/id"}
# The version just read: a write after it succeeds, or answers 412 if it moved since.
THIS_VERSION = {"path.id": "$response.body#/id", "header.If-Match": "$response.header.ETag"}

LINKS = [
    Link(
        "GetWorkOrder",
        ("GET", f"{API}/work-orders/"),
        "200",
        ("GET", WORK_ORDER),
        "The first work order of the poll, in full.",
        FIRST_WORK_ORDER,
    ),
    *(
        Link(
            name,
            ("GET", WORK_ORDER),
            "200",
            ("POST", f"{WORK_ORDER}{action}/"),
            f"{what}, at the version just read.",
            THIS_VERSION,
        )
        for name, action, what in (
            ("AcceptWorkOrder", "accept", "Accept the offered work order"),
            ("DeclineWorkOrder", "decline", "Decline the offered work order"),
            ("CounterWorkOrder", "counter", "Propose another due date or price"),
            ("ReportEvent", "events", "Report progress on the work order"),
            ("ReleaseWorkOrder", "release", "Hand an accepted work order back"),
        )
    ),
    Link(
        "RecordEnergy",
        ("GET", WORK_ORDER),
        "200",
        ("POST", f"{WORK_ORDER}energy/"),
        "Report the energy the work order used.",
        {"path.id": "$response.body#/id"},
    ),
    Link(
        "GetFirstFile",
        ("GET", WORK_ORDER),
        "200",
        ("GET", f"{WORK_ORDER}files/{{name}}"),
        "Download the first production file (once the files are ready).",
        {"path.id": "$response.body#/id", "path.name": "$response.body#/files/0/name"},
    ),
    Link(
        "GetClaim",
        ("GET", f"{API}/claims/"),
        "200",
        ("GET", f"{API}/claims/{{id}}/"),
        "The first claim against the plant's work, in full.",
        {"path.id": "$response.body#/results/0/id"},
    ),
    Link(
        "RespondToClaim",
        ("GET", f"{API}/claims/{{id}}/"),
        "200",
        ("POST", f"{API}/claims/{{id}}/respond/"),
        "Answer the claim.",
        {"path.id": "$response.body#/id"},
    ),
    Link(
        "WithdrawOffer",
        ("POST", f"{API}/exchange/offers/"),
        "201",
        ("POST", f"{API}/exchange/offers/{{id}}/withdraw/"),
        "Withdraw the capacity just offered.",
        {"path.id": "$response.body#/id"},
    ),
    Link(
        "GetBooking",
        ("GET", f"{API}/exchange/bookings/"),
        "200",
        ("GET", f"{API}/exchange/bookings/{{number}}/"),
        "The first booking of the plant's capacity, in full.",
        {"path.number": "$response.body#/results/0/number"},
    ),
    *(
        Link(
            name,
            ("GET", f"{API}/exchange/bookings/{{number}}/"),
            "200",
            ("POST", f"{API}/exchange/bookings/{{number}}/{action}/"),
            what,
            {"path.number": "$response.body#/number"},
        )
        for name, action, what in (
            ("ConfirmBooking", "confirm", "Confirm the booking."),
            ("DeclineBooking", "decline", "Decline the booking."),
        )
    ),
]
