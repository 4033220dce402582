"""Send the outbox's open messages now (after a broker outage), or replay chosen ones."""

from django.core.management.base import BaseCommand

from orders.services.outbox import outbox_replay


class Command(BaseCommand):
    help = (
        "Send every open outbox message now; with --id, those messages only (processed "
        "ones are reopened). Safe to repeat: consumers ignore what they already did."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--id", dest="ids", type=int, action="append", metavar="ID")

    def handle(self, *args, ids: list[int] | None, **options) -> None:
        sent = outbox_replay(message_ids=ids)
        self.stdout.write(f"sent {sent} outbox message(s)")
