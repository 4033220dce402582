from django.urls import path

from production.api import views

app_name = "factory-api"
urlpatterns = [
    path("work-orders/", views.WorkOrderListApi.as_view(), name="work-orders"),
    path("work-orders/<int:pk>/", views.WorkOrderDetailApi.as_view(), name="work-order"),
    path("work-orders/<int:pk>/accept/", views.WorkOrderAcceptApi.as_view(), name="accept"),
    path("work-orders/<int:pk>/decline/", views.WorkOrderDeclineApi.as_view(), name="decline"),
    path("work-orders/<int:pk>/events/", views.WorkOrderEventApi.as_view(), name="events"),
]
