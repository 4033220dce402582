"""The consumer API's OpenAPI links (published by ``c2m.openapi_links``): from the
customer's orders to one order and its claims, from an uploaded artwork to its record and
preflight."""

from c2m.openapi_links import Link

API = "/api/v1"
ORDER = f"{API}/orders/{{number}}/"
CLAIM = f"{ORDER}claims/{{claim_number}}/"
ARTWORK = f"{API}/artworks/{{public_id}}/"

LINKS = [
    Link(
        "GetOrder",
        ("GET", f"{API}/orders/"),
        "200",
        ("GET", ORDER),
        "The customer's latest order, in full.",
        {"path.number": "$response.body#/results/0/number"},
    ),
    Link(
        "ListClaims",
        ("GET", ORDER),
        "200",
        ("GET", f"{ORDER}claims/"),
        "The claims filed on this order.",
        {"path.number": "$response.body#/number"},
    ),
    Link(
        "FileClaim",
        ("GET", ORDER),
        "200",
        ("POST", f"{ORDER}claims/"),
        "Report a problem with this order.",
        {"path.number": "$response.body#/number"},
    ),
    *(
        Link(
            name,
            ("POST", f"{ORDER}claims/"),
            "201",
            (method, CLAIM),
            what,
            {"path.number": "$request.path.number", "path.claim_number": "$response.body#/number"},
        )
        for name, method, what in (
            ("GetClaim", "GET", "The claim just filed."),
            ("AddClaimInformation", "POST", "Add a note or photos to the claim just filed."),
        )
    ),
    *(
        Link(
            name,
            ("POST", f"{API}/artworks/"),
            status,
            ("GET", f"{ARTWORK}{rest}"),
            what,
            {"path.public_id": "$response.body#/id"},
        )
        for status in ("200", "201")
        for name, rest, what in (
            ("GetArtwork", "", "The artwork just uploaded."),
            ("PreflightArtwork", "preflight/", "Check the artwork against a print area."),
        )
    ),
]
