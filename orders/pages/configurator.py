"""What the product page shows for one (possibly incomplete) design: a view model.

Built from the engine only (validate, allowed values, price, lead time); the templates in
``templates/orders/partials/configurator_*.html`` render it, for the full page and for the
htmx update alike, so both show the same information.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from django.utils import timezone

from c2m.errors import ApplicationError
from configurator import (
    NormalizedConfiguration,
    OptionState,
    PriceBreakdown,
    ProductDefinition,
    allowed_values,
    lead_time_days,
    price,
    service_amounts,
    validate,
)
from configurator.options import Option
from imaging.drawn_products import has_preview
from orders.language import current_language
from orders.models import Product
from orders.pages.artwork import preflight_reports
from orders.pages.design_links import design_dumps, design_shareable, design_shared_artworks
from orders.selectors.artwork import artwork_owner_of, artworks_readable
from orders.services.artwork import placement_from
from orders.services.express import ExpressOutlook, configuration_is_express, express_outlook
from orders.services.promise import product_promise_date

_VALUE_KINDS = ("choice", "multi_choice", "colour")


@dataclass
class ChoiceView:
    code: str
    label: Any
    price_delta: Decimal
    swatch: str | None
    image_url: str | None
    checked: bool
    disabled: bool
    reason: str = ""


@dataclass
class OptionView:
    option: Option
    state: OptionState
    errors: list[str]
    current: Any = None
    choices: list[ChoiceView] = field(default_factory=list)
    text: str = ""
    font: str = ""
    bound_notes: list[str] = field(default_factory=list)
    # Artwork options: how the chosen artwork prints as placed now, per print area; None
    # when it cannot be judged (no artwork, or a placement out of range): the page keeps
    # the last report it showed.
    preflight: list[dict[str, Any]] | None = None

    @property
    def code(self) -> str:
        return self.option.code

    @property
    def kind(self) -> str:
        return self.option.kind

    @property
    def visible(self) -> bool:
        return self.state.visible

    @property
    def artwork_id(self) -> str:
        """The chosen artwork's id (artwork options), else ``""``."""
        value = self.current if isinstance(self.current, dict) else {}
        return str(value.get("artwork_id") or "")

    @property
    def print_area(self) -> str:
        value = self.current if isinstance(self.current, dict) else {}
        return str(value.get("print_area") or "")

    @property
    def placement(self) -> dict[str, str]:
        value = self.current if isinstance(self.current, dict) else {}
        placement = value.get("placement")
        return placement if isinstance(placement, dict) else {}


@dataclass
class GroupView:
    code: str
    label: Any
    options: list[OptionView]


@dataclass
class ConfiguratorPage:
    product: Product
    definition: ProductDefinition
    raw: dict[str, Any]
    groups: list[GroupView]
    options: list[OptionView]
    quantity: str
    quantity_errors: list[str]
    general_errors: list[str]
    missing: list[Any]
    configuration: NormalizedConfiguration | None
    breakdown: PriceBreakdown | None
    lead_days: int
    share_url: str
    # What express production buys this design (None: not sold with it, or incomplete).
    express: ExpressOutlook | None
    preview_url: str
    has_live_preview: bool = False
    # False while an option holds a value that cannot be drawn: the page keeps showing the
    # last preview that could (options only missing still draw).
    drawable: bool = True
    # The share link this design was opened from: its artwork may be shown, read-only.
    shared_token: str = ""

    @property
    def is_valid(self) -> bool:
        return self.configuration is not None

    @property
    def per_unit_lines(self) -> list[Any]:
        return [line for line in self.breakdown.lines if line.per_unit] if self.breakdown else []

    @property
    def one_off_lines(self) -> list[Any]:
        lines = self.breakdown.lines if self.breakdown else ()
        return [line for line in lines if not line.per_unit]


def has_live_preview(sku: str) -> bool:
    """Return whether product ``sku`` has a live preview (artwork on a mockup, or drawn)."""
    return has_preview(sku)


def delivery_estimate(
    product: Product, definition: ProductDefinition, configuration: NormalizedConfiguration | None
) -> int:
    """Return the lead time in days the page promises for this design.

    From the promise engine (standard shipping to the default address, cached) when the
    design is complete and some plant can make it; else the product's default plus the
    extra days of the chosen values.
    """
    if configuration is None:
        return definition.default_lead_days
    promised = product_promise_date(
        sku=product.sku,
        configuration=configuration.values,
        quantity=configuration.quantity,
        express=configuration_is_express(definition, configuration),
    )
    if promised is not None:
        return max((promised - timezone.localdate()).days, 1)
    return lead_time_days(definition, configuration)


def _reason_text(definition: ProductDefinition, reason: Any, language: str) -> str:
    """The rule's own description when the operator wrote one, else the engine's message."""
    rule = next((r for r in definition.rules if r.id == reason.rule), None)
    if rule is not None and rule.description is not None:
        return rule.description.get(language)
    return reason.message[language]


def _choices(
    definition: ProductDefinition, option: Option, state: OptionState, current: Any, language: str
) -> list[ChoiceView]:
    chosen = set(current) if isinstance(current, list) else {current}
    # A service's price is its component's, shown beside the choice that orders it.
    services = service_amounts(definition)
    views = []
    for value in option.values:
        reasons = state.disabled.get(value.code, ())
        checked = value.code in chosen
        views.append(
            ChoiceView(
                code=value.code,
                label=value.label,
                price_delta=value.price_delta + services.get((option.code, value.code), 0),
                swatch=value.swatch or (value.code if option.kind == "colour" else None),
                image_url=value.image_url,
                checked=checked,
                # A chosen value stays enabled so it is still posted; its error says why.
                disabled=bool(reasons) and not checked,
                reason=" ".join(
                    dict.fromkeys(_reason_text(definition, r, language) for r in reasons)
                ),
            )
        )
    return views


def _bound_notes(definition: ProductDefinition, state: OptionState, language: str) -> list[str]:
    rules = {rule.id: rule for rule in definition.rules}
    notes = []
    for rule_id in state.bounded_by:
        rule = rules.get(rule_id)
        if rule is not None and rule.description is not None:
            notes.append(rule.description.get(language))
    return notes


def _judge_placed_artwork(
    request: HttpRequest, sku: str, views: list[OptionView], shared: Collection[str]
) -> None:
    """Fill each artwork option's ``preflight`` for its artwork as placed now (the DPI
    falls as the shopper enlarges it): one query for all the artworks."""
    chosen = [v for v in views if v.kind == "artwork" and v.artwork_id]
    if not chosen:
        return
    readable = artworks_readable(
        public_ids=[v.artwork_id for v in chosen], owner=artwork_owner_of(request), shared=shared
    )
    for view in chosen:
        artwork = readable.get(view.artwork_id)
        if artwork is None:
            continue
        value = view.current
        try:
            placement = placement_from(value.get("placement"))
        except ApplicationError:
            continue
        area = value.get("print_area")
        areas = [str(area)] if area else [a.code for a in view.option.print_areas]
        view.preflight = preflight_reports(artwork, sku=sku, areas=areas, placement=placement)


def preview_query(definition: ProductDefinition, options: dict[str, Any]) -> str:
    """Return the live preview's query for ``options`` (see orders.services.previews)."""
    pairs: list[tuple[str, str]] = []
    for option in definition.options:
        value = options.get(option.code)
        if value is None:
            continue
        if isinstance(value, list):
            pairs += [(option.code, str(v)) for v in value]
        elif isinstance(value, dict) and option.kind == "text":
            pairs.append((option.code, str(value.get("text", ""))))
            if value.get("font"):
                pairs.append((f"{option.code}.font", str(value["font"])))
        elif isinstance(value, dict) and option.kind == "artwork":
            pairs.append((option.code, str(value.get("artwork_id", ""))))
            if value.get("print_area"):
                pairs.append((f"{option.code}.print_area", str(value["print_area"])))
            placement = value.get("placement") or {}
            pairs += [(f"{option.code}.{k}", str(v)) for k, v in placement.items()]
        else:
            pairs.append((option.code, str(value)))
    return urlencode(pairs)


def configurator_page(
    request: HttpRequest,
    product: Product,
    definition: ProductDefinition,
    raw: dict[str, Any],
    *,
    show_required: bool = False,
    shared_token: str = "",
) -> ConfiguratorPage:
    """Return everything the page shows for ``raw`` ({"quantity", "options"}).

    ``show_required`` puts "required" errors on the options themselves (after an attempt
    to add to the cart); otherwise missing options are only listed next to the price.
    ``shared_token`` is the share link the design came from (checked here): its artwork
    may be drawn in the preview for this visitor.
    """
    shared = design_shared_artworks(product.sku, shared_token)
    shared_token = shared_token if shared else ""
    language = current_language()
    validation = validate(definition, raw)
    states = allowed_values(definition, raw)
    options = raw.get("options")
    raw_options: dict[str, Any] = options if isinstance(options, dict) else {}
    by_option = validation.errors_by_option()
    missing = [
        definition.option_index[e.option].label
        for e in validation.errors
        if e.code == "required" and e.option is not None and e.option in definition.option_index
    ]
    views: dict[str, OptionView] = {}
    for option in definition.options:
        state = states[option.code]
        errors = [
            e.message[language]
            for e in by_option.get(option.code, [])
            if show_required or e.code != "required"
        ]
        current = raw_options.get(option.code, state.value)
        view = OptionView(option=option, state=state, errors=errors, current=current)
        if option.kind in _VALUE_KINDS:
            view.choices = _choices(definition, option, state, current, language)
        elif option.kind == "text" and isinstance(current, dict):
            view.text, view.font = str(current.get("text") or ""), str(current.get("font") or "")
        elif option.kind == "number":
            view.bound_notes = _bound_notes(definition, state, language)
        views[option.code] = view
    _judge_placed_artwork(request, product.sku, list(views.values()), shared)
    groups = [
        GroupView(g.code, g.label, [v for v in views.values() if v.option.group == g.code])
        for g in definition.groups
    ]
    general = by_option.get(None, [])
    configuration = validation.configuration
    product_url = product.get_absolute_url()
    shareable = design_shareable(raw, owner=artwork_owner_of(request), shared=shared)
    preview_query_text = preview_query(definition, raw_options)
    if shared_token:
        preview_query_text += "&" + urlencode({"design": shared_token})
    return ConfiguratorPage(
        product=product,
        definition=definition,
        raw=raw,
        groups=[g for g in groups if g.options],
        options=list(views.values()),
        quantity=str(raw.get("quantity") or definition.quantity.min),
        quantity_errors=[e.message[language] for e in general if e.code.startswith("quantity")],
        general_errors=[e.message[language] for e in general if not e.code.startswith("quantity")],
        missing=missing,
        configuration=configuration,
        breakdown=price(definition, configuration) if configuration else None,
        lead_days=delivery_estimate(product, definition, configuration),
        express=express_outlook(
            sku=product.sku, definition=definition, configuration=configuration
        ),
        share_url=request.build_absolute_uri(
            f"{product_url}?{urlencode({'design': design_dumps(product.sku, shareable)})}"
        ),
        preview_url=f"{product_url}preview/?{preview_query_text}",
        has_live_preview=has_live_preview(product.sku),
        drawable=all(
            e.code == "required" or e.code.startswith("quantity") for e in validation.errors
        ),
        shared_token=shared_token,
    )
