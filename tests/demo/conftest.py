"""The reference agent works on work orders offered the way production offers them."""

from tests.production.api.conftest import make_offered, offered  # noqa: F401 - fixtures
