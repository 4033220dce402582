"""Make a work order's missing production files (after fixing a missing font or artwork)."""

from django.core.management.base import BaseCommand, CommandError

from production.models import WorkOrder
from production.selectors.production_files import work_order_files
from production.services.production_files import work_order_files_generate


class Command(BaseCommand):
    help = "Make the files a work order lists but does not have yet; safe to repeat."

    def add_arguments(self, parser) -> None:
        parser.add_argument("numbers", nargs="+", metavar="number")

    def handle(self, *args, numbers: list[str], **options) -> None:
        found = {wo.number: wo for wo in WorkOrder.objects.filter(number__in=numbers)}
        if missing := sorted(set(numbers) - set(found)):
            raise CommandError(f"No work order {', '.join(missing)}.")
        for number in numbers:
            made = work_order_files_generate(work_order_id=found[number].pk)
            status = work_order_files(WorkOrder.objects.get(pk=found[number].pk)).status
            self.stdout.write(f"{number}: made {len(made)} file(s), files {status}")
