"""Test settings: the demo's development values on PostgreSQL and Redis as in production,
only faster."""

import os

from .demo import *  # noqa: F403
from .demo import env

DEBUG = False
# The production rates, not the demo's (tests of many checkouts set their own).
REQUEST_RATES = {**REQUEST_RATES, "checkout": env.str("RATE_CHECKOUT", default="20/h")}  # noqa: F405
DATABASES = {"default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/c2m")}
# Closed after each request unless a run asks otherwise: the fault tests' web servers keep
# them, as production does, to prove a connection dropped under them is replaced.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Django's test outbox; a test of a real mail server gives its worker the SMTP backend.
EMAIL_BACKEND = env.str(
    "C2M_TEST_EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend"
)
CELERY_TASK_ALWAYS_EAGER = False

# Each test run talks to its own queue, so a demo or another run on the same Redis never
# steals its messages; the worker subprocess is started on the same queue.
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default=f"c2m-test-{os.getpid()}")
