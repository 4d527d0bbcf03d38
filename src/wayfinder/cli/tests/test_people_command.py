"""`wayfinder people import FILE [--format ...] [--dry-run]` and `people export` (issue 12 §1)."""

from __future__ import annotations

from wayfinder.cli.tests.conftest import database, row_counts, wayfinder

CONNECTIONS = (
    "\ufeffNotes:\n"
    '"When exporting your connection data, you may notice that some email addresses are '
    'missing."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ana,Souza,https://www.linkedin.com/in/ana-souza,,Acme,Engineer,14 Feb 2025\n"
    "Alex,Kim,https://www.linkedin.com/in/alex-kim-1,,Globex,Designer,03 Jan 2024\n"
    "Alex,Kim,https://www.linkedin.com/in/alex-kim-2,,Initech,Analyst,28 Nov 2023\n"
)


def test_dry_run_prints_the_preview_and_writes_nothing(data_dir, tmp_path):
    file = tmp_path / "Connections.csv"
    file.write_text(CONNECTIONS, encoding="utf-8")
    before = row_counts(data_dir)

    done = wayfinder(data_dir, "people", "import", str(file), "--dry-run")

    assert done.returncode == 0, done.stderr
    assert "3 new, 0 matching" in done.stdout
    assert "Alex Kim (Designer, Globex): new" in done.stdout
    assert "nothing was written" in done.stdout
    assert row_counts(data_dir) == before


def test_import_writes_then_a_second_import_merges_by_url(data_dir, tmp_path):
    file = tmp_path / "Connections.csv"
    file.write_text(CONNECTIONS, encoding="utf-8")

    first = wayfinder(data_dir, "people", "import", str(file), "--format", "linkedin")
    again = wayfinder(data_dir, "people", "import", str(file))

    assert first.returncode == 0, first.stderr
    assert "Imported: 3 new, 0 merged" in first.stdout
    assert again.returncode == 0, again.stderr
    assert "Imported: 0 new, 3 merged" in again.stdout
    with database(data_dir) as connection:
        rows = connection.execute(
            "SELECT name, namesake, relative_level FROM network_person ORDER BY id"
        ).fetchall()
        connected = connection.execute(
            "SELECT count(*) FROM network_interaction WHERE notes = 'connected on LinkedIn'"
        ).fetchone()[0]
    assert rows == [("Ana Souza", 0, None), ("Alex Kim", 0, None), ("Alex Kim", 1, None)]
    assert connected == 3


def test_a_generic_csv_takes_its_columns_from_map(data_dir, tmp_path):
    file = tmp_path / "people.csv"
    file.write_text("Who,Mail\nAna Souza,ana@example.org\n", encoding="utf-8")

    done = wayfinder(
        data_dir, "people", "import", str(file), "--map", "name=Who", "--map", "email=Mail"
    )

    assert done.returncode == 0, done.stderr
    with database(data_dir) as connection:
        assert connection.execute("SELECT name, email FROM network_person").fetchall() == [
            ("Ana Souza", "ana@example.org")
        ]


def test_export_writes_vcards(data_dir, tmp_path):
    file = tmp_path / "Connections.csv"
    file.write_text(CONNECTIONS, encoding="utf-8")
    wayfinder(data_dir, "people", "import", str(file))

    done = wayfinder(data_dir, "people", "export")

    assert done.returncode == 0, done.stderr
    assert done.stdout.count("BEGIN:VCARD") == 3
    assert "ORG:Initech" in done.stdout


def test_met_new_adds_a_second_person_with_the_same_name(data_dir):
    assert wayfinder(data_dir, "met", "Ana Souza", "Coffee").returncode == 0
    done = wayfinder(data_dir, "met", "Ana Souza", "Lunch", "--new")
    plain = wayfinder(data_dir, "met", "Ana Souza", "Tea")

    assert done.returncode == 0, done.stderr
    assert "new in your network" in done.stdout
    assert plain.returncode == 1
    assert "2 people are called 'Ana Souza'" in plain.stderr
    with database(data_dir) as connection:
        names = connection.execute("SELECT name, namesake FROM network_person").fetchall()
    assert sorted(names) == [("Ana Souza", 0), ("Ana Souza", 1)]


BAD_FILES = {
    "not-utf8.csv": b"\xff\xfeN\x00a\x00",
    "empty.csv": b"",
    "no-header.csv": b"Notes:\nnothing here\n",
    "huge-field.csv": b'First Name,Last Name\n"' + b"x" * 200_000 + b'",y\n',
    "broken.vcf": b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Unclosed\r\n",
    "nameless.vcf": b"BEGIN:VCARD\r\nVERSION:4.0\r\nN:;;;;\r\nEND:VCARD\r\n",
    "bad-date.csv": b"First Name,Last Name,Connected On\nAna,Souza,31 Foo 2025\n",
}


def test_no_file_gives_a_traceback_or_writes_anything(data_dir, tmp_path):
    from wayfinder.cli.tests.test_no_traceback import assert_one_line

    before = row_counts(data_dir)
    for name, content in BAD_FILES.items():
        file = tmp_path / name
        file.write_bytes(content)
        fmt = "linkedin" if name in {"no-header.csv", "huge-field.csv", "bad-date.csv"} else None
        args = ["people", "import", str(file), *(["--format", fmt] if fmt else [])]
        done = wayfinder(data_dir, *args)
        assert_one_line(done, "people", "nothing was imported")
    missing = wayfinder(data_dir, "people", "import", str(tmp_path / "missing.csv"))
    assert_one_line(missing, "people", "cannot read")
    mapped = wayfinder(data_dir, "people", "import", str(file), "--map", "oops")
    assert_one_line(mapped, "people", "FIELD=COLUMN")
    assert row_counts(data_dir) == before


def test_a_card_with_an_unreadable_line_is_read_without_noise(data_dir, tmp_path):
    file = tmp_path / "contacts.vcf"
    file.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Souza\r\nBROKEN\r\nEND:VCARD\r\n")

    done = wayfinder(data_dir, "people", "import", str(file), "--dry-run")

    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "Ana Souza: new" in done.stdout


def test_a_file_over_the_upload_limit_is_refused_before_it_is_read(data_dir, tmp_path):
    from wayfinder.cli.tests.test_no_traceback import assert_one_line

    file = tmp_path / "Connections.csv"
    file.write_bytes(CONNECTIONS.encode() + b"Ana,Souza,,,,,\n" * 80_000)  # over 1 MB

    done = wayfinder(data_dir, "people", "import", str(file), env={"WAYFINDER_MAX_UPLOAD_MB": "1"})

    assert_one_line(done, "people", "larger than the upload limit")
