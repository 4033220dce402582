from django.urls import path

from production.api import (
    actions,
    capacity,
    claims,
    counter_offers,
    exchange,
    feed,
    statement,
    webhooks,
    work_orders,
)

app_name = "factory-api"
urlpatterns = [
    path("work-orders/", work_orders.WorkOrderListApi.as_view(), name="work-orders"),
    path("work-orders/<int:pk>/", work_orders.WorkOrderDetailApi.as_view(), name="work-order"),
    path(
        "work-orders/<int:pk>/files/<str:name>",
        work_orders.WorkOrderFileApi.as_view(),
        name="file",
    ),
    path("work-orders/<int:pk>/accept/", actions.WorkOrderAcceptApi.as_view(), name="accept"),
    path("work-orders/<int:pk>/decline/", actions.WorkOrderDeclineApi.as_view(), name="decline"),
    path(
        "work-orders/<int:pk>/counter/",
        counter_offers.WorkOrderCounterOfferApi.as_view(),
        name="counter",
    ),
    path("work-orders/<int:pk>/events/", actions.WorkOrderEventApi.as_view(), name="events"),
    path("work-orders/<int:pk>/release/", actions.WorkOrderReleaseApi.as_view(), name="release"),
    path("claims/", claims.ClaimListApi.as_view(), name="claims"),
    path("claims/<int:pk>/", claims.ClaimDetailApi.as_view(), name="claim"),
    path(
        "claims/<int:pk>/photos/<str:photo_id>",
        claims.ClaimPhotoApi.as_view(),
        name="claim-photo",
    ),
    path("claims/<int:pk>/respond/", claims.ClaimRespondApi.as_view(), name="claim-respond"),
    path("work-orders/<int:pk>/energy/", actions.WorkOrderEnergyApi.as_view(), name="energy"),
    path("capacity/", capacity.CapacityApi.as_view(), name="capacity"),
    path("exchange/offers/", exchange.OfferListCreateApi.as_view(), name="exchange-offers"),
    path(
        "exchange/offers/<int:pk>/withdraw/",
        exchange.OfferWithdrawApi.as_view(),
        name="exchange-offer-withdraw",
    ),
    path("exchange/bookings/", exchange.BookingListApi.as_view(), name="exchange-bookings"),
    path(
        "exchange/bookings/<str:number>/",
        exchange.BookingDetailApi.as_view(),
        name="exchange-booking",
    ),
    path(
        "exchange/bookings/<str:number>/confirm/",
        exchange.BookingConfirmApi.as_view(),
        name="exchange-booking-confirm",
    ),
    path(
        "exchange/bookings/<str:number>/decline/",
        exchange.BookingDeclineApi.as_view(),
        name="exchange-booking-decline",
    ),
    path("feed/", feed.FeedApi.as_view(), name="feed"),
    path("statement/", statement.StatementApi.as_view(), name="statement"),
    path("statement.csv", statement.StatementCsvApi.as_view(), name="statement-csv"),
    path("webhook/", webhooks.WebhookApi.as_view(), name="webhook"),
]
