"""POST /artworks/: an upload through the storefront's safety checks (size bounded before
the body is read, decoded, bomb-checked and re-encoded), owned by the account only."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from merchants.api.base import MerchantApi, errors
from merchants.services.quotes import account_artwork_owner
from orders.services.artwork import artwork_upload
from orders.uploads import artwork_upload_guard, uploaded_image


class MerchantArtworkUploadInputSerializer(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True)


class MerchantArtworkOutputSerializer(serializers.Serializer):
    id = serializers.CharField(source="public_id")
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    has_alpha = serializers.BooleanField()
    source_format = serializers.CharField()


class ArtworkUploadApi(MerchantApi):
    parser_classes = [MultiPartParser]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        self.limiter = artwork_upload_guard(request._request)
        super().initial(request, *args, **kwargs)

    @extend_schema(
        operation_id="merchant_artworks_upload",
        description="Idempotent by content: the same file again answers 200 with the stored "
        "artwork (no Idempotency-Key needed). Use its `id` as an artwork option's "
        "`artwork_id`. 400 names what is wrong with the image.",
        request={"multipart/form-data": MerchantArtworkUploadInputSerializer},
        responses={
            201: MerchantArtworkOutputSerializer,
            200: MerchantArtworkOutputSerializer,
            **errors(400, 413, 415),
        },
    )
    def post(self, request: Request) -> Response:
        upload = uploaded_image(request.FILES, self.limiter)
        artwork, created = artwork_upload(
            owner=account_artwork_owner(self.account(request)),
            file=upload,
            original_name=upload.name or "",
        )
        return Response(
            MerchantArtworkOutputSerializer(artwork).data, status=201 if created else 200
        )
