"""ASGI entry point. The WSGI one (c2m.wsgi) is what the README deploys."""

import os

from django.core.asgi import get_asgi_application

# Production unless told otherwise (the demo and the tests name their own settings).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "c2m.settings.production")
application = get_asgi_application()
