from django.apps import AppConfig


class C2MConfig(AppConfig):
    """Project wiring only: registers the deployment checks (c2m.checks)."""

    name = "c2m"
    verbose_name = "C2M Bridge"

    def ready(self) -> None:
        from c2m import checks  # noqa: F401 - registers the system checks
