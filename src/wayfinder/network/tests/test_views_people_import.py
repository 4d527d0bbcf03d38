"""The import pages: upload, CSV column mapping, preview with choices, to place, vCards."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wayfinder.network.models import Person
from wayfinder.network.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

CONNECTIONS = (
    b'Notes:\n"Some email addresses are missing."\n\n'
    b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    b"Ana,Souza,https://www.linkedin.com/in/ana-souza,,Acme,Engineer,14 Feb 2025\n"
    b"Sam,Roe,,,Initech,Analyst,03 Jan 2024\n"
)


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def _upload(client, content: bytes, name: str, file_format: str = ""):
    return client.post(
        reverse("network:people-import"),
        {"file": SimpleUploadedFile(name, content), "file_format": file_format},
    )


def test_upload_shows_the_preview_and_writes_nothing(signed_in, owner):
    PersonFactory(owner=owner, name="Sam Roe")
    page = _upload(signed_in, CONNECTIONS, "Connections.csv")

    assert page.status_code == 200
    text = page.content.decode()
    assert "1 new, and 1 who look like someone you know" in text
    assert 'name="choice-1"' in text and "Merge into them" in text
    assert Person.objects.for_owner(owner).count() == 1


def test_confirm_applies_each_choice_and_lists_the_people_to_place(signed_in, owner):
    sam = PersonFactory(owner=owner, name="Sam Roe")
    digest = _upload(signed_in, CONNECTIONS, "Connections.csv").context["digest"]

    done = signed_in.post(
        reverse("network:people-import-confirm"), {"digest": digest, "choice-1": "apart"}
    )

    assert done.status_code == 302 and done.url == reverse("network:people-to-place")
    assert Person.objects.for_owner(owner).filter(name="Sam Roe").count() == 2
    page = signed_in.get(done.url)
    assert list(page.context["people"]) == list(
        Person.objects.for_owner(owner).filter(relative_level__isnull=True).order_by("name")
    )
    assert sam not in page.context["people"]
    assert "Ana Souza" in page.content.decode()


def test_a_csv_goes_through_the_column_mapping(signed_in, owner):
    page = _upload(signed_in, b"Who,Mail\nAna Souza,ana@example.org\n", "people.csv")
    assert "Which column holds what?" in page.content.decode()
    digest = page.context["digest"]

    refused = signed_in.post(reverse("network:people-import-mapping"), {"digest": digest})
    assert refused.status_code == 400
    assert "choose the column that holds the name" in refused.content.decode().lower()

    preview = signed_in.post(
        reverse("network:people-import-mapping"),
        {"digest": digest, "name": "Who", "email": "Mail"},
    )
    assert preview.status_code == 200
    signed_in.post(reverse("network:people-import-confirm"), {"digest": digest})
    assert Person.objects.for_owner(owner).get().email == "ana@example.org"


def test_a_file_it_cannot_read_is_a_sentence_on_the_form(signed_in, owner):
    page = _upload(signed_in, b"BEGIN:VCARD\r\nFN:x\r\n", "broken.vcf")
    assert page.status_code == 400
    assert "cannot be read" in page.content.decode()
    page = _upload(signed_in, b"\xff\xfe", "x.csv")
    assert "not UTF-8" in page.content.decode()
    assert not Person.objects.for_owner(owner).exists()


def test_a_stale_digest_writes_nothing(signed_in, owner):
    _upload(signed_in, CONNECTIONS, "Connections.csv")
    done = signed_in.post(reverse("network:people-import-confirm"), {"digest": "other"})
    assert done.status_code == 302 and done.url == reverse("network:people-import")
    assert not Person.objects.for_owner(owner).exists()


def test_anoutsiders_people_are_neither_matched_nor_exported(signed_in, owner, outsider):
    PersonFactory(owner=outsider, name="Sam Roe", email="sam@example.org")
    page = _upload(signed_in, CONNECTIONS, "Connections.csv")
    assert "2 new, and 0 who look" in page.content.decode()
    vcards = signed_in.get(reverse("network:people-vcards"))
    assert vcards["Content-Type"].startswith("text/vcard")
    assert b"Sam Roe" not in vcards.content


def test_the_vcard_download_holds_the_owners_people(signed_in, owner):
    PersonFactory(owner=owner, name="Ana Souza", email="ana@example.org")
    vcards = signed_in.get(reverse("network:people-vcards"))
    assert b"FN:Ana Souza" in vcards.content and b"ana@example.org" in vcards.content
