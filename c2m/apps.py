from django.apps import AppConfig


class C2MConfig(AppConfig):
    """Project wiring only: creates the Celery app, so every shared task binds to it, and
    registers the deployment checks (c2m.checks)."""

    name = "c2m"
    verbose_name = "C2M Bridge"

    def ready(self) -> None:
        from c2m import checks  # noqa: F401 - registers the system checks
        from c2m.celery import app  # noqa: F401 - the current Celery app from here on
