"""`wayfinder init`: create the data directory, migrate the database, create the owner.

Safe to run again: a second run applies only what is missing and says so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import shlex
import shutil
import sqlite3
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from wayfinder.cli import CommandError, setup_django
from wayfinder.cli.errors import error_line
from wayfinder.environment import data_dir, database_url, owner_only_files, sqlite_path


def _describe_database() -> str:
    url = database_url()
    if url:
        parts = urlsplit(url)
        # Never echo a password: name the server and database only.
        host = parts.hostname or "localhost"
        port = f":{parts.port}" if parts.port else ""
        return f"PostgreSQL database {parts.path.lstrip('/')!r} on {host}{port}"
    return f"SQLite {sqlite3.sqlite_version}, data directory {data_dir()}"


def _check_time_zone(name: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise CommandError(f"unknown time zone {name!r}: use a name like Europe/London") from None
    return name


def _default_username() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        raise CommandError("cannot tell your login name: pass --username") from None


def _backup_before_migrating(no_backup: bool) -> Path | None:
    """A copy of the database as it was, before migrations change it; None if skipped."""
    if no_backup:
        return None
    from wayfinder.cli.commands.backup import pg_dump_command, sqlite_backup

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    url = database_url()
    target = data_dir() / "backups" / f"wayfinder-before-migrating-{stamp}"
    if not url:
        target = target.with_suffix(".sqlite3")
        try:
            sqlite_backup(sqlite_path(), target)
        except (OSError, sqlite3.Error) as error:
            raise CommandError(
                f"cannot back up the database before migrating it ({error_line(error)}); "
                "nothing was changed"
            ) from None
        return target
    target = target.with_suffix(".dump")
    command = pg_dump_command(url, str(target))
    advice = f"back it up with `{command}`, then run `wayfinder init --no-backup`"
    if shutil.which("pg_dump") is None:
        raise CommandError(f"pg_dump is not installed, so init cannot take a backup: {advice}")
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    password = urlsplit(url).password
    env = {**os.environ, **({"PGPASSWORD": unquote(password)} if password else {})}
    done = subprocess.run(shlex.split(command), env=env, capture_output=True, text=True)
    if done.returncode != 0:
        target.unlink(missing_ok=True)
        reason = error_line(Exception(done.stderr))
        raise CommandError(f"the backup before migrating failed ({reason}): {advice}")
    return target


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--username", help="the owner's username (default: your login name)")
    parser.add_argument("--name", help="the owner's display name")
    parser.add_argument("--time-zone", help="the owner's time zone, e.g. Europe/London")
    parser.add_argument(
        "--no-backup",
        action="store_true",
        help="migrate without the copy init takes first (when you took your own)",
    )


def run(args: argparse.Namespace) -> int:
    # Everything init creates (the data directory, the database, the secret key) holds
    # private data: readable by the owner only, from the first byte.
    with owner_only_files():
        return _init(args)


def _init(args: argparse.Namespace) -> int:
    time_zone = _check_time_zone(args.time_zone) if args.time_zone else None
    print(f"Wayfinder init: {_describe_database()}")
    setup_django()
    from django.core.management import call_command
    from django.db import DatabaseError, connection
    from django.db.migrations.executor import MigrationExecutor

    from wayfinder.core.models import Profile
    from wayfinder.core.services import OwnerError, owner_create

    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            # An upgrade: keep the database as it was, in case the new version disappoints.
            if executor.loader.applied_migrations:
                copy = _backup_before_migrating(args.no_backup)
                if copy:
                    print(f"Backed up the database to {copy} before migrating it.")
            call_command("migrate", interactive=False, verbosity=0)
            print(f"Applied {len(pending)} migration(s).")
        else:
            print("Database schema is up to date.")
        first = Profile.objects.select_related("user").order_by("id").first()
        if first is not None:
            others = Profile.objects.count() - 1
            also = f" and {others} more" if others else ""
            print(f"Owner {first.user.get_username()!r}{also} already set up: nothing else to do.")
            if args.username or args.name or time_zone:
                print("--username, --name and --time-zone apply only to a new owner; ignored.")
            return 0
        profile = owner_create(
            username=args.username or _default_username(),
            display_name=(args.name or "").strip(),
            time_zone=time_zone or "UTC",
        )
    except OwnerError as error:
        raise CommandError(str(error)) from None
    except DatabaseError as error:
        raise CommandError(f"cannot set up the database: {error_line(error)}") from None
    username = profile.user.get_username()
    print(f"Created the owner account {username!r} (time zone {profile.time_zone}).")
    if database_url():
        # A shared server prints no links in its log: the first sign-in link comes from here.
        from django.urls import reverse
        from django.utils import timezone

        from wayfinder.accounts.services import LINK_LIFETIME, signin_link_create

        token = signin_link_create(user=profile.user, now=timezone.now())
        path = reverse("accounts:signin-link", args=[token])
        minutes = int(LINK_LIFETIME.total_seconds() // 60)
        print(f"Sign in within {minutes} minutes by opening {path} on your Wayfinder server.")
    else:
        print("Run `wayfinder serve` and open the sign-in link it prints.")
    return 0
