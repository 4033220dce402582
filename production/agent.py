"""A reference partner-factory agent: polls the factory API and works its orders.

It depends on nothing but ``httpx`` so partners can read it as example code. Each pass
accepts new offers, starts accepted work, passes (or now and then fails) QC and ships.
"""

from __future__ import annotations

import logging
import random
import time
import uuid
from dataclasses import dataclass, field

import httpx

logger = logging.getLogger("factory_agent")

# The next event for each status the agent works on, in the order work flows.
NEXT_EVENT = {"accepted": "started", "in_production": "qc", "qc_passed": "shipped"}
CARRIERS = ["SF Express", "JD Logistics", "EMS", "DHL"]


@dataclass
class FactoryAgent:
    api_url: str
    key: str
    name: str = "factory"
    qc_failure_rate: float = 0.05
    rng: random.Random = field(default_factory=random.Random)
    client: httpx.Client | None = None

    def __post_init__(self) -> None:
        self.client = self.client or httpx.Client(
            base_url=self.api_url.rstrip("/") + "/",
            headers={"Authorization": f"Api-Key {self.key}"},
            timeout=10,
        )

    def run_once(self) -> int:
        """Make one pass over the factory's open work; return how many actions it took."""
        response = self.client.get(
            "work-orders/",
            params=[("status", s) for s in ("offered", *NEXT_EVENT)],
        )
        response.raise_for_status()
        actions = 0
        for work_order in response.json()["results"]:
            actions += self._advance(work_order)
        return actions

    def run_forever(self, interval: float) -> None:
        while True:
            try:
                self.run_once()
            except httpx.HTTPError as error:
                logger.warning("%s: poll failed: %s", self.name, error)
            time.sleep(interval)

    def _advance(self, work_order: dict) -> int:
        wo_id, status = work_order["id"], work_order["status"]
        if status == "offered":
            return self._post(f"work-orders/{wo_id}/accept/", {}, work_order)
        step = NEXT_EVENT.get(status)
        if step == "started":
            return self._post(f"work-orders/{wo_id}/events/", {"type": "started"}, work_order)
        if step == "qc":
            failed = self.rng.random() < self.qc_failure_rate
            body = (
                {"type": "qc_failed", "reason": "Print misaligned; reprinting."}
                if failed
                else {"type": "qc_passed"}
            )
            return self._post(f"work-orders/{wo_id}/events/", body, work_order)
        if step == "shipped":
            body = {
                "type": "shipped",
                "carrier": self.rng.choice(CARRIERS),
                "tracking_number": f"{self.rng.randrange(10**11, 10**12)}",
                "packages": [{"weight_kg": round(0.3 * work_order["quantity"], 2)}],
            }
            return self._post(f"work-orders/{wo_id}/events/", body, work_order)
        return 0

    def _post(self, path: str, body: dict, work_order: dict) -> int:
        response = self.client.post(
            path,
            json=body,
            headers={
                "Idempotency-Key": str(uuid.uuid4()),
                "If-Match": f'"{work_order["version"]}"',
            },
        )
        if response.status_code in (409, 412):
            return 0  # someone else moved it on; the next poll sees where it is now
        response.raise_for_status()
        logger.info("%s: %s %s", self.name, work_order["number"], path.rsplit("/", 2)[-2])
        return 1
