"""Run the reference factory agent: one factory by key, or every demo factory."""

import json
import logging
import threading
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from demo.agent import FactoryAgent


class Command(BaseCommand):
    help = "Poll the factory API and move work orders along like a partner factory would."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--api-url", default="http://127.0.0.1:8000/api/factory/v1/")
        parser.add_argument("--key", help="one factory's API key")
        parser.add_argument("--keys-file", help="JSON {factory_code: key}; runs one agent each")
        parser.add_argument("--interval", type=float, default=3.0)
        parser.add_argument("--qc-failure-rate", type=float, default=0.05)
        parser.add_argument("--once", action="store_true", help="make one pass and exit")

    def handle(self, *args, **opts) -> None:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
        logging.getLogger("httpx").setLevel(logging.WARNING)
        if opts["key"]:
            keys = {"factory": opts["key"]}
        elif opts["keys_file"]:
            keys = json.loads(Path(opts["keys_file"]).read_text())
        else:
            raise CommandError("Give --key or --keys-file.")
        agents = [
            FactoryAgent(
                api_url=opts["api_url"],
                key=key,
                name=name,
                qc_failure_rate=opts["qc_failure_rate"],
            )
            for name, key in keys.items()
        ]
        if opts["once"]:
            done = sum(agent.run_once() for agent in agents)
            self.stdout.write(f"{done} actions")
            return
        threads = [
            threading.Thread(target=a.run_forever, args=(opts["interval"],), daemon=True)
            for a in agents
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
