"""Issue, list and revoke a partner factory's API keys from the shell."""

from django.core.management.base import BaseCommand, CommandError

from production.models import Factory, FactoryApiKey
from production.services.api_keys import api_key_create, api_key_revoke


class Command(BaseCommand):
    help = "Manage factory API keys: issue CODE NAME | list CODE | revoke PREFIX."

    def add_arguments(self, parser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        issue = actions.add_parser("issue", help="print a new key once")
        issue.add_argument("factory")
        issue.add_argument("name")
        listing = actions.add_parser("list", help="the factory's keys (never their secrets)")
        listing.add_argument("factory")
        revoke = actions.add_parser("revoke", help="refuse the key from now on")
        revoke.add_argument("prefix")

    def handle(self, *args, action: str, **options) -> None:
        if action == "revoke":
            key = FactoryApiKey.objects.filter(prefix=options["prefix"]).first()
            if key is None:
                raise CommandError(f"No key with prefix {options['prefix']!r}.")
            api_key_revoke(key=key)
            self.stdout.write(f"revoked {key.prefix} ({key.name}) of {key.factory.code}")
            return
        factory = Factory.objects.filter(code=options["factory"]).first()
        if factory is None:
            raise CommandError(f"No factory with code {options['factory']!r}.")
        if action == "issue":
            key, plain = api_key_create(factory=factory, name=options["name"])
            self.stdout.write(f"{plain}\n(shown once: store it now; prefix {key.prefix})")
            return
        for key in factory.api_keys.order_by("created_at"):
            state = "revoked" if key.revoked_at else "active"
            self.stdout.write(f"{key.prefix}  {state:8}  {key.name}")
