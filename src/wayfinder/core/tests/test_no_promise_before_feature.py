"""No page promises what the product does not do. Sharing exists now, so the footer and the
private hints speak of it, and each claim is held to the feature: the footer's "share it"
links to a Sharing page that works, and what the pages say is never shared is the
sections registry's own list."""

import pytest
from django.urls import reverse

from wayfinder.sharing.sections import NEVER_SHARED

pytestmark = pytest.mark.django_db

FOOTER = "leaves only when you export it or share it"


@pytest.mark.parametrize(
    "name",
    [
        "home",
        "core:profile",
        "wins:win-new",
        "network:person-new",
        "conversations:conversation-new",
        "reflection:entry-new",
        "reflection:private",
        "reflection:note-new",
    ],
)
def test_the_footer_says_data_leaves_by_export_or_share_and_the_sharing_page_is_linked(
    client, owner, name
):
    client.force_login(owner.user)
    content = client.get(reverse(name)).content.decode()
    footer = content[content.index('<footer class="site-footer">') :]
    assert FOOTER in footer
    assert f'href="{reverse("sharing:sharing")}"' in content


def test_the_sharing_page_the_footer_promises_works(client, owner):
    client.force_login(owner.user)
    response = client.get(reverse("sharing:sharing"))
    assert response.status_code == 200
    assert FOOTER in response.content.decode()


def test_what_the_pages_say_is_never_shared_is_the_registrys_list(client, owner, settings):
    settings.WAYFINDER_BASE_URL = "https://wayfinder.example.com"
    client.force_login(owner.user)
    for name in ("sharing:sharing", "sharing:share-new"):
        content = client.get(reverse(name)).content.decode()
        for never in NEVER_SHARED:
            assert never in content, (name, never)


def test_the_private_page_names_shares_among_what_leaves_out_private_notes(client, owner):
    client.force_login(owner.user)
    content = client.get(reverse("reflection:private")).content.decode()
    assert "resume.json, a share or a share pack) includes it" in content
