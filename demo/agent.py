"""A reference partner-factory agent: polls the factory API and works its orders.

It depends on nothing but ``httpx`` (and the standard library) so partners can read it as
example code. Each pass accepts new offers, starts accepted work, passes (or now and then
fails) QC, reprints what failed and checks it again, and ships only what passed QC: the
API answers 409 to a shipment before QC. It shows the habits the API rewards:

- poll with ``If-None-Match``: an idle poll is an empty ``304``;
- honour ``429`` and ``503`` + ``Retry-After``;
- send ``If-Match`` with the version you acted on, and an ``Idempotency-Key`` derived from
  (work order, version, action) so a retry after a timeout can never act twice;
- verify webhook signatures with ``verify_webhook`` if you take pushes.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import random
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

logger = logging.getLogger("factory_agent")

# The next event for each status the agent works on, in the order work flows.
NEXT_EVENT = {
    "accepted": "started",
    "in_production": "qc",
    "qc_failed": "reprint",
    "qc_passed": "shipped",
}
CARRIERS = ["SF Express", "JD Logistics", "EMS", "DHL"]
POLLED = ("offered", *NEXT_EVENT)


def verify_webhook(
    *, secret: str, headers: Mapping[str, str], body: bytes, tolerance: int = 300
) -> bool:
    """True for a genuine, fresh push: HMAC-SHA256 over ``{id}.{timestamp}.{raw body}``."""
    try:
        event_id, stamp = headers["Webhook-Id"], int(headers["Webhook-Timestamp"])
        given = headers["Webhook-Signature"]
    except (KeyError, ValueError):
        return False
    if abs(time.time() - stamp) > tolerance:
        return False
    signed = f"{event_id}.{stamp}.".encode() + body
    expected = "v1=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, given)


@dataclass
class FactoryAgent:
    api_url: str
    key: str
    name: str = "factory"
    qc_failure_rate: float = 0.05
    rng: random.Random = field(default_factory=random.Random)
    client: httpx.Client | None = None
    max_retries: int = 5
    etag: str | None = None
    cache: list[dict] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.client = self.client or httpx.Client(
            base_url=self.api_url.rstrip("/") + "/",
            headers={"Authorization": f"Api-Key {self.key}"},
            timeout=10,
        )

    def request(self, method: str, path: str, **kwargs) -> httpx.Response:
        """Send, waiting out ``429``s and retrying timeouts and 5xx with backoff.

        Retrying a POST is safe because every POST carries a stable ``Idempotency-Key``.
        """
        assert self.client is not None  # set in __post_init__
        last = None
        for attempt in range(self.max_retries):
            try:
                last = self.client.request(method, path, **kwargs)
            except httpx.TransportError as error:
                logger.warning("%s: %s %s failed (%s); retrying", self.name, method, path, error)
                time.sleep(min(2**attempt, 30) * 0.5)
                continue
            if last.status_code == 429:
                time.sleep(float(last.headers.get("Retry-After") or 1))
            elif last.status_code >= 500:
                # A 503 (the database briefly gone) says when to come back.
                time.sleep(float(last.headers.get("Retry-After") or min(2**attempt, 30) * 0.5))
            else:
                return last
        if last is not None:
            return last  # the caller's raise_for_status() reports it
        raise httpx.TransportError(f"{method} {path}: gave up after {self.max_retries} tries")

    def poll(self) -> list[dict]:
        """The open work, page by page; the last answer is reused while the ETag holds."""
        headers = {"If-None-Match": self.etag} if self.etag else {}
        params = [("status", s) for s in POLLED]
        response = self.request("GET", "work-orders/", params=params, headers=headers)
        if response.status_code == 304:
            return self.cache
        response.raise_for_status()
        body = response.json()
        results = list(body["results"])
        while body["next"]:
            page = self.request("GET", "work-orders/", params=[*params, ("cursor", body["next"])])
            page.raise_for_status()
            body = page.json()
            results += body["results"]
        self.etag, self.cache = response.headers.get("ETag"), results
        return results

    def run_once(self) -> int:
        """Make one pass over the factory's open work; return how many actions it took."""
        actions = sum(self._advance(work_order) for work_order in self.poll())
        if actions:
            self.etag = None  # our own writes changed the list
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
            return self._post(work_order, "accept/", {})
        step = NEXT_EVENT.get(status)
        if step == "started":
            return self._post(work_order, "events/", {"type": "started"})
        if step == "qc":
            failed = self.rng.random() < self.qc_failure_rate
            body: dict[str, Any] = (
                {"type": "qc_failed", "reason": "Print misaligned; reprinting."}
                if failed
                else {"type": "qc_passed"}
            )
            return self._post(work_order, "events/", body)
        if step == "reprint":
            return self._post(work_order, "events/", {"type": "reprint", "note": "Reprinting."})
        if step == "shipped":
            # Derived from the work order and version, so a retry sends the same body.
            parcel = random.Random(f"{wo_id}-{work_order['version']}")
            body = {
                "type": "shipped",
                "carrier": parcel.choice(CARRIERS),
                "tracking_number": f"{wo_id}{parcel.randrange(10**9, 10**10)}",
                "packages": [{"weight_kg": round(0.3 * work_order["quantity"], 2)}],
            }
            return self._post(work_order, "events/", body)
        return 0

    def _post(self, work_order: dict, action: str, body: dict) -> int:
        wo_id, version = work_order["id"], work_order["version"]
        # One key per (work order, version, action): the same intent always reuses it.
        key = f"{self.name}-{wo_id}-v{version}-{action.strip('/')}"
        response = self.request(
            "POST",
            f"work-orders/{wo_id}/{action}",
            json=body,
            headers={"Idempotency-Key": key, "If-Match": f'"{version}"'},
        )
        if response.status_code in (409, 412):
            return 0  # someone else moved it on; the next poll sees where it is now
        response.raise_for_status()
        logger.info("%s: %s %s", self.name, work_order["number"], body.get("type", action))
        return 1
