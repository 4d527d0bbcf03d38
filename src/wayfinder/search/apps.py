from django.apps import AppConfig
from django.db.models.signals import post_migrate


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
