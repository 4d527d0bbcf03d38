"""`wayfinder serve`: the web app under gunicorn, the same code path as in production."""

from __future__ import annotations

import argparse
import gc
import logging
import sqlite3
from contextlib import nullcontext

from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

from wayfinder.cli import CommandError, setup_django
from wayfinder.cli.errors import error_line
from wayfinder.core.logs import RedactSecrets, redact
from wayfinder.environment import data_dir, database_url, sqlite_path
from wayfinder.portability.restore import RestoreError, server_lock

logger = logging.getLogger("wayfinder.serve")


class AccessLog(Logger):
    """Gunicorn's logger, but no sign-in token or search term reaches its logs.

    Every value an access-log line can be made of (the request line, path, query, referer
    and the other headers) is redacted, so no access-log format can bring them back; the
    error log's lines ("Error handling request …") are redacted as they are written.
    """

    def setup(self, cfg) -> None:
        super().setup(cfg)
        if not any(isinstance(f, RedactSecrets) for f in self.error_log.filters):
            self.error_log.addFilter(RedactSecrets())

    def atoms(self, resp, req, environ, request_time) -> dict[str, object]:
        atoms = super().atoms(resp, req, environ, request_time)
        return {name: redact(v) if isinstance(v, str) else v for name, v in atoms.items()}


class WayfinderServer(BaseApplication):
    """Gunicorn configured from our arguments, not from its own command line."""

    def __init__(self, options: dict[str, object]):
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for name, value in self.options.items():
            self.cfg.set(name, value)
        # Gunicorn >= 24 opens a control socket in the home directory by default; two
        # Wayfinder servers would fight over it and nothing here uses it.
        if "control_socket_disable" in self.cfg.settings:
            self.cfg.set("control_socket_disable", True)

    def load(self):
        from wayfinder.wsgi import application

        # Loaded once, in the master, before the workers fork: frozen, the objects the
        # import made are never scanned again by a worker's garbage collector (nor copied
        # into it by the scan touching them), which costs each request less CPU.
        gc.collect()
        gc.freeze()
        return application


def _check_database() -> None:
    """Refuse to serve a database `wayfinder init` has not prepared."""
    from django.db import DatabaseError, connections
    from django.db.migrations.executor import MigrationExecutor

    if not database_url() and not sqlite_path().is_file():
        raise CommandError(f"no database at {sqlite_path()}: run `wayfinder init` first")
    try:
        executor = MigrationExecutor(connections["default"])
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as error:
        raise CommandError(f"cannot read the database: {error_line(error)}") from None
    finally:
        # Workers are forked from this process: they must not inherit its connection.
        connections.close_all()
    if pending:
        raise CommandError(
            f"the database lacks {len(pending)} migration(s): run `wayfinder init` first"
        )


def _signin_url(base: str) -> str | None:
    """A one-time sign-in link for the single owner of a personal (SQLite) instance.

    Not on PostgreSQL: a shared server's log is no place for sign-in links.
    """
    if database_url():
        return None
    from django.db import connections
    from django.urls import reverse
    from django.utils import timezone

    from wayfinder.accounts.services import signin_link_create
    from wayfinder.core.models import Profile

    try:
        owners = list(Profile.objects.select_related("user")[:2])
        if len(owners) != 1:
            return None
        token = signin_link_create(user=owners[0].user, now=timezone.now())
        return base + reverse("accounts:signin-link", args=[token])
    finally:
        connections.close_all()


# It only reads the database: on a missing data directory it says so and creates nothing.
READS_ONLY = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on")
    parser.add_argument("--workers", type=int, default=2, help="worker processes")


def run(args: argparse.Namespace) -> int:
    if not 0 < args.port < 65536:
        raise CommandError(f"--port must be between 1 and 65535 (got {args.port})")
    if args.workers < 1:
        raise CommandError(f"--workers must be at least 1 (got {args.workers})")
    setup_django()
    _check_database()
    host = f"[{args.host}]" if ":" in args.host else args.host
    base = f"http://{host}:{args.port}"
    if database_url():
        logger.info("Wayfinder on PostgreSQL at %s/", base)
    else:
        logger.info("Wayfinder at %s/ (SQLite %s, %s)", base, sqlite3.sqlite_version, sqlite_path())
    link = _signin_url(base)
    if link:
        from wayfinder.accounts.services import LINK_LIFETIME

        minutes = int(LINK_LIFETIME.total_seconds() // 60)
        logger.info("Sign in within %d minutes with this one-time link: %s", minutes, link)
    server = WayfinderServer(
        {
            "bind": f"{host}:{args.port}",
            "workers": args.workers,
            # The app is imported once, here: an error in it shows before any worker starts.
            "preload_app": True,
            "accesslog": "-",
            "logger_class": AccessLog,
            "errorlog": "-",
        }
    )
    # On SQLite, `wayfinder restore` refuses while this lock in the data dir is held.
    try:
        with nullcontext() if database_url() else server_lock(data_dir()):
            server.run()
    except RestoreError as error:
        raise CommandError(str(error)) from None
    return 0
