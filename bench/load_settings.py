"""Settings of bench/load_run.py's web servers and workers: the test settings (PostgreSQL,
Redis, sandbox card, persistent connections from CONN_MAX_AGE) without the factory API's
per-key throttle, which would otherwise turn the plants' tight polling into 429s."""

from c2m.settings.test import *  # noqa: F403

FACTORY_API_THROTTLE_RATE = "100000000/min"
