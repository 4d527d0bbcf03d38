import pytest
from django.urls import reverse

from wayfinder.core.middleware import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def test_profile_saves_and_validates_the_time_zone(signed_in, owner):
    data = {
        "display_name": "Dana",
        "current_title": "Director of Marketing",
        "level": "D1",
        "seniority": "director",
        "function": "Marketing",
        "organisation": "Northwind",
        "time_zone": "Mars/Olympus",
    }
    response = signed_in.post(reverse("core:profile"), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "is not a time zone name" in content
    assert 'value="Director of Marketing"' in content  # what was typed is kept
    data["time_zone"] = "Europe/Berlin"
    response = signed_in.post(reverse("core:profile"), data)
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.time_zone == "Europe/Berlin"
    assert owner.current_title == "Director of Marketing"


def test_security_headers(signed_in):
    response = signed_in.get("/")
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pages_have_landmarks_and_a_skip_link(signed_in):
    content = signed_in.get("/").content.decode()
    assert '<a class="skip-link" href="#main">' in content
    assert '<main id="main"' in content
    assert '<nav aria-label="Main">' in content
    assert 'aria-current="page"' in content


def test_assets_are_served_by_the_app(signed_in):
    content = signed_in.get("/").content.decode()
    assert "/static/wayfinder/app.css" in content
    assert "/static/django_htmx/htmx" in content
    assert "https://" not in content.split("<body", 1)[0]


def test_radio_groups_are_fieldsets_with_a_legend():
    from django import forms
    from django.template.loader import render_to_string

    class Choice(forms.Form):
        verdict = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
        note = forms.CharField()

    form = Choice()
    group = render_to_string("core/field.html", {"field": form["verdict"]})
    assert "<fieldset" in group
    assert "<legend>Verdict" in group
    single = render_to_string("core/field.html", {"field": form["note"]})
    assert '<label for="id_note">Note' in single


def test_date_inputs_are_iso_whatever_the_locale():
    import datetime as dt

    from wayfinder.core.widgets import DateInput

    html = DateInput().render("due_on", dt.date(2026, 11, 23))
    assert 'type="date"' in html
    assert 'value="2026-11-23"' in html


def test_health_check_answers_without_signing_in(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_times_are_shown_in_the_owners_time_zone(client, owner):
    import datetime as dt

    from django.template import Context, Template
    from django.test import RequestFactory

    from wayfinder.core.middleware import OwnerTimeZoneMiddleware

    owner.time_zone = "Asia/Tokyo"
    owner.save()
    request = RequestFactory().get("/")
    request.user = owner.user
    moment = dt.datetime(2026, 11, 23, 23, 30, tzinfo=dt.UTC)

    def shown(request):
        return Template("{{ moment|date:'Y-m-d H:i' }}").render(Context({"moment": moment}))

    from django.http import HttpResponse

    rendered = OwnerTimeZoneMiddleware(lambda r: HttpResponse(shown(r)))(request)
    assert rendered.content.decode() == "2026-11-24 08:30"
