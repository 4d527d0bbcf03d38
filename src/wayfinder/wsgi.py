"""WSGI entry point used by `wayfinder serve` and by any production WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wayfinder.settings")

application = get_wsgi_application()
