import os

from django.core.wsgi import get_wsgi_application

# Production unless told otherwise (the demo and the tests name their own settings).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "c2m.settings.production")
application = get_wsgi_application()
