"""Seed the demo's history: a few months of synthetic orders (``demo.history``) and, made
through the real services, returning customers' orders with paid services and the claims
operators decided on them (``demo.aftersales``). Idempotent."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.aftersales import demo_history_seed


class Command(BaseCommand):
    help = "Seed the demo history with repeat customers, paid services and claims (idempotent)."

    def handle(self, *args: object, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError(
                "seed_demo_history runs only under demo settings (DEMO_MODE): it writes "
                "synthetic orders. Use DJANGO_SETTINGS_MODULE=c2m.settings.demo."
            )
        made = demo_history_seed()
        if not any(made.values()):
            self.stdout.write("Demo history already seeded; nothing added.")
            return
        self.stdout.write(
            f"Seeded {made['history_orders']} history orders, {made['orders']} orders "
            f"through the shop and {made['claims']} claims."
        )
