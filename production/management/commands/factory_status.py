"""Pause or resume a partner factory from the shell, as the admin's actions do."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from c2m.errors import ApplicationError
from production.models import Factory, FactoryStatus
from production.services.factory_status import factory_set_status

STATUS_FOR = {"pause": FactoryStatus.PAUSED, "resume": FactoryStatus.ACTIVE}


class Command(BaseCommand):
    help = (
        "Pause a factory (it gets no new offers; its offered and unstarted accepted work is "
        "re-routed) or resume it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="the factory's code")
        parser.add_argument("action", choices=sorted(STATUS_FOR))
        parser.add_argument("--reason", default="", help="why, kept on the work orders' events")
        parser.add_argument("--actor", default="command:factory_status", help="who, for the log")

    def handle(self, *args, code: str, action: str, reason: str, actor: str, **options) -> None:
        factory = Factory.objects.filter(code=code).first()
        if factory is None:
            raise CommandError(f"No factory with code {code!r}.")
        try:
            given_back = factory_set_status(
                factory_id=factory.pk, status=STATUS_FOR[action], actor=actor, reason=reason
            )
        except ApplicationError as exc:
            raise CommandError(f"{code}: {exc.detail}") from exc
        self.stdout.write(
            f"{code}: {FactoryStatus(STATUS_FOR[action]).label.lower()}; "
            f"{len(given_back)} work order(s) given back for re-routing."
        )
