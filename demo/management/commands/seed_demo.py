"""Seed the demo: catalog, recipes, partner factories with API keys and a staff login each,
and an admin login."""

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from demo.plants import DEMO_FACTORIES, DEMO_WORK_CENTRES
from demo.recipes import DEMO_RECIPES
from demo.shop_window import DEMO_PRODUCTS, DEMO_RULES
from orders.services.catalog import product_upsert, shared_rule_upsert
from orders.services.shop_pages import shop_pages_ensure
from production.models import Factory
from production.services.api_keys import api_key_authenticate, api_key_create
from production.services.capacity_calendar import capacity_materialize
from production.services.factories import factory_upsert
from production.services.network import factory_work_centres_set
from production.services.recipes import recipe_upsert
from production.services.staff import factory_membership_set

KEYS_FILE = Path(settings.BASE_DIR) / "var" / "demo-factory-keys.json"


class Command(BaseCommand):
    help = "Seed the demo catalog, factories, API keys and admin user (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--keys-file",
            type=Path,
            default=KEYS_FILE,
            help=f"Where the factories' API keys are kept, as JSON (default {KEYS_FILE}).",
        )

    def handle(self, *args: object, **options: Any) -> None:
        keys_file: Path = options["keys_file"]
        if not settings.DEMO_MODE:
            # It creates an admin/admin superuser and API keys written to a file.
            raise CommandError(
                "seed_demo runs only under demo settings (DEMO_MODE), never in production: "
                "it creates the login admin/admin. Use DJANGO_SETTINGS_MODULE=c2m.settings.demo."
            )
        shop_pages_ensure()
        for code, rule in DEMO_RULES.items():
            shared_rule_upsert(code=code, definition=rule)
        for product in DEMO_PRODUCTS:
            product_upsert(**product)
        for recipe in DEMO_RECIPES:
            recipe_upsert(**recipe)
        for factory in DEMO_FACTORIES:
            plant = factory_upsert(**factory)
            centres = DEMO_WORK_CENTRES.get(factory["code"], {})
            factory_work_centres_set(factory=plant, centres=centres)
            capacity_materialize(factory_id=plant.pk)
        keys = self._factory_keys(keys_file)
        User = get_user_model()
        if not User.objects.filter(username="admin").exists():
            User.objects.create_superuser("admin", "admin@c2m.example", "admin")
        self._factory_staff(User)
        self.stdout.write(
            f"Seeded {len(DEMO_PRODUCTS)} products, {len(DEMO_FACTORIES)} factories; "
            f"factory keys in {keys_file}"
        )
        keys_file.parent.mkdir(parents=True, exist_ok=True)
        keys_file.write_text(json.dumps(keys, indent=2))

    def _factory_staff(self, User: Any) -> None:
        """A factory-staff login per demo plant (username and password: the plant's code),
        unless the username is taken already."""
        for factory in Factory.objects.filter(code__in=[f["code"] for f in DEMO_FACTORIES]):
            if User.objects.filter(username=factory.code).exists():
                continue
            user = User.objects.create_user(
                factory.code, f"{factory.code}@factories.c2m.example", factory.code
            )
            factory_membership_set(user=user, factory=factory)

    def _factory_keys(self, keys_file: Path) -> dict[str, str]:
        """Reuse keys that still work, so a running agent survives a re-seed."""
        old = json.loads(keys_file.read_text()) if keys_file.exists() else {}
        keys = {}
        for factory in Factory.objects.filter(code__in=[f["code"] for f in DEMO_FACTORIES]):
            raw = old.get(factory.code)
            if raw and (key := api_key_authenticate(raw=raw)) and key.factory_id == factory.pk:
                keys[factory.code] = raw
            else:
                keys[factory.code] = api_key_create(factory=factory, name="demo agent")[1]
        return keys
