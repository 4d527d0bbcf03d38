"""The 404 and 500 pages use the site's layout; the 404 keeps the navigation."""

import pytest
from django.urls import include, path

pytestmark = pytest.mark.django_db


def _broken_view(request):
    raise RuntimeError("a bug in a view")


# This module doubles as a URLconf: the whole site, plus one view that fails.
urlpatterns = [
    path("broken/", _broken_view),
    path("", include("wayfinder.urls")),
]


def test_a_missing_page_is_a_styled_404_with_the_navigation(client, owner, settings):
    settings.DEBUG = False
    client.force_login(owner.user)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "There is no page here" in content
    assert "wayfinder/app.css" in content
    assert '<nav aria-label="Main">' in content
    assert "Not Found" not in content  # not Django's bare page


def test_a_missing_page_signed_out_is_styled_without_the_navigation(client, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "There is no page here" in content
    assert "wayfinder/app.css" in content
    assert '<nav aria-label="Main">' not in content


def test_a_record_of_someone_else_is_the_styled_404(client, owner, outsider, settings):
    from wayfinder.wins.tests.factories import WinFactory

    settings.DEBUG = False
    win = WinFactory(owner=outsider)
    client.force_login(owner.user)
    response = client.get(f"/wins/{win.pk}/")
    assert response.status_code == 404
    assert "There is no page here" in response.content.decode()


@pytest.mark.urls(__name__)
def test_a_view_that_raises_renders_the_styled_500(client, owner, settings):
    settings.DEBUG = False
    client.raise_request_exception = False
    client.force_login(owner.user)
    response = client.get("/broken/")
    assert response.status_code == 500
    content = response.content.decode()
    assert "Something went wrong on our side" in content
    assert "wayfinder/app.css" in content
    assert "a bug in a view" not in content  # nothing of the error leaks
