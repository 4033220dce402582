"""'Try this configuration': the price and the work order a configuration would produce.

Nothing is stored: the configuration is validated and priced inside a transaction that is
rolled back.
"""

from __future__ import annotations

import json
from datetime import timedelta

from django import forms
from django.contrib import admin
from django.db import transaction
from django.http import Http404, HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone

from c2m.errors import ApplicationError
from c2m.roles import is_operator
from orders.models import Product
from orders.services.configurations import configuration_create, configuration_price
from production.models import Factory, FactoryStatus, Recipe


class TryForm(forms.Form):
    configuration = forms.CharField(widget=forms.Textarea({"rows": 8, "cols": 70}))

    def clean_configuration(self) -> dict:
        try:
            return json.loads(self.cleaned_data["configuration"])
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(f"Not JSON: {exc.msg}.") from None


def preview_view(request: HttpRequest, sku: str) -> TemplateResponse:
    if not is_operator(request.user):
        raise Http404
    product = Product.objects.filter(sku=sku).first()
    if product is None:
        raise Http404("No such product.")
    example = {
        "quantity": 1,
        "options": {
            o["code"]: (o.get("values") or [{}])[0].get("code")
            for o in product.definition.get("options", [])
            if isinstance(o, dict) and "code" in o
        },
    }
    form = TryForm(request.POST or {"configuration": json.dumps(example, indent=2)})
    context = {
        **admin.site.each_context(request),
        "title": f"Try {product.name}",
        "product": product,
        "form": form,
    }
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                configuration, quantity = configuration_create(
                    product=product, raw=form.cleaned_data["configuration"]
                )
                quote = configuration_price(product=product, configuration=configuration)
                transaction.set_rollback(True)
        except ApplicationError as exc:
            context["error"] = exc
        else:
            recipe = Recipe.objects.filter(product_sku=sku).first()
            needs = set(recipe.capabilities) if recipe else set()
            capable = [
                f
                for f in Factory.objects.filter(status=FactoryStatus.ACTIVE).prefetch_related(
                    "capabilities"
                )
                if needs <= {c.code for c in f.capabilities.all()}
            ]
            context.update(
                quote=quote,
                quantity=quantity,
                total=quote.unit_price * quantity,
                summary=configuration.summary,
                recipe=recipe,
                due=timezone.localdate() + timedelta(days=product.default_lead_days),
                capable=capable,
            )
    return TemplateResponse(request, "admin/c2m/preview.html", context)
