"""The `wayfinder` console script: a light dispatcher that never imports Django itself.

Each command lives in `wayfinder.cli.commands.<name>` and is imported only when run, so
quick capture (`win`, `met`) pays for nothing it does not use.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

# Commands that only read: on a missing data directory they say so and create nothing.
READ_ONLY_COMMANDS = frozenset({"export", "today", "digest", "serve"})
# Arguments that name files: any bytes the file system allows (os.fsencode gives them
# back). Every other argument is text and must be valid UTF-8.
PATH_ARGUMENTS = frozenset({"data_dir", "demo_data_dir", "output", "file"})


class CommandError(Exception):
    """A user mistake or an unmet precondition: printed as one line, exit status 1."""


class _Version(argparse.Action):
    """`--version`, read from the package metadata only when asked (it costs quick capture)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, **kwargs) -> None:
        super().__init__(option_strings, dest=dest, nargs=0, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        from wayfinder.cli.schema import wayfinder_version

        print(f"wayfinder {wayfinder_version()}")
        parser.exit(0)


def _date(text: str) -> str:
    import datetime as dt

    try:
        dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-23") from None
    return text


class _Formatter(argparse.HelpFormatter):
    """Help as wide as the terminal, measured without importing shutil.

    argparse makes a formatter for every argument declared, and the default one imports
    shutil (and with it bz2 and lzma) to measure the terminal: ~2.5 ms of every capture.
    """

    def __init__(self, prog: str) -> None:
        try:
            width = int(os.environ["COLUMNS"])
        except (KeyError, ValueError):
            try:
                width = os.get_terminal_size(sys.__stdout__.fileno()).columns
            except (AttributeError, ValueError, OSError):
                width = 80
        super().__init__(prog, width=width - 2)


class _Parser(argparse.ArgumentParser):
    """Usage mistakes are one line and exit status 1, like every other user error."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    # Unannotated (it never returns): `typing` would cost quick capture ~3 ms to import.
    def error(self, message: str):
        self.exit(1, f"{self.prog}: {message} (see `{self.prog} --help`)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="wayfinder",
        description="Wayfinder: your private career development system.",
    )
    parser.add_argument("--version", action=_Version, help="show the version and exit")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="the data directory to use (default: $WAYFINDER_DATA_DIR or your user data dir)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=help_text, description=help_text)

    init = command("init", "create the data directory, migrate it and create the owner account")
    init.add_argument("--username", help="the owner's username (default: your login name)")
    init.add_argument("--name", help="the owner's display name")
    init.add_argument("--time-zone", help="the owner's time zone, e.g. Europe/London")
    init.add_argument(
        "--no-backup",
        action="store_true",
        help="migrate without the copy init takes first (when you took your own)",
    )

    serve = command("serve", "serve the web app with a production WSGI server")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on")
    serve.add_argument("--workers", type=int, default=2, help="worker processes")

    demo = command("demo", "fill a data directory with the demo persona")
    demo.add_argument(
        "--scale",
        choices=["demo", "heavy"],
        default="demo",
        help="demo: a believable persona; heavy: ten years of data for benchmarks",
    )
    demo.add_argument("--data-dir", dest="demo_data_dir", metavar="DIR", help="where to put it")

    export = command("export", "export all your data as versioned JSON")
    export.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    export.add_argument("--owner", metavar="USERNAME", help="whose data (if several owners)")

    import_ = command("import", "import a Wayfinder JSON export (validated first, all or nothing)")
    import_.add_argument("file", metavar="FILE", help="the export to import ('-' for stdin)")
    import_.add_argument("--owner", metavar="USERNAME", help="whose data (if several owners)")

    backup = command("backup", "take a consistent copy of the database, even while serving")
    backup.add_argument("-o", "--output", metavar="FILE", help="where to write the copy")

    restore = command("restore", "put a backup back in place of the database (checked first)")
    restore.add_argument("file", metavar="FILE", help="the backup to restore")

    win = command("win", "quick capture: log a win")
    win.add_argument("text", metavar="TEXT", help="what happened, in a line")
    win.add_argument("--result", default="", help="the result, in words")
    win.add_argument(
        "--metric",
        action="append",
        default=[],
        help="a number and unit showing the result, e.g. '30 %%' (repeatable)",
    )
    win.add_argument("--skill", action="append", default=[], help="a skill it shows (repeatable)")
    win.add_argument("--date", type=_date, help="when it happened (default: today)")
    win.add_argument("--owner", metavar="USERNAME", help="whose log (if several owners)")

    met = command("met", "quick capture: log an interaction with someone")
    met.add_argument("person", metavar="PERSON", help="who you met (created if unknown)")
    met.add_argument("notes", metavar="NOTES", help="what you talked about")
    met.add_argument(
        "--kind",
        default="other",
        help="coffee, 1:1, informational, mentoring, sponsor, meeting, message, event, other",
    )
    met.add_argument("--date", type=_date, help="when (default: today)")
    met.add_argument(
        "--new", action="store_true", help="add PERSON as new even if a similar name exists"
    )
    met.add_argument("--owner", metavar="USERNAME", help="whose log (if several owners)")
    today = command("today", "what needs attention and what is due this week")
    today.add_argument("--json", action="store_true", help="print it as JSON (docs/guidance.md)")
    today.add_argument(
        "--base-url",
        default="",
        metavar="URL",
        help="put links in front of page paths, e.g. http://127.0.0.1:8000",
    )
    today.add_argument("--owner", metavar="USERNAME", help="whose week (if several owners)")

    digest = command("digest", "email the weekly digest (safe for cron), or print it")
    digest.add_argument(
        "--stdout", action="store_true", help="print the plain-text digest instead of sending it"
    )
    digest.add_argument("--owner", metavar="USERNAME", help="whose digest (if several owners)")

    return parser


def _check_arguments(args: argparse.Namespace) -> None:
    """Refuse NUL bytes anywhere and non-UTF-8 bytes in text, before anything is written.

    Python hands undecodable argument bytes over as lone surrogates (surrogateescape):
    they would fail later, half-way through a write.
    """
    for name, value in vars(args).items():
        for text in value if isinstance(value, list) else [value]:
            if not isinstance(text, str):
                continue
            if "\0" in text:
                raise CommandError(f"{text!r} contains a NUL byte, which Wayfinder does not store")
            if name in PATH_ARGUMENTS:
                continue
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                shown = text.encode("utf-8", "surrogateescape")
                raise CommandError(
                    f"{shown!r} is not UTF-8 text: check your terminal's character encoding"
                ) from None


def _check_data_dir(command: str) -> None:
    """A data directory that is a file, or missing for a command that only reads: say so."""
    from wayfinder.environment import data_dir, database_url, sqlite_path

    if database_url() or _django_configured():
        return
    directory = data_dir()
    if directory.exists() and not directory.is_dir():
        raise CommandError(f"the data directory {directory} is not a directory")
    if command in READ_ONLY_COMMANDS and not sqlite_path(directory).is_file():
        what = "no Wayfinder database in" if directory.is_dir() else "no data directory at"
        raise CommandError(f"{what} {directory}: run `wayfinder init` first, or pass --data-dir")


def _django_configured() -> bool:
    """Django already set up in this process (when called from Python): its database counts."""
    conf = sys.modules.get("django.conf")
    return conf is not None and conf.settings.configured


def _run(args: argparse.Namespace) -> int:
    _check_arguments(args)
    if args.data_dir:
        os.environ["WAYFINDER_DATA_DIR"] = os.path.abspath(os.path.expanduser(args.data_dir))
    if getattr(args, "demo_data_dir", None):
        os.environ["WAYFINDER_DATA_DIR"] = os.path.abspath(os.path.expanduser(args.demo_data_dir))
    _check_data_dir(args.command)
    from importlib import import_module

    module = import_module(f"wayfinder.cli.commands.{args.command}")
    status = module.run(args) or 0
    # Written out here, so a full disk or a closed pipe is reported, not lost at exit.
    sys.stdout.flush()
    return status


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`wayfinder export | head`): not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:  # every error is one line, never a traceback
        if os.environ.get("WAYFINDER_TRACEBACK"):
            raise
        print(f"wayfinder {args.command}: {_error_line(error)}", file=sys.stderr)
        return 1


def _error_line(error: Exception) -> str:
    """One line for any error: the person's mistake, the system's state, or our bug."""
    from wayfinder.cli.errors import (
        database_error_line,
        error_line,
        is_database_error,
        os_error_line,
    )
    from wayfinder.environment import ConfigurationError

    if isinstance(error, CommandError):
        return str(error)
    if isinstance(error, ConfigurationError):
        return f"configuration: {error}"
    if is_database_error(error):
        return database_error_line(error)
    if isinstance(error, OSError):
        return os_error_line(error)
    if isinstance(error, RecursionError):
        return "the input is nested too deeply to read; nothing was changed"
    if isinstance(error, UnicodeEncodeError) and "surrogate" in str(error):
        return "text that is not valid UTF-8 cannot be stored; nothing was changed"
    if isinstance(error, MemoryError):
        return "out of memory; nothing was changed"
    return (
        f"unexpected error ({type(error).__name__}: {error_line(error)}); "
        "please report it (set WAYFINDER_TRACEBACK=1 to see the details)"
    )


def setup_django() -> None:
    """Configure Django once, for the commands that need it, and check the schema.

    A database written by a newer Wayfinder is refused here, before any command reads
    or writes it.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wayfinder.settings")
    import django

    django.setup()
    from django.db import DatabaseError

    from wayfinder.cli.errors import database_error_line
    from wayfinder.cli.schema import django_unknown_migrations, newer_schema_message

    try:
        unknown = django_unknown_migrations()
    except DatabaseError as error:
        raise CommandError(database_error_line(error)) from None
    if unknown:
        raise CommandError(newer_schema_message(unknown))
