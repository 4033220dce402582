import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "c2m.settings.base")
django_application = get_wsgi_application()

from production.api.idle_poll import IdlePollShortcut  # noqa: E402 (needs Django set up)

# Unchanged factory polls are answered with 304 before Django's request handling.
application = IdlePollShortcut(django_application)
