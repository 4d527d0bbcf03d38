"""WSGI entry point used by `wayfinder serve` and by any production WSGI server."""

import os
import sys

from django.core.wsgi import get_wsgi_application

from wayfinder.environment import ConfigurationError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wayfinder.settings")

try:
    application = get_wsgi_application()
except ConfigurationError as error:
    # A bad setting is the operator's to fix: one line in the server's log, no traceback.
    # Exit status 3 is gunicorn's "worker failed to boot": it stops instead of retrying.
    print(f"wayfinder: configuration: {error}", file=sys.stderr)
    sys.exit(3)
