"""Settings for bench/factory_api_bench.py only: production-like, bench URLconf, no throttle."""

from c2m.settings.demo import *  # noqa: F403
from c2m.settings.demo import DATABASES, LOGGING

DEBUG = False
ROOT_URLCONF = "bench.urls"
FACTORY_API_THROTTLE_RATE = "100000000/min"
DATABASES["default"]["CONN_MAX_AGE"] = 600
LOGGING["root"]["level"] = "WARNING"
LOGGING["loggers"] = {"django.server": {"level": "ERROR"}, "django.request": {"level": "ERROR"}}
