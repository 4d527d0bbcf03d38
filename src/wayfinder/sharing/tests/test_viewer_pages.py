"""A viewer's pages: Shared with me, one share, each section read-only, the access log,
and access closed at the next request once a share is revoked or expired."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from wayfinder.core.tests.factories import TODAY, ProfileFactory, UserFactory
from wayfinder.plan.tests.factories import DevelopmentActionFactory
from wayfinder.sharing.models import SectionKey, ShareAccess
from wayfinder.sharing.services import share_revoke
from wayfinder.sharing.tests.factories import AcceptedShareFactory
from wayfinder.wins.tests.factories import WinFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dana(db):
    return ProfileFactory(display_name="Dana Okafor")


@pytest.fixture
def rob(db):
    return UserFactory(username="rob", email="rob@example.com")


@pytest.fixture
def share(dana, rob):
    return AcceptedShareFactory(
        owner=dana,
        viewer=rob,
        sections=[SectionKey.GOALS, SectionKey.PLAN, SectionKey.WINS],
        expires_on=dt.date(2027, 3, 31),
    )


@pytest.fixture
def viewer(rob) -> Client:
    client = Client()
    client.force_login(rob)
    return client


def _section(share, key):
    return reverse("sharing:viewer-section", args=[share.pk, key])


def test_every_viewer_page_says_whose_share_it_is_what_it_shows_and_until_when(share, viewer):
    banner = "Shared by Dana Okafor: goals, plan, wins · until 31 Mar 2027"
    for url in [
        reverse("sharing:viewer-share", args=[share.pk]),
        _section(share, SectionKey.PLAN),
        _section(share, SectionKey.WINS),
        _section(share, SectionKey.GOALS),
    ]:
        response = viewer.get(url)
        assert response.status_code == 200, url
        assert banner in response.content.decode(), url
        assert "{#" not in response.content.decode(), url


def test_a_section_page_shows_the_items_read_only_with_links_only_to_what_is_shared(
    dana, share, viewer
):
    DevelopmentActionFactory(owner=dana, title="Present Q3 to the CRO")
    page = viewer.get(_section(share, SectionKey.PLAN)).content.decode()
    assert "Present Q3 to the CRO" in page
    # No edit form: besides the site's sign-out, only the viewer's own writes through
    # this share (a proposal, a comment), never a form on the owner's record.
    own = f"/sharing/shared/{share.pk}/"
    for action in re.findall(r'<form[^>]*action="([^"]*)"', page):
        assert action == reverse("accounts:signout") or action.startswith(own), action
    for href in re.findall(r'href="([^"#]*)"', page):
        assert href.startswith(("/sharing/shared/", "/static/", "/account/sessions/")), href


def test_a_section_the_share_does_not_allow_is_a_404(share, viewer):
    assert viewer.get(_section(share, SectionKey.DIRECTION)).status_code == 404
    assert viewer.get(_section(share, "private")).status_code == 404


def test_another_viewers_share_is_a_404(dana, share):
    other = Client()
    other.force_login(UserFactory(username="eve"))
    assert other.get(reverse("sharing:viewer-share", args=[share.pk])).status_code == 404
    assert other.get(_section(share, SectionKey.PLAN)).status_code == 404


def test_revoking_closes_access_at_the_viewers_next_request(dana, share, viewer):
    url = _section(share, SectionKey.WINS)
    assert viewer.get(url).status_code == 200
    share_revoke(owner=dana, share=share)
    assert viewer.get(url).status_code == 404
    assert viewer.get(reverse("sharing:viewer-share", args=[share.pk])).status_code == 404
    assert "Dana Okafor" not in viewer.get(reverse("sharing:shared-with-me")).content.decode()


def test_an_expired_share_closes_at_the_next_request(dana, rob, viewer):
    share = AcceptedShareFactory(owner=dana, viewer=rob, expires_on=TODAY)
    url = _section(share, SectionKey.PLAN)
    assert viewer.get(url).status_code == 200
    share.expires_on = TODAY - dt.timedelta(days=1)
    share.save(update_fields=["expires_on"])
    assert viewer.get(url).status_code == 404


def test_each_page_viewed_is_in_the_access_log(share, viewer):
    viewer.get(reverse("sharing:viewer-share", args=[share.pk]))
    viewer.get(_section(share, SectionKey.WINS))
    viewer.get(_section(share, SectionKey.DIRECTION))  # not shared: not logged
    pages = list(ShareAccess.objects.filter(share=share).values_list("page", flat=True))
    assert sorted(pages) == ["Overview", "Wins"]


def test_shared_with_me_lists_each_owner_and_their_sections(dana, share, rob, viewer):
    other = ProfileFactory(display_name="Sam Lee")
    AcceptedShareFactory(owner=other, viewer=rob, sections=[SectionKey.DIRECTION])
    page = viewer.get(reverse("sharing:shared-with-me")).content.decode()
    assert "Dana Okafor" in page
    assert "Sam Lee" in page
    assert _section(share, SectionKey.PLAN) in page
    assert "Health:" not in page


def test_a_coach_sees_each_clients_health_summary_where_it_is_shared(rob, viewer):
    client_a = ProfileFactory(display_name="Ana Client")
    client_b = ProfileFactory(display_name="Ben Client")
    shared = AcceptedShareFactory(owner=client_a, viewer=rob, sections=list(SectionKey.values))
    AcceptedShareFactory(owner=client_b, viewer=rob, sections=[SectionKey.WINS])
    page = viewer.get(reverse("sharing:shared-with-me")).content.decode()
    assert page.count("Health:") == 1
    assert "practices healthy" in page
    assert ShareAccess.objects.filter(share=shared).exists()


def test_a_viewer_with_no_career_record_gets_the_no_record_page_on_owner_pages(share, viewer):
    for url in ["/", "/plan/", "/wins/", "/sharing/"]:
        response = viewer.get(url)
        assert response.status_code == 403, url
        assert reverse("sharing:shared-with-me") in response.content.decode()


def test_a_viewers_navigation_leads_only_to_their_pages(share, viewer):
    page = viewer.get(reverse("sharing:shared-with-me")).content.decode()
    assert 'href="/plan/"' not in page
    assert "Shared with me" in page


def _account_links(page: str) -> list[tuple[str, str]]:
    """The account navigation's links, (href, text), in the order a keyboard reaches them."""
    account = re.search(r'<nav aria-label="Account".*?</nav>', page, re.S).group(0)
    return re.findall(r'<li><a href="([^"]+)"[^>]*>([^<]+)</a></li>', account)


def test_an_owner_who_is_also_a_viewer_finds_shared_with_me_beside_sharing(dana):
    """A plain link in the account navigation (so Tab reaches it), only while a share to
    them is live: it appears once they accept one and goes when it is revoked."""
    from wayfinder.network.tests.factories import PersonFactory
    from wayfinder.sharing.services import share_accept, share_create

    priya = ProfileFactory(display_name="Priya Shah")
    client = Client()
    client.force_login(priya.user)
    home = ("/sharing/shared/", "Shared with me")
    assert home not in _account_links(client.get("/").content.decode())
    person = PersonFactory(owner=dana, name="Priya Shah", email="priya@example.com")
    share, token = share_create(
        owner=dana,
        person=person,
        sections=["goals"],
        expires_on=TODAY + dt.timedelta(days=90),
        today=TODAY,
    )
    share_accept(token=token, user=priya.user, today=TODAY)
    links = _account_links(client.get("/").content.decode())
    assert links[:2] == [("/sharing/", "Sharing"), home]
    page = client.get(reverse("sharing:shared-with-me"))
    assert page.status_code == 200 and "Dana Okafor" in page.content.decode()
    current = re.findall(r'<a href="([^"]+)" aria-current="page">', page.content.decode())
    assert current == ["/sharing/shared/"]
    share_revoke(owner=dana, share=share)
    assert home not in _account_links(client.get("/").content.decode())


def test_an_owners_pages_ask_nothing_more_for_the_link(owner, django_assert_num_queries):
    """Worked out when they sign in, then kept for the day: a page costs what it did."""
    from wayfinder.core.navigation import main_navigation

    client = Client()
    client.force_login(owner.user)
    request = client.get("/").wsgi_request
    with django_assert_num_queries(0):
        main_navigation(request)


def test_comments_are_offered_where_the_share_takes_them(dana, rob, viewer):
    share = AcceptedShareFactory(owner=dana, viewer=rob, allow_comments=True)
    WinFactory(owner=dana, title="Closed the Acme deal", occurred_on=TODAY)
    page = viewer.get(_section(share, SectionKey.WINS)).content.decode()
    assert reverse("sharing:comment-add", args=[share.pk]) in page


def test_an_anonymous_visitor_is_sent_to_sign_in(share):
    response = Client().get(_section(share, SectionKey.PLAN))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:signin"))


def test_the_owner_herself_has_no_viewer_access_to_her_share(dana, share):
    client = Client()
    client.force_login(dana.user)
    assert client.get(_section(share, SectionKey.PLAN)).status_code == 404


def _viewer_urls(share) -> list[str]:
    """The pages that show a share to its viewer: its overview, a section, a comparison of
    two plan revisions, and Shared with me."""
    from wayfinder.plan.models import PlanRevision
    from wayfinder.plan.services import plan_revise

    for _ in range(2):
        plan_revise(owner=share.owner, today=TODAY)
    older, newer = (
        PlanRevision.objects.for_owner(share.owner)
        .order_by("number")
        .values_list("number", flat=True)
    )
    compare = reverse("sharing:viewer-plan-compare", args=[share.pk])
    return [
        reverse("sharing:viewer-share", args=[share.pk]),
        _section(share, SectionKey.PLAN),
        f"{compare}?from={older}&to={newer}",
    ]


@pytest.mark.parametrize(
    ("zone", "utc_hour", "days_after", "shown"),
    [
        # 19:00 on the share's last day in Los Angeles, 03:00 the next day on the server.
        ("America/Los_Angeles", 3, 1, True),
        # 01:00 the day after the last one in Auckland, noon on the server's last day.
        ("Pacific/Auckland", 12, 0, False),
    ],
    ids=["still the last day where the owner is", "already past where the owner is"],
)
def test_the_viewers_pages_show_a_share_on_the_owners_day_as_a_comment_is_taken(
    dana, rob, zone, utc_hour, days_after, shown
):
    """Near midnight a page shows a share exactly when a comment on it would be taken:
    both read the owner's today (sharing.selectors.viewer_share_today), not the server's."""
    import time_machine

    from wayfinder.sharing.models import Comment

    dana.time_zone = zone
    dana.save(update_fields=["time_zone"])
    share = AcceptedShareFactory(
        owner=dana, viewer=rob, sections=[SectionKey.PLAN], expires_on=TODAY, allow_comments=True
    )
    action = DevelopmentActionFactory(owner=dana, title="Present Q3 to the CRO")
    urls = _viewer_urls(share)
    moment = dt.datetime.combine(
        TODAY + dt.timedelta(days=days_after), dt.time(utc_hour), tzinfo=dt.UTC
    )
    with time_machine.travel(moment, tick=False):
        viewer = Client()
        viewer.force_login(rob)
        statuses = [viewer.get(url).status_code for url in urls]
        home = viewer.get(reverse("sharing:shared-with-me")).content.decode()
        viewer.post(
            reverse("sharing:comment-add", args=[share.pk]),
            {"item_kind": "action", "item_id": str(action.pk), "body": "Looks right."},
        )
    commented = Comment.objects.filter(share=share).exists()
    assert statuses == [200 if shown else 404] * len(urls)
    assert (reverse("sharing:viewer-share", args=[share.pk]) in home) is shown
    assert commented is shown
