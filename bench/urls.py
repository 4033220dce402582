"""The production URLs plus the two comparison views the benchmark needs (never deployed)."""

import os
from functools import cache

from django.http import HttpResponse
from django.urls import include, path
from rest_framework import generics, serializers

from production.api.authentication import FactoryApiKeyAuthentication, IsFactory
from production.models import WorkOrder
from production.selectors.factory_api import LIST_ITEM_FIELDS


class NaiveWorkOrderSerializer(serializers.ModelSerializer):
    class Meta:
        model = WorkOrder
        fields = list(LIST_ITEM_FIELDS)  # the same items as the poll


class NaiveListView(generics.ListAPIView):
    """What one writes first: a ModelSerializer over the same query, same auth."""

    authentication_classes = [FactoryApiKeyAuthentication]
    permission_classes = [IsFactory]
    serializer_class = NaiveWorkOrderSerializer

    def get_queryset(self):
        return WorkOrder.objects.filter(
            factory_id=self.request.auth.factory_id,
            status=self.request.query_params.get("status", "offered"),
        ).order_by("updated_at", "pk")[:50]


@cache
def _static_bytes() -> bytes:
    with open(os.environ["BENCH_STATIC_FILE"], "rb") as handle:
        return handle.read()


def static_view(request):
    """The ceiling: the same bytes, no auth, no query."""
    return HttpResponse(_static_bytes(), content_type="application/json")


urlpatterns = [
    path("bench/naive/", NaiveListView.as_view()),
    path("bench/static/", static_view),
    path("", include("c2m.urls")),
]
