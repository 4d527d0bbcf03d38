"""No traceback, ever: every command over bad inputs and environments is one line, exit 1.

Each case runs the real console script in a subprocess (see conftest.wayfinder) and checks
the exit status, that stderr is a single readable line, and that nothing was written.
A full disk and a read-only directory are real: small tmpfs mounts when running as root
(root ignores file modes), file modes otherwise.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from wayfinder.cli import main
from wayfinder.cli.tests.conftest import database, row_counts, wayfinder

ALL_COMMANDS = {
    "init": ("init",),
    "serve": ("serve", "--port", "8765"),
    "demo": ("demo",),
    "export": ("export",),
    "import": ("import", "{export}"),
    "backup": ("backup", "-o", "{tmp}/copy.sqlite3"),
    "win": ("win", "Shipped the pricing page"),
    "met": ("met", "Priya Raman", "Coffee about pricing"),
    "people": ("people", "import", "{export}", "--dry-run"),
    "today": ("today",),
    "digest": ("digest", "--stdout"),
}
# Commands that start Django and so read every setting (quick capture and backup do not).
DJANGO_COMMANDS = ["init", "serve", "demo", "export", "import", "today", "digest"]
READ_ONLY_COMMANDS = ["export", "today", "digest", "serve", "backup", "win", "met"]
NEWER = "wins.0999_from_a_newer_wayfinder"


def command(name: str, tmp_path: Path) -> list[str]:
    export = tmp_path / "export.json"
    if not export.exists():
        export.write_text(json.dumps({"format": "wayfinder", "version": 2}))
    return [arg.format(export=export, tmp=tmp_path) for arg in ALL_COMMANDS[name]]


def assert_one_line(done: subprocess.CompletedProcess, name: str, expected: str = "") -> None:
    assert done.returncode in (1, 2), (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert done.stderr.startswith(f"wayfinder {name}: ") or done.stderr.startswith("wayfinder: ")
    assert expected in done.stderr


BAD_SETTINGS = {
    "WAYFINDER_DEBUG": ("maybe", "WAYFINDER_DEBUG must be one of 1/0"),
    "WAYFINDER_SMTP_PORT": ("abc", "WAYFINDER_SMTP_PORT must be a whole number"),
    "WAYFINDER_SMTP_PASSWORD_FILE": (
        "/no/such/secret",
        "WAYFINDER_SMTP_PASSWORD_FILE: cannot read '/no/such/secret'",
    ),
}


# Every command with the first bad value; the other values with two commands (time).
@pytest.mark.parametrize(
    ("name", "setting"),
    [(name, "WAYFINDER_DEBUG") for name in DJANGO_COMMANDS]
    + [(name, setting) for setting in list(BAD_SETTINGS)[1:] for name in ("init", "today")],
)
def test_a_bad_setting_is_one_line(data_dir, tmp_path, name, setting):
    value, expected = BAD_SETTINGS[setting]
    before = row_counts(data_dir)

    done = wayfinder(data_dir, *command(name, tmp_path), env={setting: value})

    assert_one_line(done, name, f"configuration: {expected}")
    assert row_counts(data_dir) == before


@pytest.mark.parametrize(
    ("name", "url"),
    [(name, "notaurl") for name in ALL_COMMANDS]
    + [
        (name, url)
        for url in ("mysql://db/wayfinder", "postgres://h:port/db")
        for name in ("win", "today")
    ],
)
def test_a_database_url_that_is_not_postgresql_is_one_line(data_dir, tmp_path, name, url):
    done = wayfinder(data_dir, *command(name, tmp_path), env={"DATABASE_URL": url})

    assert_one_line(done, name, "DATABASE_URL must be a PostgreSQL URL")


@pytest.mark.parametrize("name", ALL_COMMANDS)
def test_a_data_dir_that_is_a_file_is_one_line(tmp_path, name):
    not_a_dir = tmp_path / "data"
    not_a_dir.write_text("a file")

    done = wayfinder(not_a_dir, *command(name, tmp_path))

    assert_one_line(done, name, f"the data directory {not_a_dir} is not a directory")


@pytest.mark.parametrize("name", READ_ONLY_COMMANDS)
def test_a_command_that_reads_creates_no_data_dir(tmp_path, name):
    missing = tmp_path / "nowhere"

    done = wayfinder(missing, *command(name, tmp_path))

    assert_one_line(done, name, "wayfinder init")
    assert not missing.exists()


def corrupt(data_dir: Path, how: str) -> None:
    path = data_dir / "wayfinder.sqlite3"
    raw = bytearray(path.read_bytes())
    if how == "header":
        raw[:100] = b"\x55" * 100
    else:  # every page after the first: tables and indexes are garbage
        raw[4096:] = b"\x55" * (len(raw) - 4096)
    path.write_bytes(bytes(raw))


@pytest.mark.parametrize(
    ("name", "how"),
    [(name, "pages") for name in ALL_COMMANDS]
    + [(name, "header") for name in ("init", "export", "backup", "win", "met")],
)
def test_a_corrupted_database_is_one_line_and_exit_1(data_dir, tmp_path, name, how):
    corrupt(data_dir, how)

    done = wayfinder(data_dir, *command(name, tmp_path))

    assert_one_line(done, name)


@pytest.mark.parametrize("name", ["win", "met"])
def test_quick_capture_on_a_corrupted_database_says_it_is_damaged(data_dir, tmp_path, name):
    corrupt(data_dir, "pages")

    done = wayfinder(data_dir, *command(name, tmp_path))

    assert_one_line(done, name, "the database is damaged")


def newer_schema(data_dir: Path) -> None:
    with database(data_dir) as connection:
        connection.execute(
            "INSERT INTO django_migrations (app, name, applied) VALUES (?, ?, ?)",
            (*NEWER.split("."), "2027-01-01 00:00:00"),
        )


@pytest.mark.parametrize("name", [n for n in ALL_COMMANDS if n != "backup"])
def test_every_command_refuses_a_database_of_a_newer_wayfinder(data_dir, tmp_path, name):
    newer_schema(data_dir)
    before = row_counts(data_dir)

    done = wayfinder(data_dir, *command(name, tmp_path))

    assert_one_line(done, name, f"written by a newer Wayfinder: migration {NEWER} is unknown")
    assert row_counts(data_dir) == before


def test_a_backup_of_a_newer_database_still_works(data_dir, tmp_path):
    """The one command that does not refuse: a copy is what the person needs then."""
    newer_schema(data_dir)

    done = wayfinder(data_dir, *command("backup", tmp_path))

    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("win", "\udcff\udcfe shipped"),
        ("win", "Shipped", "--result", "caf\udce9"),
        ("win", "Shipped", "--skill", "\udcffskill"),
        ("win", "Shipped", "--metric", "30 \udcff"),
        ("met", "Priy\udce1", "Coffee"),
        ("met", "Priya", "\udcff"),
        ("met", "Priya", "Coffee", "--kind", "\udcff"),
        ("today", "--base-url", "http://\udcff"),
        ("export", "--owner", "\udcffalice"),
        ("init", "--name", "Ren\udce9e"),
    ],
)
def test_arguments_that_are_not_utf8_are_refused_before_anything_is_written(data_dir, args):
    """Bytes that are not UTF-8 reach Python as lone surrogates; they never reach the db."""
    before = row_counts(data_dir)

    done = wayfinder(data_dir, *args)

    assert_one_line(done, args[0], "is not UTF-8 text")
    assert row_counts(data_dir) == before


def test_a_file_name_that_is_not_utf8_is_still_a_file_name(data_dir, tmp_path):
    name = tmp_path / os.fsdecode(b"caf\xe9.json")

    done = wayfinder(data_dir, "import", str(name))

    assert_one_line(done, "import", "No such file or directory")


@pytest.mark.parametrize("args", [["win", "a\0b"], ["met", "Sam", "x\0y"], ["--data-dir", "a\0"]])
def test_nul_bytes_in_arguments_are_refused(args, capsys):
    # The operating system cannot pass a NUL in argv: only a call from Python can.
    status = main([*args, "today"] if args[0] == "--data-dir" else args)

    assert status == 1
    assert "contains a NUL byte" in capsys.readouterr().err


def mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@pytest.fixture
def tmpfs(tmp_path):
    """A 2 MB file system of our own, or a skip where mounting is not allowed."""
    point = tmp_path / "tmpfs"
    point.mkdir()
    if os.geteuid() != 0 or not mount("-t", "tmpfs", "-o", "size=2m", "tmpfs", str(point)):
        pytest.skip("needs root to mount a tmpfs")
    yield point
    subprocess.run(["umount", "-l", str(point)], check=True)


@pytest.fixture
def full_disk(tmpfs, template_dir) -> Path:
    """A data directory on a disk with 48 KB free: SQLite opens, a write does not fit."""
    data = tmpfs / "data"
    shutil.copytree(template_dir, data)
    free = shutil.disk_usage(tmpfs).free
    (tmpfs / "filler").write_bytes(b"\0" * (free - 48 * 1024))
    return data


@pytest.mark.parametrize("name", ["win", "met", "backup", "import"])
def test_a_full_disk_is_one_line(full_disk, tmp_path, exported_file, name):
    args = command(name, tmp_path)
    if name == "import":
        args = ["import", str(exported_file), "--owner", "newcomer"]
    if name == "backup":
        args = ["backup"]

    done = wayfinder(full_disk, *args)

    assert_one_line(done, name, "full")


@pytest.fixture
def exported_file(data_dir, tmp_path) -> Path:
    target = tmp_path / "alice.json"
    done = wayfinder(data_dir, "export", "-o", str(target))
    assert done.returncode == 0, done.stderr
    return target


@pytest.mark.parametrize("name", ["today", "export", "digest"])
def test_output_to_a_full_disk_is_one_line(data_dir, tmp_path, name):
    with open("/dev/full", "w") as full:
        done = wayfinder(data_dir, *command(name, tmp_path), stdout=full)

    assert_one_line(done, name, "No space left on device")


def test_quick_capture_on_a_full_database_writes_nothing(data_dir, monkeypatch, capsys):
    """In-process, for machines that cannot mount: SQLite's own page limit makes it full."""
    from wayfinder.cli import capture

    with database(data_dir) as connection:
        (pages,) = connection.execute("PRAGMA page_count").fetchone()
    monkeypatch.setitem(capture.SQLITE_PRAGMAS, "max_page_count", pages)
    monkeypatch.setenv("WAYFINDER_DATA_DIR", str(data_dir))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    before = row_counts(data_dir)

    status = main(["win", "Shipped", "--result", "x" * 5000, "--skill", "Patience"])

    assert status == 1
    assert capsys.readouterr().err.startswith("wayfinder win: the disk is full")
    assert row_counts(data_dir) == before


@pytest.fixture
def read_only(tmp_path, template_dir) -> Path:
    """A data directory nobody can write to, root included."""
    data = tmp_path / "read-only"
    data.mkdir()
    if os.geteuid() != 0:
        shutil.copytree(template_dir, data, dirs_exist_ok=True)
        data.chmod(0o500)
        yield data
        data.chmod(0o700)
        return
    if not mount("-t", "tmpfs", "-o", "size=4m", "tmpfs", str(data)):
        pytest.skip("needs root to mount a tmpfs")
    shutil.copytree(template_dir, data, dirs_exist_ok=True)
    assert mount("-o", "remount,ro", str(data))
    yield data
    subprocess.run(["umount", "-l", str(data)], check=True)


@pytest.mark.parametrize("name", ["win", "met", "import", "demo", "today", "export", "serve"])
def test_a_read_only_data_directory_is_one_line(read_only, tmp_path, name):
    done = wayfinder(read_only, *command(name, tmp_path))

    assert_one_line(done, name)


def test_init_in_a_read_only_directory_is_one_line(tmpfs):
    assert mount("-o", "remount,ro", str(tmpfs))

    done = wayfinder(tmpfs / "data", "init", "--username", "ann")

    assert_one_line(done, "init")


def deep_json(depth: int) -> str:
    return "[" * depth + "]" * depth


def with_bad_date(exported: Path) -> str:
    data = json.loads(exported.read_text())
    data["profile"]["created_at"] = "0001-01-01T00:00:00+05:00"
    return json.dumps(data)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (lambda _: deep_json(100_000), "nested too deeply"),
        (lambda _: '{"a":' * 5000 + "1" + "}" * 5000, "nested too deeply"),
        (lambda _: '{"format": "wayfinder", "version": ' + "9" * 5000 + "}", "4,300"),
        (with_bad_date, "out of range"),
        (
            lambda _: "date,title\n2026-01-01,Shipped\n",
            "not a Wayfinder export (it looks like CSV)",
        ),
    ],
    ids=["deep-list", "deep-object", "huge-integer", "datetime-out-of-range", "csv"],
)
def test_a_hostile_import_is_one_line_and_imports_nothing(
    data_dir, tmp_path, exported_file, content, expected
):
    bad = tmp_path / "bad.json"
    bad.write_text(content(exported_file))
    before = row_counts(data_dir)

    done = wayfinder(data_dir, "import", str(bad), "--owner", "newcomer")

    assert_one_line(done, "import", expected)
    assert "truncated" not in done.stderr
    assert "nothing was imported" in done.stderr
    assert row_counts(data_dir) == before
    with database(data_dir) as connection:
        assert connection.execute("SELECT count(*) FROM auth_user").fetchone() == (1,)


def test_an_unexpected_error_is_one_line_unless_asked_for_the_traceback(monkeypatch, capsys):
    from wayfinder.cli.commands import today

    def broken(args):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(today, "run", broken)

    assert main(["today"]) == 1
    assert capsys.readouterr().err == (
        "wayfinder today: unexpected error (ZeroDivisionError: division by zero); please "
        "report it (set WAYFINDER_TRACEBACK=1 to see the details)\n"
    )
    monkeypatch.setenv("WAYFINDER_TRACEBACK", "1")
    with pytest.raises(ZeroDivisionError):
        main(["today"])


def test_version_comes_from_the_package_metadata(data_dir):
    """One version, in pyproject.toml: no copy in the code to forget at the next release."""
    import tomllib
    from importlib.metadata import version

    root = Path(__file__).resolve().parents[4]
    declared = tomllib.loads((root / "pyproject.toml").read_text())["project"]["version"]

    done = wayfinder(data_dir, "--version")

    assert done.stdout == f"wayfinder {declared}\n"
    assert version("wayfinder") == declared
    assert "__version__ = " not in (root / "src" / "wayfinder" / "__init__.py").read_text()
