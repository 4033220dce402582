from django.urls import path

from production.pages import plant_signup

app_name = "production"
urlpatterns = [
    path("partners/apply/", plant_signup.plant_apply, name="plant_apply"),
    path("partners/applied/", plant_signup.plant_applied, name="plant_applied"),
]
