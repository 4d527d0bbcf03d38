"""The `wayfinder` console script: a light dispatcher that never imports Django itself.

Each command lives in `wayfinder.cli.commands.<name>`: its `add_arguments(parser)` declares
its arguments and its `run(args)` does the work. The dispatcher only wires them, and
imports the one module of the command being run, so quick capture (`win`, `met`) pays
for nothing it does not use. A command module may also declare `READS_ONLY = True` (on
a missing data directory it says so and creates nothing) and `PATH_ARGUMENTS`, the
arguments that name files.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

# Each command and its one-line help, in the order `wayfinder --help` lists them.
COMMANDS = {
    "init": "create the data directory, migrate it and create the owner account",
    "serve": "serve the web app with a production WSGI server",
    "demo": "fill a data directory with the demo persona",
    "export": "export all your data as versioned JSON",
    "import": "import a Wayfinder JSON export (validated first, all or nothing)",
    "backup": "take a consistent copy of the database, even while serving",
    "restore": "put a backup back in place of the database (checked first)",
    "win": "quick capture: log a win",
    "met": "quick capture: log an interaction with someone",
    "people": "import people (LinkedIn, CSV, vCard) or export them as vCards",
    "ladder": "import a career ladder as your company publishes it (YAML, Markdown, CSV)",
    "brag": "import a brag document as you wrote it (Markdown): wins, goals, actions",
    "share": "share sections of your record with a helper; list, revoke; make a share pack",
    "calendar": "your calendar feed: its address (shown once), rotate, off, or write it to a file",
    "owner": "a shared instance's owners: invite, list, deactivate, reactivate, delete",
    "today": "what needs attention and what is due this week",
    "digest": "email the weekly digest (safe for cron), or print it",
    "notices": "email owners whose shares end within a week (safe for cron, daily)",
    "worker": "run the background jobs from the PostgreSQL queue (digests, notices, emails)",
    "token": "personal access tokens for the JSON API: create (shown once), list, revoke",
}
# Arguments that name files: any bytes the file system allows (os.fsencode gives them
# back). Every other argument is text and must be valid UTF-8.
PATH_ARGUMENTS = frozenset({"data_dir"})


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


def date_text(text: str) -> str:
    """An argument's date, checked as it is parsed; the command reads it with fromisoformat."""
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
                # No stdout at all (pythonw): -1 is no terminal, an OSError like any other.
                stdout = sys.__stdout__.fileno() if sys.__stdout__ is not None else -1
                width = os.get_terminal_size(stdout).columns
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


def command_module(name: str):
    """The module of the command `name` (imported on first use)."""
    # __import__ rather than importlib.import_module: `-X importtime` reports its cost.
    module = f"wayfinder.cli.commands.{name}"
    __import__(module)
    return sys.modules[module]


class _Prescan(argparse.ArgumentParser):
    def error(self, message: str):
        raise ValueError(message)


def _command_named(argv: Sequence[str] | None) -> str | None:
    """The command the arguments name, read as the full parser will, before it is built."""
    prescan = _Prescan(add_help=False)
    prescan.add_argument("--data-dir")
    prescan.add_argument("command", nargs="?")
    try:
        known, _ = prescan.parse_known_args(argv)
    except ValueError:
        return None  # the full parser reports the mistake
    return known.command if known.command in COMMANDS else None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser for every command, with the arguments of `command` (one module imported)."""
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
    for name, help_text in COMMANDS.items():
        sub = commands.add_parser(name, help=help_text, description=help_text)
        if name == command:
            command_module(name).add_arguments(sub)
    return parser


def _check_arguments(args: argparse.Namespace, paths: frozenset[str]) -> None:
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
            if name in paths:
                continue
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                shown = text.encode("utf-8", "surrogateescape")
                raise CommandError(
                    f"{shown!r} is not UTF-8 text: check your terminal's character encoding"
                ) from None


def _check_data_dir(reads_only: bool) -> None:
    """A data directory that is a file, or missing for a command that only reads: say so."""
    from wayfinder.environment import data_dir, database_url, sqlite_path

    if database_url() or _django_configured():
        return
    directory = data_dir()
    if directory.exists() and not directory.is_dir():
        raise CommandError(f"the data directory {directory} is not a directory")
    if reads_only and not sqlite_path(directory).is_file():
        what = "no Wayfinder database in" if directory.is_dir() else "no data directory at"
        raise CommandError(f"{what} {directory}: run `wayfinder init` first, or pass --data-dir")


def _django_configured() -> bool:
    """Django already set up in this process (when called from Python): its database counts."""
    conf = sys.modules.get("django.conf")
    return conf is not None and conf.settings.configured


def _run(args: argparse.Namespace) -> int:
    module = command_module(args.command)
    _check_arguments(args, PATH_ARGUMENTS | getattr(module, "PATH_ARGUMENTS", frozenset()))
    if args.data_dir:
        os.environ["WAYFINDER_DATA_DIR"] = os.path.abspath(os.path.expanduser(args.data_dir))
    if getattr(args, "demo_data_dir", None):
        os.environ["WAYFINDER_DATA_DIR"] = os.path.abspath(os.path.expanduser(args.demo_data_dir))
    _check_data_dir(getattr(module, "READS_ONLY", False))
    status = module.run(args) or 0
    # Written out here, so a full disk or a closed pipe is reported, not lost at exit.
    sys.stdout.flush()
    return status


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser(_command_named(argv))
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
