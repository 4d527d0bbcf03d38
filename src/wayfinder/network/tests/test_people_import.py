"""People from files (issue 12 §1): LinkedIn's Connections.csv, any CSV, vCard 3.0/4.0.

The fixtures are short files written for these tests from the formats' descriptions:
LinkedIn's export help page (a "Notes:" preamble, then First Name, Last Name, URL, Email
Address, Company, Position, Connected On), RFC 4180 quoting, RFC 2426 (vCard 3.0) and
RFC 6350 (vCard 4.0).
"""

from __future__ import annotations

import datetime as dt

import pytest

from wayfinder.network.importers import linkedin, table, vcard
from wayfinder.network.models import Interaction, Person
from wayfinder.network.people_import import (
    CONNECTED_NOTE,
    Choice,
    contacts_read,
    format_guess,
    people_import_apply,
    people_import_preview,
    people_to_place,
    preview_choose,
    preview_lines,
)
from wayfinder.network.services import NetworkError
from wayfinder.network.tests.factories import PersonFactory

CONNECTIONS = (
    "\ufeffNotes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing. You will only see email addresses for connections who have allowed it."\r\n'
    "\r\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Ana,Souza,https://www.linkedin.com/in/ana-souza,ana@example.org,Acme,Engineer,"
    "14 Feb 2025\r\n"
    'Alex,Kim,https://www.linkedin.com/in/alex-kim-1,,"Widgets, Inc.","Head of Sales,\r\n'
    'EMEA",03 Jan 2024\r\n'
    "Alex,Kim,https://www.linkedin.com/in/alex-kim-2,,Globex,Designer,28 Nov 2023\r\n"
).encode()


def test_linkedin_reads_past_the_preamble_and_bom_with_quoted_commas_and_line_breaks():
    contacts = linkedin.parse(CONNECTIONS)

    assert [c.name for c in contacts] == ["Ana Souza", "Alex Kim", "Alex Kim"]
    ana, alex, other_alex = contacts
    assert ana.email == "ana@example.org"
    assert ana.connected_on == dt.date(2025, 2, 14)
    assert alex.organisation == "Widgets, Inc."
    # A line break inside a quoted field is kept as a space: titles are one line.
    assert alex.title == "Head of Sales, EMEA"
    assert alex.email == ""
    assert other_alex.url.endswith("alex-kim-2")
    assert other_alex.line == 8


def test_linkedin_refuses_a_file_without_its_header_and_a_bad_date():
    with pytest.raises(ValueError, match="First Name"):
        linkedin.parse(b"Name,Email\nAna,ana@example.org\n")
    with pytest.raises(ValueError, match="line 2: '31 Foo 2025' is not a date"):
        linkedin.parse(b"First Name,Last Name,Connected On\nAna,Souza,31 Foo 2025\n")


@pytest.mark.django_db
def test_two_people_with_one_name_are_kept_apart_and_connected_on_is_the_first_interaction(
    owner,
):
    preview = people_import_preview(owner=owner, contacts=linkedin.parse(CONNECTIONS))
    assert [e.choice for e in preview.entries] == [Choice.NEW] * 3

    result = people_import_apply(owner=owner, preview=preview)

    assert (result.created, result.merged, result.skipped) == (3, 0, 0)
    kims = Person.objects.for_owner(owner).filter(name="Alex Kim").order_by("namesake")
    assert [(p.organisation, p.namesake) for p in kims] == [("Widgets, Inc.", 0), ("Globex", 1)]
    ana = Person.objects.for_owner(owner).get(name="Ana Souza")
    assert (ana.title, ana.organisation, ana.url) == (
        "Engineer",
        "Acme",
        "https://www.linkedin.com/in/ana-souza",
    )
    assert ana.relative_level is None and not ana.is_placed
    first = Interaction.objects.for_owner(owner).get(people=ana)
    assert (first.occurred_on, first.notes) == (dt.date(2025, 2, 14), CONNECTED_NOTE)
    assert set(people_to_place(owner=owner)) == {ana, *kims}


@pytest.mark.django_db
def test_matches_by_url_then_email_then_accent_insensitive_name(owner):
    by_url = PersonFactory(owner=owner, name="Ana S.", url="https://linkedin.com/in/ana-souza/")
    by_email = PersonFactory(owner=owner, name="Somebody", email="ANN@example.org")
    by_name = PersonFactory(owner=owner, name="José Núñez")
    contacts = table.parse(
        b"Name,Email,URL\n"
        b"Ana Souza,ann@example.org,https://www.linkedin.com/in/ana-souza\n"
        b"Ann Lee,ann@example.org,\n"
        b"jose nunez,,\n"
        b"New Person,,\n"
    )

    preview = people_import_preview(owner=owner, contacts=contacts)

    assert [(e.match, e.matched_by) for e in preview.entries] == [
        (by_url, "URL"),
        (by_email, "email"),
        (by_name, "name"),
        (None, ""),
    ]
    assert [e.choice for e in preview.entries] == [Choice.MERGE] * 3 + [Choice.NEW]
    assert "merge with José Núñez (same name)" in "\n".join(preview_lines(preview))


@pytest.mark.django_db
def test_each_match_can_be_merged_kept_apart_or_skipped(owner):
    merged = PersonFactory(owner=owner, name="Ana Souza", organisation="", title="Friend")
    apart = PersonFactory(owner=owner, name="Alex Kim")
    skipped = PersonFactory(owner=owner, name="Sam Roe")
    contacts = table.parse(
        b"Name,Company,Position\nAna Souza,Acme,Engineer\nAlex Kim,Globex,\nSam Roe,Initech,\n"
    )
    preview = people_import_preview(owner=owner, contacts=contacts)
    preview_choose(preview, {1: "apart", 2: "skip"})

    result = people_import_apply(owner=owner, preview=preview)

    assert (result.created, result.merged, result.skipped) == (1, 1, 1)
    merged.refresh_from_db()
    # A merge fills what is missing and keeps what the owner wrote.
    assert (merged.organisation, merged.title) == ("Acme", "Friend")
    assert Person.objects.for_owner(owner).filter(name="Alex Kim").count() == 2
    assert apart.namesake == 0
    skipped.refresh_from_db()
    assert skipped.organisation == "Northwind"


@pytest.mark.django_db
def test_a_choice_other_than_merge_apart_or_skip_is_refused(owner):
    PersonFactory(owner=owner, name="Ana Souza")
    preview = people_import_preview(owner=owner, contacts=table.parse(b"Name\nAna Souza\n"))
    with pytest.raises(NetworkError, match="choose merge, apart or skip"):
        preview_choose(preview, {0: "delete"})
    with pytest.raises(NetworkError, match="no entry 5"):
        preview_choose(preview, {4: "skip"})


@pytest.mark.django_db
def test_an_import_that_fails_half_way_writes_nothing(owner, monkeypatch):
    from wayfinder.network import people_import

    preview = people_import_preview(owner=owner, contacts=linkedin.parse(CONNECTIONS))

    def refused(*args, **kwargs):
        # The people are written by now; the first interactions are refused.
        assert Person.objects.for_owner(owner).count() == 3
        raise NetworkError("the database said no")

    monkeypatch.setattr(people_import, "_connect_all", refused)
    with pytest.raises(NetworkError):
        people_import_apply(owner=owner, preview=preview)
    assert not Person.objects.for_owner(owner).exists()


@pytest.mark.django_db
def test_someone_added_after_the_preview_is_counted_in_the_namesake_numbers(owner):
    preview = people_import_preview(owner=owner, contacts=linkedin.parse(CONNECTIONS))
    # Added after the preview, as if by another session: the import's numbers are stale.
    PersonFactory(owner=owner, name="alex kim")

    people_import_apply(owner=owner, preview=preview)

    kims = Person.objects.for_owner(owner).filter(name__iexact="alex kim")
    assert sorted(kims.values_list("namesake", flat=True)) == [0, 1, 2]


def _queries_to_import(owner, count: int, start: int) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    rows = "".join(
        f"P{n},Q{n},https://example.org/{n},,Acme,Engineer,14 Feb 2025\n"
        for n in range(start, start + count)
    )
    raw = f"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n{rows}"
    preview = people_import_preview(owner=owner, contacts=linkedin.parse(raw.encode()))
    with CaptureQueriesContext(connection) as queries:
        people_import_apply(owner=owner, preview=preview)
    return len(queries)


@pytest.mark.django_db
def test_the_apply_writes_in_batches_not_a_query_per_person(owner):
    few, many = _queries_to_import(owner, 4, 0), _queries_to_import(owner, 400, 1000)
    # The database splits a batch by its own limit of values per statement (SQLite: some
    # 50 people): a few statements per batch, never one per person.
    assert few <= 10
    assert many <= few + 400 // 20
    assert Interaction.objects.for_owner(owner).count() == 404


@pytest.mark.django_db
def test_an_unusable_email_or_url_is_left_out_with_a_note(owner):
    preview = people_import_preview(
        owner=owner, contacts=table.parse(b"Name,Email,URL\nAna,not-an-email,javascript:x\n")
    )
    entry = preview.entries[0]
    assert (entry.contact.email, entry.contact.url) == ("", "")
    assert len(entry.warnings) == 2
    people_import_apply(owner=owner, preview=preview)
    assert Person.objects.for_owner(owner).get().email == ""


def test_generic_csv_guesses_its_mapping_and_takes_one_given():
    raw = b"Given name,Family name,E-mail,Org,Team\nAna,Souza,ana@example.org,Acme,Sales\n"
    header = table.columns(raw)
    assert table.guess_mapping(header) == {
        "first_name": "Given name",
        "last_name": "Family name",
        "email": "E-mail",
        "function": "Team",
    }
    mapping = {**table.guess_mapping(header), "organisation": "Org"}
    (ana,) = table.parse(raw, mapping)
    assert (ana.name, ana.organisation, ana.function) == ("Ana Souza", "Acme", "Sales")


def test_generic_csv_mapping_mistakes_are_sentences():
    raw = b"Who,Mail\nAna,a@example.org\n"
    with pytest.raises(ValueError, match="choose the column that holds the name"):
        table.parse(raw)
    with pytest.raises(ValueError, match="no column 'Nom'"):
        table.parse(raw, {"name": "Nom"})
    with pytest.raises(ValueError, match="unknown field 'phone'"):
        table.parse(raw, {"name": "Who", "phone": "Mail"})
    with pytest.raises(ValueError, match="line 3: this row has no name"):
        table.parse(b"Name,Email\nAna,a@example.org\n,b@example.org\n")


VCARD_3 = (
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Souza;Ana;;;\r\nFN:Ana Souza\r\n"
    b"ORG:Acme;Platform\r\nTITLE:Staff Engineer\r\nROLE:Engineering\r\n"
    b"EMAIL;TYPE=INTERNET;TYPE=HOME:home@example.org\r\n"
    b"EMAIL;TYPE=INTERNET;TYPE=WORK;TYPE=pref:ana@acme.example\r\n"
    b"URL:https://example.org/ana\r\nEND:VCARD\r\n"
)
VCARD_4 = (
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Jürgen Müller\r\nN:Müller;Jürgen;;;\r\n"
    "ORG:Globex\r\nEMAIL;TYPE=work:jurgen@globex.example\r\n"
    "NOTE:a long note folded over\r\n  two lines\r\nEND:VCARD\r\n"
).encode()


def test_vcard_3_and_4_read_name_organisation_title_function_and_preferred_email():
    ana, jurgen = vcard.parse(VCARD_3 + VCARD_4)
    assert (ana.name, ana.organisation, ana.title, ana.function) == (
        "Ana Souza",
        "Acme",
        "Staff Engineer",
        "Engineering",
    )
    assert (ana.email, ana.url) == ("ana@acme.example", "https://example.org/ana")
    assert (jurgen.name, jurgen.email) == ("Jürgen Müller", "jurgen@globex.example")


def test_vcard_with_only_n_takes_the_name_from_it():
    (card,) = vcard.parse(b"BEGIN:VCARD\nVERSION:3.0\nN:Lee;Ann;;;\nEND:VCARD\n")
    assert card.name == "Ann Lee"


@pytest.mark.django_db
def test_vcard_export_reads_back_as_the_same_people(owner):
    PersonFactory(
        owner=owner,
        name="Ana Souza",
        email="ana@example.org",
        url="https://example.org/ana",
        title="Engineer",
        organisation="Acme, Inc.",
        function="Engineering",
    )
    text = vcard.people_vcards(Person.objects.for_owner(owner))
    (card,) = vcard.parse(text.encode())
    assert (card.name, card.email, card.url, card.title, card.organisation, card.function) == (
        "Ana Souza",
        "ana@example.org",
        "https://example.org/ana",
        "Engineer",
        "Acme, Inc.",
        "Engineering",
    )


@pytest.mark.parametrize(
    "raw",
    [
        b"\xff\xfe\x00N",
        b"",
        b"BEGIN:VCARD\r\nFN:Unclosed\r\n",
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nEND:VCARD\r\n",
        b"First Name,Last Name\n" + b'"' + b"x" * 200_000 + b'",y\n',
        b'First Name,Last Name\n"unterminated,\n',
        b"Name\n\x00\n",
    ],
)
@pytest.mark.parametrize("file_format", ["linkedin", "csv", "vcard"])
def test_no_file_gives_anything_but_a_sentence(raw, file_format):
    try:
        contacts_read(raw, file_format=file_format)
    except NetworkError as error:
        assert str(error)


def test_the_format_is_guessed_from_the_name_and_first_line():
    assert format_guess("Connections.csv", CONNECTIONS) == "linkedin"
    assert format_guess("contacts.vcf", b"") == "vcard"
    assert format_guess("x.txt", VCARD_3) == "vcard"
    assert format_guess("people.csv", b"Name,Email\n") == "csv"


@pytest.mark.django_db
def test_people_not_placed_yet_stay_off_the_grid_and_coverage_until_placed(owner, today):
    from wayfinder.network.selectors import network_breadth, network_coverage, people_grid
    from wayfinder.network.services import person_update

    placed = PersonFactory(owner=owner, relative_level=1)
    waiting = PersonFactory(owner=owner, relative_level=None)

    grid = people_grid(owner=owner, today=today)
    assert [card.person for cell in grid.cells.values() for card in cell] == [placed]
    assert sum(cell.people for cell in network_coverage(owner=owner, today=today)) == 1
    assert network_breadth(owner=owner) is not None
    assert list(people_to_place(owner=owner)) == [waiting]

    person_update(owner=owner, person=waiting, relative_level=-1)
    assert not people_to_place(owner=owner).exists()


@pytest.mark.django_db
def test_namesakes_urls_and_unplaced_people_survive_an_export_and_import(owner):
    import json

    from wayfinder.portability.exporter import export_text, owner_export
    from wayfinder.portability.importer import owner_import
    from wayfinder.portability.validation import import_parse

    PersonFactory(owner=owner, name="Alex Kim", url="https://example.org/a", relative_level=None)
    PersonFactory(owner=owner, name="Alex Kim", namesake=1, relative_level=2)

    raw = export_text(owner_export(owner=owner)).encode()
    rows = json.loads(raw)["people"]
    assert sorted((r["namesake"], r["relative_level"], r["url"]) for r in rows) == [
        (0, None, "https://example.org/a"),
        (1, 2, ""),
    ]
    result = owner_import(data=import_parse(raw), username="restored")

    again = Person.objects.for_owner(result.owner).order_by("namesake")
    assert [(p.name, p.namesake, p.relative_level) for p in again] == [
        ("Alex Kim", 0, None),
        ("Alex Kim", 1, 2),
    ]
