"""`wayfinder backup`: a consistent copy of the SQLite database, safe while serving.

Uses SQLite's online backup API, which copies a single snapshot even while the web app
or a capture writes. On PostgreSQL the right tool is `pg_dump`: the command is printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shlex
import sqlite3
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from wayfinder.cli import CommandError
from wayfinder.cli.errors import error_line
from wayfinder.environment import data_dir, database_url, sqlite_path
from wayfinder.portability.backup import sqlite_backup


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def _url_without_password(url: str) -> str:
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = "@".join(
        filter(None, [parts.username or "", host + (f":{parts.port}" if parts.port else "")])
    )
    return urlunsplit(("postgresql", netloc, parts.path, parts.query, ""))


def pg_dump_command(url: str, output: str) -> str:
    """The pg_dump command for this database URL, with any password left out."""
    safe_url = _url_without_password(url)
    return shlex.join(["pg_dump", "--format=custom", f"--file={output}", f"--dbname={safe_url}"])


def pg_restore_command(url: str, dump: str) -> str:
    """The pg_restore command that puts a `pg_dump` file back, with any password left out."""
    safe_url = _url_without_password(url)
    return shlex.join(
        ["pg_restore", "--clean", "--if-exists", "--no-owner", f"--dbname={safe_url}", dump]
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", help="where to write the copy")


def run(args: argparse.Namespace) -> int:
    url = database_url()
    if url:
        output = args.output or f"wayfinder-{_stamp()}.dump"
        print("Wayfinder runs on PostgreSQL; back it up with:")
        print(pg_dump_command(url, output))
        if urlsplit(url).password:
            print("(pg_dump asks for the password, or reads PGPASSWORD or ~/.pgpass)")
        return 0
    source = sqlite_path()
    if not source.is_file():
        raise CommandError(f"no database at {source}: run `wayfinder init` first")
    if args.output:
        target = Path(args.output).expanduser().resolve()
    else:
        target = data_dir() / "backups" / f"wayfinder-{_stamp()}.sqlite3"
    if target.exists():
        raise CommandError(f"{target} already exists: choose another file with -o")
    try:
        sqlite_backup(source, target)
    except FileExistsError:
        raise CommandError(f"{target} already exists: choose another file with -o") from None
    except (OSError, sqlite3.Error) as error:
        raise CommandError(f"backup failed: {error_line(error)}") from None
    print(target)
    return 0
