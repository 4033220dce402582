"""Settings of bench/load_run.py's web servers and workers: the test settings (PostgreSQL,
Redis, sandbox card, persistent connections from CONN_MAX_AGE) without the factory API's
per-key throttle and the per-address request rates, which would otherwise turn the plants'
tight polling and the shoppers' checkouts (all from 127.0.0.1) into 429s."""

from c2m.settings.test import *  # noqa: F403

FACTORY_API_THROTTLE_RATE = "100000000/min"
# Every shopper and plant of the load run comes from 127.0.0.1: no per-address rate applies.
REQUEST_RATES = dict.fromkeys(REQUEST_RATES, "100000000/min")  # noqa: F405
