from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running Wayfinder on more than one machine: background jobs, health and readiness."""

    name = "wayfinder.operations"
    label = "operations"
    verbose_name = "Operations"

    def ready(self) -> None:
        # The job queue's rows hold what a job is given: an owner's id, an invitation's
        # address and, until it is sent, its one-time link. The instance administrator
        # never sees an owner's record (tests/test_admin.py), so the queue's own admin
        # pages are not offered; `wayfinder worker` reports what it ran.
        from django.contrib import admin
        from django_tasks_db.models import DBTaskResult

        if admin.site.is_registered(DBTaskResult):
            admin.site.unregister(DBTaskResult)
