"""Consumer API for artwork: upload, read back and preflight, for the owner only."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from c2m.api import error_responses
from c2m.errors import ApplicationError
from c2m.request_rates import client_rate_throttle
from imaging.print_setups import print_setup_for
from orders.api.views import ConsumerApi
from orders.models import Artwork
from orders.selectors.artwork import artwork_get_owned, artwork_owner_of
from orders.services.artwork import (
    artwork_preflight,
    artwork_preflight_by_area,
    artwork_upload,
    placement_from,
    preflight_dict,
)
from orders.uploads import artwork_upload_guard, uploaded_image


class PreflightOutputSerializer(serializers.Serializer):
    effective_dpi = serializers.FloatField()
    level = serializers.ChoiceField(choices=["ok", "warning", "blocked"])
    placed_width_mm = serializers.FloatField()
    placed_height_mm = serializers.FloatField()
    has_transparency = serializers.BooleanField()
    covers_area = serializers.BooleanField()
    clipped = serializers.BooleanField()
    message = serializers.DictField(child=serializers.CharField())


class ArtworkOutputSerializer(serializers.Serializer):
    id = serializers.CharField(source="public_id")
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    has_alpha = serializers.BooleanField()
    source_format = serializers.CharField()
    image_url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()
    preflight = serializers.DictField(child=PreflightOutputSerializer(), source="report")

    def get_image_url(self, artwork: Artwork) -> str:
        return reverse("orders:artwork_image", kwargs={"public_id": artwork.public_id})

    def get_thumbnail_url(self, artwork: Artwork) -> str:
        return self.get_image_url(artwork) + "?size=preview"


# Schema only: the view reads the multipart body itself (400 ``file_required`` without).
class ArtworkUploadInputSerializer(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True)
    sku = serializers.CharField(required=False, max_length=64)


def _output(artwork: Artwork, sku: str | None) -> dict[str, Any]:
    # Read by ArtworkOutputSerializer's report field.
    artwork.report = artwork_preflight_by_area(artwork=artwork, sku=sku)  # type: ignore[attr-defined]
    return ArtworkOutputSerializer(artwork).data


class ArtworkUploadApi(ConsumerApi):
    parser_classes = [MultiPartParser]
    throttle_classes = [*ConsumerApi.throttle_classes, client_rate_throttle("upload")]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        # Before authentication or parsing touch the body: bound what will be read.
        self.limiter = artwork_upload_guard(request._request)
        super().initial(request, *args, **kwargs)

    @extend_schema(
        operation_id="artworks_upload",
        description="Stores the image once per owner: the same file again answers 200 with "
        "the stored artwork. 400 names what is wrong with the image (`code`, `errors.file`).",
        request={"multipart/form-data": ArtworkUploadInputSerializer},
        responses={
            201: ArtworkOutputSerializer,
            200: ArtworkOutputSerializer,
            **error_responses(400, 401, 403, 413, 415, 429),
        },
    )
    def post(self, request: Request) -> Response:
        upload = uploaded_image(request.FILES, self.limiter)
        owner = artwork_owner_of(request, create=True)
        artwork, created = artwork_upload(owner=owner, file=upload, original_name=upload.name)
        data = request.data if isinstance(request.data, dict) else {}
        sku = str(data.get("sku") or "")[:64] or None
        return Response(_output(artwork, sku), status=201 if created else 200)


class ArtworkDetailApi(ConsumerApi):
    @extend_schema(
        operation_id="artworks_retrieve",
        parameters=[OpenApiParameter("sku", str, description="product for per-area preflight")],
        responses={200: ArtworkOutputSerializer, **error_responses(401, 404, 429)},
    )
    def get(self, request: Request, public_id: str) -> Response:
        artwork = artwork_get_owned(public_id=public_id, owner=artwork_owner_of(request))
        sku = request.query_params.get("sku", "")[:64] or None
        return Response(_output(artwork, sku))


class ArtworkPreflightApi(ConsumerApi):
    @extend_schema(
        operation_id="artworks_preflight",
        parameters=[
            OpenApiParameter("sku", str, required=True),
            OpenApiParameter("area", str, required=True),
            OpenApiParameter("offset_x", float),
            OpenApiParameter("offset_y", float),
            OpenApiParameter("scale", float),
            OpenApiParameter("rotation_deg", float),
        ],
        responses={
            200: inline_serializer(
                "ArtworkPreflight",
                {"area": serializers.CharField(), "report": PreflightOutputSerializer()},
            ),
            **error_responses(
                400,
                401,
                404,
                429,
                e400="Unknown product or print area (`unknown_print_area`), or a placement "
                "out of range (`invalid_placement`).",
            ),
        },
    )
    def get(self, request: Request, public_id: str) -> Response:
        artwork = artwork_get_owned(public_id=public_id, owner=artwork_owner_of(request))
        params = request.query_params
        setup = print_setup_for(params.get("sku", ""))
        try:
            area = setup.area(params.get("area", "")) if setup else None
        except KeyError:
            area = None
        if setup is None or area is None:
            raise ApplicationError(
                "Choose a product and one of its print areas.",
                code="unknown_print_area",
                errors={"area": ["Unknown print area for this product."]},
            )
        report = artwork_preflight(
            artwork=artwork,
            area=area,
            placement=placement_from(params),
            blocked_below_dpi=setup.blocked_below_dpi,
        )
        return Response({"area": area.name, "report": preflight_dict(report)})
