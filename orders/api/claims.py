"""The consumer API's claims: list an order's claims, report a problem, answer a question."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from c2m.api import error_responses
from c2m.errors import NotFound
from c2m.json_input import StrictJSONParser
from c2m.request_rates import client_rate_throttle
from orders.api.views import ConsumerApi
from orders.models import Claim, ClaimKind, ClaimReason, ClaimStatus
from orders.selectors.claim_photo_links import claim_photo_links
from orders.selectors.claims import claim_timeline, claims_of_order
from orders.services.claims import claim_add_info, claim_file
from orders.uploads import ArtworkSizeLimitHandler, artwork_upload_guard, too_large

TOKEN = OpenApiParameter("token", str, description="signed tracking token")


# Filing a claim and answering with more information may carry photos.
UPLOADS = client_rate_throttle("upload", methods=("POST",))


class ClaimTimelineOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    detail = serializers.CharField()
    message = serializers.CharField()
    at = serializers.DateTimeField()


class ClaimPhotoOutputSerializer(serializers.Serializer):
    id = serializers.CharField(source="public_id")
    thumbnail_url = serializers.CharField(
        source="url",
        help_text="Signed for this caller, valid for 30 minutes: ask for the claim again for "
        "a fresh one. Another customer, or a signed-out caller, gets 404 from it.",
    )
    width = serializers.IntegerField(help_text="The thumbnail's width in pixels.")
    height = serializers.IntegerField(help_text="The thumbnail's height in pixels.")


class ReturnLabelOutputSerializer(serializers.Serializer):
    carrier = serializers.CharField(source="return_carrier")
    reference = serializers.CharField(source="return_reference")


class ClaimOutputSerializer(serializers.Serializer):
    number = serializers.CharField()
    kind = serializers.ChoiceField(choices=ClaimKind.choices)
    line_id = serializers.IntegerField()
    line_no = serializers.IntegerField(source="line.line_no")
    reason = serializers.ChoiceField(choices=ClaimReason.choices)
    quantity = serializers.IntegerField()
    description = serializers.CharField()
    status = serializers.ChoiceField(choices=ClaimStatus.choices)
    status_label = serializers.CharField(
        source="status_display",
        help_text="The status in the customer's words: an approved reprint or visit that "
        "waits for a plant says so.",
    )
    refund_amount = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    photo_count = serializers.SerializerMethodField()
    photos = serializers.SerializerMethodField()
    return_label = serializers.SerializerMethodField()
    timeline = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()

    @extend_schema_field(ReturnLabelOutputSerializer(allow_null=True))
    def get_return_label(self, claim: Claim) -> dict[str, Any] | None:
        if not claim.return_reference:
            return None
        return dict(ReturnLabelOutputSerializer(claim).data)

    def get_photo_count(self, claim: Claim) -> int:
        return len(claim.photos.all())

    @extend_schema_field(ClaimPhotoOutputSerializer(many=True))
    def get_photos(self, claim: Claim) -> list[dict[str, Any]]:
        request = self.context.get("request")
        links = claim_photo_links(claim.photos.all(), viewer_id=self.context.get("viewer_id"))
        data = ClaimPhotoOutputSerializer(links, many=True).data
        if request is not None:
            for row in data:
                row["thumbnail_url"] = request.build_absolute_uri(row["thumbnail_url"])
        return list(data)

    def get_timeline(self, claim: Claim) -> list[dict[str, Any]]:
        return list(ClaimTimelineOutputSerializer(claim_timeline(claim=claim), many=True).data)


# Schema only: the views pass the raw values to the service, which answers per field.
class ClaimFileInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ClaimKind.choices, required=False)
    line_id = serializers.IntegerField()
    reason = serializers.ChoiceField(choices=ClaimReason.choices)
    quantity = serializers.IntegerField(min_value=1)
    description = serializers.CharField(max_length=2000)
    photos = serializers.ListField(child=serializers.FileField(), required=False)


class ClaimInfoInputSerializer(serializers.Serializer):
    message = serializers.CharField(max_length=2000, required=False)
    photos = serializers.ListField(child=serializers.FileField(), required=False)


def _field(request: Request, name: str) -> Any:
    data = request.data
    return data.get(name) if hasattr(data, "get") else None


def _check_complete(limiter: ArtworkSizeLimitHandler, request: Request) -> None:
    """A photo dropped half-way for its size is a 413, never a claim filed without it."""
    request.FILES  # noqa: B018 - parse the body now, through the limiter
    if limiter.exceeded:
        raise too_large(limiter.max_bytes)


def _actor(api: ConsumerApi, request: Request) -> str:
    return f"customer:{api.user_id(request) or 'guest'}"


def _out(api: ConsumerApi, request: Request, claims: Any, many: bool = False) -> Any:
    """Claims as the caller sees them: photo links are signed for this caller."""
    context = {"request": request, "viewer_id": api.user_id(request)}
    return ClaimOutputSerializer(claims, many=many, context=context).data


class ClaimListApi(ConsumerApi):
    throttle_classes = [*ConsumerApi.throttle_classes, UPLOADS]
    parser_classes = [StrictJSONParser, MultiPartParser]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        if request.method == "POST":  # bound the body before anything reads it
            self.limiter = artwork_upload_guard(request._request)
        super().initial(request, *args, **kwargs)

    @extend_schema(
        operation_id="order_claims_list",
        parameters=[TOKEN],
        responses={
            200: inline_serializer("ClaimList", {"results": ClaimOutputSerializer(many=True)}),
            **error_responses(401, 404, 429),
        },
    )
    def get(self, request: Request, number: str) -> Response:
        order = self.order(request, number)
        claims = claims_of_order(order=order)
        return Response({"results": _out(self, request, claims, many=True)})

    @extend_schema(
        operation_id="order_claims_create",
        description="Report a problem with delivered pieces of one item, within the claim "
        "window after delivery (`kind` `problem`, the default); ask for a repair or "
        "maintenance visit while the item's warranty runs (`repair`, reasons `needs_repair`, "
        "`maintenance`); or ask to return pieces within the product's return window "
        "(`return`, reasons `changed_mind`, `does_not_fit`, `other`). JSON, or multipart "
        "with `photos` (each checked like artwork). 400 names the field; 409 "
        "`not_delivered`, `claim_window_closed`, `no_warranty`, `warranty_expired`, "
        "`not_returnable`, `personalised` or `return_window_closed`.",
        parameters=[TOKEN],
        request={
            "application/json": ClaimFileInputSerializer,
            "multipart/form-data": ClaimFileInputSerializer,
        },
        responses={201: ClaimOutputSerializer, **error_responses(400, 404, 409, 413, 415, 429)},
    )
    def post(self, request: Request, number: str) -> Response:
        order = self.order(request, number)
        _check_complete(self.limiter, request)
        claim = claim_file(
            order_id=order.pk,
            line_id=_field(request, "line_id"),
            reason=_field(request, "reason"),
            quantity=_field(request, "quantity"),
            description=_field(request, "description"),
            photos=request.FILES.getlist("photos") if request.FILES else [],
            actor=_actor(self, request),
            kind=_field(request, "kind") or ClaimKind.PROBLEM,
        )
        claim = claims_of_order(order=order).get(pk=claim.pk)
        return Response(_out(self, request, claim), status=201)


class ClaimDetailApi(ConsumerApi):
    throttle_classes = [*ConsumerApi.throttle_classes, UPLOADS]
    parser_classes = [StrictJSONParser, MultiPartParser]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        if request.method == "POST":
            self.limiter = artwork_upload_guard(request._request)
        super().initial(request, *args, **kwargs)

    def claim(self, request: Request, number: str, claim_number: str) -> Claim:
        order = self.order(request, number)
        claim = claims_of_order(order=order).filter(number=claim_number).first()
        if claim is None:
            raise NotFound("No such claim.")
        return claim

    @extend_schema(
        operation_id="order_claims_retrieve",
        parameters=[TOKEN],
        responses={200: ClaimOutputSerializer, **error_responses(401, 404, 429)},
    )
    def get(self, request: Request, number: str, claim_number: str) -> Response:
        return Response(_out(self, request, self.claim(request, number, claim_number)))

    @extend_schema(
        operation_id="order_claims_add_info",
        description="Add a message and/or photos to an open claim (answering our question "
        "opens it again). 409 `claim_decided` once it is decided.",
        parameters=[TOKEN],
        request={
            "application/json": ClaimInfoInputSerializer,
            "multipart/form-data": ClaimInfoInputSerializer,
        },
        responses={200: ClaimOutputSerializer, **error_responses(400, 404, 409, 413, 415, 429)},
    )
    def post(self, request: Request, number: str, claim_number: str) -> Response:
        claim = self.claim(request, number, claim_number)
        _check_complete(self.limiter, request)
        claim_add_info(
            claim_id=claim.pk,
            message=_field(request, "message") or "",
            photos=request.FILES.getlist("photos") if request.FILES else [],
            actor=_actor(self, request),
        )
        return Response(_out(self, request, self.claim(request, number, claim_number)))
