"""The change feed: one poll for everything that happened to a factory's work orders."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response

from c2m.api import parse_query
from production.api import examples
from production.api.authentication import FactoryRequest
from production.api.base import FactoryApi, errors
from production.api.serializers import FeedPageSerializer, FeedQuerySerializer
from production.selectors.factory_api import factory_feed_page


class FeedApi(FactoryApi):
    @extend_schema(
        summary="Change feed",
        description=(
            "Every change to your work orders, in order, numbered by `seq` (per factory, "
            "never going backwards, committed in order). Start with `after=0`, then pass "
            "the returned `next`. Fetch the work order for its details."
        ),
        parameters=[
            OpenApiParameter(
                "after",
                {"type": "integer", "minimum": 0},
                description="Last `seq` you processed; default 0.",
            ),
            OpenApiParameter(
                "limit",
                {"type": "integer", "minimum": 1, "maximum": 500},
                description="1–500, default 100.",
            ),
        ],
        responses={200: FeedPageSerializer, **errors(400)},
        examples=examples.FEED,
    )
    def get(self, request: FactoryRequest) -> Response:
        query = parse_query(FeedQuerySerializer, request)
        page = factory_feed_page(factory=request.user, **query)
        return Response(
            FeedPageSerializer({"next": page.next_cursor, "results": page.results}).data
        )
