"""The merchant API's OpenAPI links (published by ``c2m.openapi_links``): a quote to the
order placed from it, an order to the calls about it, a bulk upload to its report, a
booking to its cancellation, a product of the catalog to its details."""

from c2m.openapi_links import Link

API = "/api/merchant/v1"
QUOTE = f"{API}/quotes/{{quote_id}}/"
ORDER = f"{API}/orders/{{order_id}}/"
BOOKING = f"{API}/exchange/bookings/{{number}}/"
THIS_ORDER = {"path.order_id": "$response.body#/id"}

LINKS = [
    Link(
        "GetProduct",
        ("GET", f"{API}/products/"),
        "200",
        ("GET", f"{API}/products/{{sku}}/"),
        "The first product of the catalog, in full.",
        {"path.sku": "$response.body#/results/0/sku"},
    ),
    Link(
        "GetQuote",
        ("POST", f"{API}/quotes/"),
        "201",
        ("GET", QUOTE),
        "The quote just made.",
        {"path.quote_id": "$response.body#/id"},
    ),
    Link(
        "OrderFromQuote",
        ("POST", f"{API}/quotes/"),
        "201",
        ("POST", f"{API}/orders/"),
        "Place an order at the quote's prices and promise.",
        request_body={"quote_id": "$response.body#/id"},
    ),
    *(
        Link(
            name,
            (method, source),
            status,
            (target_method, f"{ORDER}{rest}"),
            what,
            THIS_ORDER,
        )
        for method, source, status in (
            ("POST", f"{API}/orders/", "201"),
            ("GET", f"{API}/orders/{{order_id}}/", "200"),
        )
        for name, target_method, rest, what in (
            ("GetOrder", "GET", "", "The order as it stands."),
            ("ConfirmOrder", "POST", "confirm/", "Confirm (and pay for) the draft order."),
            ("CancelOrder", "POST", "cancel/", "Cancel the order."),
            ("SimulateOrder", "POST", "simulate/", "Move a sandbox order on a step."),
        )
        if not (method == "GET" and name == "GetOrder")
    ),
    Link(
        "GetFirstOrder",
        ("GET", f"{API}/orders/"),
        "200",
        ("GET", ORDER),
        "The first order of the list, in full.",
        {"path.order_id": "$response.body#/results/0/id"},
    ),
    Link(
        "GetBulkUpload",
        ("POST", f"{API}/bulk-orders/"),
        "201",
        ("GET", f"{API}/bulk-orders/{{upload_id}}/"),
        "The upload just made, with its report.",
        {"path.upload_id": "$response.body#/id"},
    ),
    Link(
        "BookOffer",
        ("GET", f"{API}/exchange/offers/"),
        "200",
        ("POST", f"{API}/exchange/bookings/"),
        "Book minutes of the first offer found.",
        request_body={"offer_id": "$response.body#/results/0/id"},
    ),
    *(
        Link(
            name,
            ("POST", f"{API}/exchange/bookings/"),
            "201",
            ("GET" if action == "" else "POST", f"{BOOKING}{action}"),
            what,
            {"path.number": "$response.body#/number"},
        )
        for name, action, what in (
            ("GetBooking", "", "The booking just made."),
            ("CancelBooking", "cancel/", "Cancel the booking just made."),
        )
    ),
]
