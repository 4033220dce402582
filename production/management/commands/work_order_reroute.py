"""Route a work order again: withdraw its offer and offer it to another plant."""

from django.core.management.base import BaseCommand, CommandError

from c2m.errors import ApplicationError
from production.models import WorkOrder
from production.services.rerouting import work_order_reroute


class Command(BaseCommand):
    help = "Re-route an offered, pending or unroutable work order (never an accepted one)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("number", help="work order number, e.g. WO-ABCD-EFGH-1")
        parser.add_argument("--reason", required=True)
        parser.add_argument(
            "--keep-plant", action="store_true", help="the same plant may be offered it again"
        )

    def handle(self, *args, number: str, reason: str, keep_plant: bool, **options) -> None:
        work_order = WorkOrder.objects.filter(number=number).first()
        if work_order is None:
            raise CommandError(f"No work order {number!r}.")
        try:
            work_order_reroute(
                work_order_id=work_order.pk,
                actor="operator:shell",
                reason=reason,
                exclude_factory=not keep_plant,
            )
        except ApplicationError as error:
            raise CommandError(error.detail) from None
        self.stdout.write(f"{number} is being routed again")
