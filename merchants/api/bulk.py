"""Bulk orders: upload a CSV or XLSX file of orders (one per row), list and read uploads."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import load_handler
from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from c2m.errors import ApplicationError, NotFound
from merchants.api.base import IDEMPOTENCY_KEY, MerchantApi, errors
from merchants.models import BulkMode, BulkOrderUpload
from merchants.services.bulk_orders import bulk_orders_upload
from orders.uploads import MULTIPART_OVERHEAD, ArtworkSizeLimitHandler


class BulkOrderUploadInputSerializer(serializers.Serializer):
    file = serializers.FileField(
        allow_empty_file=True,
        help_text="A .csv (UTF-8) or .xlsx file: a header row, then one order per row.",
    )
    mode = serializers.ChoiceField(
        choices=BulkMode.values,
        help_text="`all_or_nothing`: no order unless every row is good; "
        "`valid_rows_only`: the good rows become orders.",
    )
    confirm = serializers.BooleanField(
        default=False, help_text="Confirm each order at once (else drafts)."
    )


class BulkProblemSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="As the spreadsheet numbers it (header: 1).")
    reference = serializers.CharField(allow_blank=True)
    field = serializers.CharField(allow_blank=True)
    code = serializers.CharField()
    message = serializers.CharField()


class BulkOrderMadeSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    reference = serializers.CharField()
    order_id = serializers.CharField()


class BulkOrderUploadOutputSerializer(serializers.Serializer):
    id = serializers.CharField(source="public_id")
    sandbox = serializers.BooleanField()
    file_name = serializers.CharField()
    mode = serializers.ChoiceField(choices=BulkMode.values)
    confirm = serializers.BooleanField()
    rows_total = serializers.IntegerField()
    orders = BulkOrderMadeSerializer(many=True)
    report = BulkProblemSerializer(many=True)
    created_at = serializers.DateTimeField()


UPLOAD_ID = OpenApiParameter("upload_id", str, OpenApiParameter.PATH)


class BulkOrderListCreateApi(MerchantApi):
    parser_classes = [MultiPartParser]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        if request.method == "POST":
            self.limiter = _size_guard(request)
        super().initial(request, *args, **kwargs)

    @extend_schema(
        operation_id="merchant_bulk_orders_list",
        responses={
            200: inline_serializer(
                "MerchantBulkOrderUploadList",
                {"results": BulkOrderUploadOutputSerializer(many=True)},
            ),
            **errors(),
        },
    )
    def get(self, request: Request) -> Response:
        key = self.key(request)
        uploads = BulkOrderUpload.objects.filter(account_id=key.account_id, sandbox=key.sandbox)
        return Response({"results": BulkOrderUploadOutputSerializer(uploads[:100], many=True).data})

    @extend_schema(
        operation_id="merchant_bulk_orders_create",
        description="Columns: `reference`, `sku`, `quantity`, `name`, `line1`, `line2`, "
        "`city`, `region`, `postal_code`, `country`, `phone`, `shipping_method` "
        "(standard or express), `option.<code>` per option, and for artwork "
        "`artwork_option` with `artwork_id` or `artwork_url` (https; fetched by us: a row "
        "is `artwork_pending` until it is, so upload the file again shortly with a new "
        "Idempotency-Key). Each row becomes an order as POST /orders/ makes it. 201 with a "
        "report per row (`row`, `field`, `code`, `message`) and the orders made; 400 "
        "`invalid_file` for a file that is not read at all; 413 above the size limit.",
        parameters=[IDEMPOTENCY_KEY],
        request={"multipart/form-data": BulkOrderUploadInputSerializer},
        responses={201: BulkOrderUploadOutputSerializer, **errors(400, 413, 415, 422)},
    )
    def post(self, request: Request) -> HttpResponse:
        data = BulkOrderUploadInputSerializer(data=request.data)
        valid = data.is_valid()
        if not valid and self.limiter.exceeded:
            raise _too_large()
        values = data.validated_data if valid else {}
        upload = values.get("file")
        content = upload.read() if upload is not None else b""
        fingerprint = repr(
            (
                hashlib.sha256(content).hexdigest(),
                getattr(upload, "name", ""),
                values.get("mode"),
                values.get("confirm"),
                None if valid else sorted(data.errors),
            )
        ).encode()

        def create() -> Response:
            data.is_valid(raise_exception=True)
            key = self.key(request)
            made = bulk_orders_upload(
                account=self.account(request),
                sandbox=key.sandbox,
                file_name=getattr(upload, "name", "") or "",
                content=content,
                mode=values["mode"],
                confirm=values["confirm"],
                actor=f"merchant:{key.account_id}",
            )
            return Response(BulkOrderUploadOutputSerializer(made).data, status=201)

        return self.idempotent(request, create, body=fingerprint, pays=bool(values.get("confirm")))


class BulkOrderDetailApi(MerchantApi):
    @extend_schema(
        operation_id="merchant_bulk_orders_retrieve",
        parameters=[UPLOAD_ID],
        responses={200: BulkOrderUploadOutputSerializer, **errors(404)},
    )
    def get(self, request: Request, upload_id: str) -> Response:
        key = self.key(request)
        public_id = str(upload_id)[:40]
        upload = (
            BulkOrderUpload.objects.filter(
                account_id=key.account_id, sandbox=key.sandbox, public_id=public_id
            ).first()
            if "\x00" not in public_id
            else None
        )
        if upload is None:
            raise NotFound(_("No such bulk upload."), code="bulk_upload_not_found")
        return Response(BulkOrderUploadOutputSerializer(upload).data)


def _size_guard(request: Request) -> ArtworkSizeLimitHandler:
    """Refuse a body above the bulk file limit from its header; stop reading one past it."""
    max_bytes = settings.BULK_ORDER_MAX_BYTES
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > max_bytes + MULTIPART_OVERHEAD:
        raise _too_large()
    limiter = ArtworkSizeLimitHandler(request._request, max_bytes)
    request._request.upload_handlers = [
        limiter,
        *(load_handler(path, request._request) for path in settings.FILE_UPLOAD_HANDLERS),
    ]
    return limiter


def _too_large() -> ApplicationError:
    error = ApplicationError(
        _("The file is larger than %(n)d bytes.") % {"n": settings.BULK_ORDER_MAX_BYTES},
        code="file_too_large",
        errors={"file": [_("The file is too large.")]},
    )
    error.status = 413
    return error
