from django.urls import path

from merchants.pages import business_signup

app_name = "merchants"
urlpatterns = [
    path("business/apply/", business_signup.business_apply, name="business_apply"),
    path("business/applied/", business_signup.business_applied, name="business_applied"),
]
