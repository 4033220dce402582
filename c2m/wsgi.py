import os

from django.core.wsgi import get_wsgi_application

# Production unless told otherwise (the demo and the tests name their own settings).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "c2m.settings.production")
django_application = get_wsgi_application()

from production.api.poll_shortcut import PollShortcut  # noqa: E402 (needs Django set up)

# Factory polls are answered in front of Django's request handling, as Django answers them.
application = PollShortcut(django_application)
