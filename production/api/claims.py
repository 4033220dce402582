"""Claims against your factory's work: list, one claim, its photos, and your response."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from c2m.errors import NotFound
from orders.services.production_feedback import claim_photo_for_production
from production.api.authentication import FactoryRequest
from production.api.base import IDEMPOTENCY_KEY, FactoryApi, errors
from production.models import PlantClaim
from production.services.claims import plant_claim_respond


class PlantClaimSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    claim = serializers.CharField(source="claim_number")
    work_order_id = serializers.IntegerField()
    work_order = serializers.CharField(source="work_order.number")
    order_number = serializers.CharField(source="work_order.order_number")
    reason = serializers.CharField()
    defect = serializers.BooleanField()
    quantity = serializers.IntegerField()
    description = serializers.CharField()
    decision = serializers.CharField()
    plant_at_fault = serializers.BooleanField()
    response = serializers.CharField()
    responded_at = serializers.DateTimeField(allow_null=True)
    filed_at = serializers.DateTimeField()
    photos = serializers.SerializerMethodField()

    def get_photos(self, claim: PlantClaim) -> list[str]:
        return [
            reverse("factory-api:claim-photo", kwargs={"pk": claim.pk, "photo_id": photo})
            for photo in claim.photos
        ]


class PlantClaimPageSerializer(serializers.Serializer):
    results = PlantClaimSerializer(many=True)


class RespondInputSerializer(serializers.Serializer):
    response = serializers.CharField(max_length=4000)


def _claims(request: FactoryRequest):
    return PlantClaim.objects.filter(factory_id=request.auth.factory_id).select_related(
        "work_order"
    )


class ClaimListApi(FactoryApi):
    @extend_schema(
        operation_id="claims_list",
        summary="Claims against your work",
        description="Customers' claims against work orders your factory made, newest first "
        "(the latest 200). `photos` are paths you may download with your key.",
        responses={200: PlantClaimPageSerializer, **errors()},
    )
    def get(self, request: FactoryRequest) -> Response:
        rows = _claims(request)[:200]
        return Response({"results": PlantClaimSerializer(rows, many=True).data})


class ClaimDetailApi(FactoryApi):
    @extend_schema(
        operation_id="claims_retrieve",
        summary="One claim",
        responses={200: PlantClaimSerializer, **errors(404)},
    )
    def get(self, request: FactoryRequest, pk: int) -> Response:
        claim = _claims(request).filter(pk=pk).first()
        if claim is None:
            raise Http404
        return Response(PlantClaimSerializer(claim).data)


class ClaimPhotoApi(FactoryApi):
    @extend_schema(
        operation_id="claims_photo",
        summary="Download a claim's photo",
        description="The customer's photo, re-encoded as PNG, as an attachment.",
        responses={(200, "image/png"): OpenApiResponse(OpenApiTypes.BINARY), **errors(404)},
    )
    def get(self, request: FactoryRequest, pk: int, photo_id: str) -> HttpResponse:
        claim = _claims(request).filter(pk=pk).first()
        if claim is None or photo_id not in claim.photos:
            raise Http404
        try:
            data = claim_photo_for_production(claim_number=claim.claim_number, photo_id=photo_id)
        except NotFound:
            raise Http404 from None
        response = HttpResponse(data, content_type="image/png")
        response["Content-Disposition"] = f'attachment; filename="{photo_id}.png"'
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, max-age=0"
        return response


class ClaimRespondApi(FactoryApi):
    @extend_schema(
        operation_id="claims_respond",
        summary="Respond to a claim with your evidence",
        description="Your account of what happened (QC records, photos you took, batch). "
        "Operators read it before deciding; answering again replaces it.",
        request=RespondInputSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={200: PlantClaimSerializer, **errors(400, 404, 422)},
    )
    def post(self, request: FactoryRequest, pk: int) -> HttpResponse:
        def respond() -> HttpResponse:
            data = RespondInputSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            plant_claim_respond(
                claim_id=pk,
                factory=request.user,
                response=data.validated_data["response"],
                actor=self.actor(request),
            )
            return Response(PlantClaimSerializer(_claims(request).get(pk=pk)).data)

        return self.idempotent(request, respond)
