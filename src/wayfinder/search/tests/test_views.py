import pytest
from django.urls import reverse

from wayfinder.network.tests.factories import PersonFactory
from wayfinder.reflection.tests.factories import JournalEntryFactory, PrivateNoteFactory
from wayfinder.wins.tests.factories import WinFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def test_search_box_on_every_page(signed_in):
    content = signed_in.get("/").content.decode()
    assert 'role="search"' in content
    assert f'action="{reverse("search:results")}"' in content


def test_results_show_the_owners_matches_only(signed_in, owner, outsider):
    WinFactory(owner=owner, title="Closed the Globex renewal")
    WinFactory(owner=outsider, title="Globex merger plan")
    PersonFactory(owner=owner, name="Gloria Globex")
    response = signed_in.get(reverse("search:results"), {"q": "globex"})
    content = response.content.decode()
    assert "2 results for “globex”" in content
    assert "Closed the Globex renewal" in content
    assert "merger" not in content
    assert "<mark>" in content


def test_no_match_explains_what_to_try(signed_in):
    content = signed_in.get(reverse("search:results"), {"q": "zebra"}).content.decode()
    assert "Nothing matches “zebra”" in content


def test_htmx_gets_only_the_results(signed_in, owner):
    WinFactory(owner=owner, title="Pricing page shipped")
    response = signed_in.get(
        reverse("search:results"), {"q": "pricing"}, headers={"HX-Request": "true"}
    )
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="search-results"')
    assert "Pricing page shipped" in content


def test_query_count_is_fixed(signed_in, owner, django_assert_max_num_queries):
    WinFactory.create_batch(3, owner=owner, title="Launch work")
    with django_assert_max_num_queries(11):
        signed_in.get(reverse("search:results"), {"q": "launch"})
    WinFactory.create_batch(40, owner=owner, title="Launch work")
    with django_assert_max_num_queries(11):
        signed_in.get(reverse("search:results"), {"q": "launch"})


def test_a_private_journal_entry_is_marked_private_as_notes_are(signed_in, owner):
    JournalEntryFactory(owner=owner, question="Kestrel offer?", answer="Kestrel", is_private=True)
    JournalEntryFactory(owner=owner, question="Kestrel retro", answer="Kestrel", is_private=False)
    PrivateNoteFactory(owner=owner, title="Kestrel backup", body="Kestrel")

    content = signed_in.get(reverse("search:results"), {"q": "kestrel"}).content.decode()

    assert '<span class="badge badge-private">Private journal entry</span>' in content
    assert '<span class="badge">Journal</span>' in content
    assert '<span class="badge badge-private">Private note</span>' in content
