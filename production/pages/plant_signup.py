"""The public "Become a partner plant" page: a plant applies to join the network."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from c2m.application_pages import application_page
from production.forms import PlantApplicationForm
from production.services.plant_applications import plant_application_submit

TEMPLATE = "production/plant_apply.html"


def plant_apply(request: HttpRequest) -> HttpResponse:
    form = PlantApplicationForm(request.POST or None)
    return application_page(
        request,
        form,
        template=TEMPLATE,
        submit=lambda: plant_application_submit(**form.for_service(), language=get_language()),
        done="production:plant_applied",
    )


def plant_applied(request: HttpRequest) -> HttpResponse:
    return render(request, "production/plant_applied.html")
