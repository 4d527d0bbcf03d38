"""Reading Wayfinder's configuration from the environment.

Kept free of Django imports: the quick-capture commands use it to find the database
without starting Django.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


class ConfigurationError(ValueError):
    """A setting in the environment has a value Wayfinder cannot use."""


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ConfigurationError(f"{name} must be one of 1/0, true/false, yes/no, on/off (got {raw!r})")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw.strip())
    except ValueError:
        raise ConfigurationError(f"{name} must be a whole number (got {raw!r})") from None


def env_secret(name: str, default: str = "") -> str:
    """A secret from NAME, or from the file named by NAME_FILE (e.g. a container secret)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).expanduser().read_text(encoding="utf-8").strip()
        except OSError as error:
            raise ConfigurationError(
                f"{name}_FILE: cannot read {path!r} ({error.strerror})"
            ) from None
        except UnicodeDecodeError:
            raise ConfigurationError(f"{name}_FILE: {path!r} is not UTF-8 text") from None
    return os.environ.get(name, default)


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_signup(name: str) -> str:
    """Who may sign up as an owner: `invite` (the default: only through an invitation),
    `open` (anyone), or `domain:example.com` (addresses at one of the comma-separated
    domains). Returned in a normal form: lower case, no spaces."""
    raw = os.environ.get(name)
    value = (raw or "invite").strip().lower().replace(" ", "")
    if value in {"invite", "open"}:
        return value
    if value.startswith("domain:"):
        domains = [d.lstrip("@") for d in value.removeprefix("domain:").split(",") if d]
        if domains and all("." in d and "@" not in d for d in domains):
            return "domain:" + ",".join(domains)
    raise ConfigurationError(f"{name} must be invite, open or domain:example.com (got {raw!r})")


def data_dir() -> Path:
    """The folder holding the SQLite database, the secret key and backups."""
    configured = os.environ.get("WAYFINDER_DATA_DIR")
    if configured:
        return Path(configured).expanduser().resolve()
    if sys.platform.startswith("linux"):
        # What platformdirs answers on Linux (XDG), without importing it: quick capture
        # starts a fresh process every time, and the import is a tenth of its start-up.
        base = os.environ.get("XDG_DATA_HOME", "").strip() or os.path.expanduser("~/.local/share")
        return Path(base) / "wayfinder"
    from platformdirs import user_data_dir

    return Path(user_data_dir("wayfinder", appauthor=False))


# The data directory holds private notes and a live session key: its owner only.
PRIVATE_DIR_MODE = 0o700
# What SQLite, the secret key and backups create under owner_only_files(): mode 0600.
OWNER_ONLY_UMASK = 0o077


@contextmanager
def owner_only_files() -> Iterator[None]:
    """Files created inside are readable by their owner only, from the first byte.

    SQLite creates its -wal and -shm files with the database file's own mode, so a
    database created here keeps them private too.
    """
    previous = os.umask(OWNER_ONLY_UMASK)
    try:
        yield
    finally:
        os.umask(previous)


def data_dir_make_private(directory: Path) -> None:
    """Create the data directory with mode 0700, or tighten one others can enter."""
    with owner_only_files():
        directory.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    mode = stat.S_IMODE(directory.stat().st_mode)
    if not mode & 0o077:
        return
    import logging  # only when there is something to say: quick capture never gets here

    log = logging.getLogger("wayfinder.environment")
    try:
        directory.chmod(mode & ~0o077)
    except OSError as error:
        log.warning(
            "the data directory %s is open to other users (mode %04o) and cannot be made "
            "private (%s): run `chmod 700 %s`",
            directory,
            mode,
            error.strerror,
            directory,
        )
    else:
        log.warning(
            "the data directory %s was open to other users (mode %04o): made it private (%04o)",
            directory,
            mode,
            mode & ~0o077,
        )


def sqlite_path(directory: Path | None = None) -> Path:
    return (directory or data_dir()) / "wayfinder.sqlite3"


POSTGRESQL_SCHEMES = ("postgres", "postgresql", "pgsql")


def database_url() -> str | None:
    """DATABASE_URL, checked to be a PostgreSQL URL (never echoed: it may hold a password)."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return None
    from urllib.parse import urlsplit  # only with DATABASE_URL set: capture on SQLite skips it

    expected = "DATABASE_URL must be a PostgreSQL URL like postgres://user@host:5432/wayfinder"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError as error:
        raise ConfigurationError(f"{expected} ({error})") from None
    if parts.scheme not in POSTGRESQL_SCHEMES:
        got = f"scheme {parts.scheme!r}" if parts.scheme else "no scheme"
        raise ConfigurationError(f"{expected} (got {got})")
    if not parts.path.strip("/"):
        raise ConfigurationError(f"{expected} (the database name is missing)")
    return url


def secret_key(directory: Path) -> str:
    """The secret key from the environment, or one generated once and kept in the data dir."""
    configured = os.environ.get("WAYFINDER_SECRET_KEY")
    if configured:
        return configured
    key_file = directory / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    import secrets  # only on first start: quick capture never needs it

    data_dir_make_private(directory)
    key = secrets.token_urlsafe(50)
    # Create with 0600 from the start so the key is never readable by others.
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


CACHE_SCHEMES = ("redis", "rediss", "unix")


def cache_url() -> str | None:
    """WAYFINDER_CACHE_URL, checked to be a Redis URL (never echoed: it may hold a password).

    Unset, the cache is the database's own table on PostgreSQL, process memory on SQLite."""
    url = os.environ.get("WAYFINDER_CACHE_URL", "").strip()
    if not url:
        return None
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if scheme not in CACHE_SCHEMES:
        got = f"scheme {scheme!r}" if scheme else "no scheme"
        raise ConfigurationError(
            f"WAYFINDER_CACHE_URL must be a Redis URL like redis://127.0.0.1:6379/0 (got {got})"
        )
    return url
