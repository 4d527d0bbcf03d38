"""Running the background jobs a test enqueued, whichever database it runs on."""

from __future__ import annotations

from django.core.management import call_command

from wayfinder.core.jobs import jobs_queued


def jobs_run() -> None:
    """Run the queued jobs, as `wayfinder worker` does on PostgreSQL; on SQLite each job ran
        when it was enqueued, so there is nothing left to run. The worker closes the database
    connection when it is done, so a test that calls this needs `django_db(transaction=True)`."""
    if jobs_queued():
        call_command("db_worker", batch=True, interval=0, verbosity=0)
