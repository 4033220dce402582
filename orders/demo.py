"""The demo catalog seeded by the run command and used by tests."""

DEMO_PRODUCTS = [
    {
        "sku": "custom-tee",
        "name": "Custom printed T-shirt",
        "name_zh": "定制印花T恤",
        "description": "Heavyweight organic cotton, printed to order.",
        "image": "orders/mockups/tee-white.png",
        "base_price": "79.00",
        "default_lead_days": 5,
        "definition": {
            "options": [
                {
                    "code": "size",
                    "label": "Size",
                    "kind": "choice",
                    "values": [{"code": s, "label": s} for s in ("S", "M", "L", "XL")]
                    + [{"code": "XXL", "label": "XXL", "price_delta": "10.00"}],
                },
                {
                    "code": "colour",
                    "label": "Colour",
                    "kind": "choice",
                    "values": [
                        {"code": "white", "label": "White"},
                        {"code": "black", "label": "Black", "price_delta": "5.00"},
                    ],
                },
            ]
        },
    },
]
