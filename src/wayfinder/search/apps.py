from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate


def _no_private_field_indexed(app_configs, **kwargs) -> list[checks.Error]:
    from wayfinder.search.documents import private_field_problems

    return [checks.Error(problem, id="search.E001") for problem in private_field_problems()]


def _ensure_index(sender, using, **kwargs) -> None:
    from django.db import connections

    from wayfinder.search.index import ensure_sqlite_index

    ensure_sqlite_index(connections[using])


class SearchConfig(AppConfig):
    name = "wayfinder.search"
    label = "search"

    def ready(self) -> None:
        # No sender: Django sends post_migrate only for apps with models, and this one has
        # none. The check is two reads of sqlite_master when nothing is missing.
        post_migrate.connect(_ensure_index, dispatch_uid="wayfinder-search-index")
        checks.register(_no_private_field_indexed)
