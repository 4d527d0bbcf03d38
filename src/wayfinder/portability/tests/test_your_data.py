"""The "Your data" page: the full export and the backup to download, and an export brought
in with the CLI's checks, a preview of its counts, then all of it or nothing (on SQLite and
on PostgreSQL)."""

from __future__ import annotations

import copy
import json
import sqlite3
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from wayfinder.core.tests.factories import ProfileFactory
from wayfinder.portability.exporter import owner_export
from wayfinder.portability.selectors import domain_data_exists, section_counts
from wayfinder.portability.views.your_data import HAS_DATA, PENDING
from wayfinder.wins.models import Win
from wayfinder.wins.tests.factories import WinFactory

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).resolve().parents[4] / "tests" / "fixtures" / "export-v3-demo.json"
SQLITE = pytest.mark.skipif("connection.vendor != 'sqlite'")


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


@pytest.fixture
def demo_export() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def upload(client, content: bytes | str, name: str = "dana.json"):
    data = content.encode() if isinstance(content, str) else content
    return client.post(reverse("portability:import"), {"export": SimpleUploadedFile(name, data)})


def confirm(client, digest: str | None = None):
    digest = digest if digest is not None else client.session[PENDING]["digest"]
    return client.post(reverse("portability:import-confirm"), {"digest": digest}, follow=True)


def nothing_written(owner) -> bool:
    return not domain_data_exists(owner=owner)


# The page and the downloads ---------------------------------------------------------------


def test_the_navigation_leads_to_the_page_with_the_export_import_and_the_other_ways(signed_in):
    home = signed_in.get(reverse("home")).content.decode()
    assert f'href="{reverse("portability:data")}"' in home

    page = signed_in.get(reverse("portability:data")).content.decode()

    assert "Download your export" in page and reverse("portability:export") in page
    assert "Import an export" in page and 'enctype="multipart/form-data"' in page
    assert "up to 20 MB" in page
    assert reverse("portability:brag-doc") in page and reverse("portability:resume-json") in page


def test_the_export_downloads_everything_of_the_owner_and_nothing_of_anyone_else(
    signed_in, owner, outsider
):
    WinFactory(owner=owner, title="Shipped billing v2", private_notes="mine only")
    WinFactory(owner=outsider, title="Someone else's win")

    response = signed_in.get(reverse("portability:export"))

    assert response["Content-Type"] == "application/json; charset=utf-8"
    username = owner.user.get_username()
    assert response["Content-Disposition"] == (
        f'attachment; filename="wayfinder-{username}-20261123.json"'
    )
    data = json.loads(response.content)
    assert data == owner_export(owner=owner)
    assert [w["title"] for w in data["wins"]] == ["Shipped billing v2"]
    assert data["wins"][0]["private_notes"] == "mine only"  # the owner's own backup


@SQLITE
@pytest.mark.django_db(transaction=True)
def test_the_backup_is_a_consistent_copy_of_the_database(client, tmp_path):
    owner = ProfileFactory()
    client.force_login(owner.user)
    WinFactory(owner=owner, title="Shipped billing v2")
    page = client.get(reverse("portability:data")).content.decode()
    assert "Download a backup" in page

    response = client.get(reverse("portability:backup"))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="wayfinder-20261123.sqlite3"'
    copy_path = tmp_path / "copy.sqlite3"
    copy_path.write_bytes(b"".join(response.streaming_content))
    with sqlite3.connect(copy_path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        titles = db.execute("SELECT title FROM wins_win").fetchall()
    assert titles == [("Shipped billing v2",)]
    leftovers = [p.name for p in Path(connection.settings_dict["NAME"]).parent.iterdir()]
    assert not [name for name in leftovers if name.startswith(".download-")]


def test_no_backup_download_where_it_would_hold_others_data_or_on_postgresql(signed_in, outsider):
    page = signed_in.get(reverse("portability:data")).content.decode()
    if connection.vendor == "sqlite":
        expected = "This instance holds other people&#x27;s records too"
    else:
        expected = "Wayfinder runs on PostgreSQL here, where backups are made on the server"
    assert expected in page and "Download a backup" not in page

    response = signed_in.get(reverse("portability:backup"), follow=True)
    assert response.redirect_chain == [(reverse("portability:data"), 302)]
    assert expected in response.content.decode()


@pytest.mark.skipif("connection.vendor == 'sqlite'")
def test_on_postgresql_the_page_offers_the_export_only(signed_in):
    page = signed_in.get(reverse("portability:data")).content.decode()
    assert "pg_dump" in page and "Download your export" in page
    assert "Download a backup" not in page


# Import: preview, then all at once ---------------------------------------------------------


def test_import_previews_the_counts_then_writes_everything_on_confirm(
    signed_in, owner, demo_export
):
    response = upload(signed_in, FIXTURE.read_bytes(), name="dana.json")

    assert response.status_code == 200
    page = response.content.decode()
    total = sum(len(v) for v in demo_export.values() if isinstance(v, list))
    assert "Check before anything is written" in page
    assert f"It holds {total} records" in page and "“dana.json”" in page
    assert "<td>Wins</td><td>35</td>" in page
    assert "<td>Goal check ins</td><td>6</td>" in page
    assert nothing_written(owner)

    done = confirm(signed_in)

    assert done.redirect_chain == [(reverse("portability:data"), 302)]
    assert f"Imported {total} records from your export." in done.content.decode()
    counts = dict(section_counts(owner=owner))
    assert counts["wins"] == 35 and counts["goal_check_ins"] == 6
    owner.refresh_from_db()
    assert owner.display_name == demo_export["profile"]["display_name"]
    assert owner.user.get_username() != "demo"  # the account keeps its name
    assert PENDING not in signed_in.session


def test_an_earlier_version_of_the_format_is_imported_too(signed_in, owner):
    old = FIXTURE.parent / "export-v1-0ce51fa-demo.json"
    assert upload(signed_in, old.read_bytes()).status_code == 200
    confirm(signed_in)
    assert Win.objects.for_owner(owner).count() == 35


def _broken(export: dict, change) -> str:
    broken = copy.deepcopy(export)
    change(broken)
    return json.dumps(broken)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{\n  "format": "wayfinder",\n  "version" 3\n}', "line 3 column 13: invalid JSON"),
        (b"\xff\xfe not text", "not UTF-8"),
        (b"[1, 2]", "expected a Wayfinder export (a JSON object)"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (
            lambda e: e.update(version=9),
            "version: 9 is not supported (this Wayfinder reads 1, 2, 3, 4, 5)",
        ),
        (
            lambda e: e["goals"][0].update(ambition=99),
            "goals[0].ambition: ref 99 not found in ambition_statements",
        ),
        (
            lambda e: e["goal_check_ins"][0].update(percent=140),
            "goal_check_ins[0]: percent must be between 0 and 100",
        ),
    ],
)
def test_a_bad_file_gets_a_clear_message_and_changes_nothing(
    signed_in, owner, demo_export, content, message
):
    if callable(content):
        content = _broken(demo_export, content)

    response = upload(signed_in, content)

    assert response.status_code == 400
    page = response.content.decode()
    assert "This file cannot be imported:" in page and "Nothing was changed." in page
    assert message in page.replace("&#x27;", "'").replace("&quot;", '"')
    assert nothing_written(owner)
    assert PENDING not in signed_in.session


def test_no_file_chosen_asks_for_one(signed_in, owner):
    response = signed_in.post(reverse("portability:import"), {})
    assert response.status_code == 400
    assert "Choose the export file to import." in response.content.decode()


def test_the_database_refusing_a_row_at_confirm_leaves_nothing_written(
    signed_in, owner, demo_export
):
    # Skill names are unique ignoring case: a rule only the database checks, as the CLI says.
    def clash(export):
        export["skills"][1]["name"] = export["skills"][0]["name"].upper()

    assert upload(signed_in, _broken(demo_export, clash)).status_code == 200

    response = confirm(signed_in)

    page = response.content.decode()
    assert response.status_code == 400
    assert "skills: the database refused these rows" in page
    assert nothing_written(owner)


def test_an_owner_who_has_data_is_refused_as_the_cli_refuses_and_nothing_changes(signed_in, owner):
    WinFactory(owner=owner, title="Already here")
    page = signed_in.get(reverse("portability:data")).content.decode()
    assert "an import never merges" in page and "Check the file" not in page

    response = upload(signed_in, FIXTURE.read_bytes())

    assert response.status_code == 400
    assert "an import never merges into it" in response.content.decode()
    assert list(Win.objects.for_owner(owner).values_list("title", flat=True)) == ["Already here"]
    assert HAS_DATA.startswith("You already have data here")


def test_data_recorded_between_preview_and_confirm_stops_the_import(signed_in, owner):
    assert upload(signed_in, FIXTURE.read_bytes()).status_code == 200
    WinFactory(owner=owner, title="Logged meanwhile")

    response = confirm(signed_in)

    assert response.status_code == 400
    assert "an import never merges into it" in response.content.decode()
    assert Win.objects.for_owner(owner).count() == 1


def test_a_stale_or_forged_confirmation_imports_nothing(signed_in, owner):
    assert confirm(signed_in, digest="nothing-pending").redirect_chain[-1][0] == reverse(
        "portability:data"
    )
    upload(signed_in, FIXTURE.read_bytes())

    response = confirm(signed_in, digest="0" * 64)

    assert "upload it again" in response.content.decode()
    assert nothing_written(owner)


def test_the_import_goes_into_the_signed_in_owner_only(signed_in, owner, outsider):
    upload(signed_in, FIXTURE.read_bytes())
    confirm(signed_in)
    assert Win.objects.for_owner(owner).count() == 35
    assert nothing_written(outsider)


@override_settings(WAYFINDER_MAX_UPLOAD_BYTES=4096)
def test_an_export_over_the_upload_limit_is_refused_unread(signed_in, owner):
    response = upload(signed_in, FIXTURE.read_bytes())
    assert response.status_code == 413
    assert "Uploads may hold at most 4.0 KB. Nothing was saved." in response.content.decode()
    assert nothing_written(owner)


@pytest.mark.parametrize("name", ["data", "export", "backup", "import", "import-confirm"])
def test_signed_out_visitors_are_sent_to_sign_in(client, name):
    url = reverse(f"portability:{name}")
    response = client.post(url) if name.startswith("import") else client.get(url)
    assert response.status_code == 302 and "sign" in response["Location"]
