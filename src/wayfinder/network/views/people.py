"""The network: a grid by level and function, a filtered list, adding and editing people."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from wayfinder.core.errors import sentence
from wayfinder.core.forms import StaleEdit
from wayfinder.core.models import Profile
from wayfinder.core.thresholds import thresholds_for
from wayfinder.core.web import HtmxHttpRequest, owner_of, paginate, posted, render_page, today_for
from wayfinder.network.candidates import Approach, approach
from wayfinder.network.forms import PeopleFilterForm, PersonForm
from wayfinder.network.models import Person
from wayfinder.network.selectors import GridCard, PeopleGrid, network_breadth, people_grid
from wayfinder.network.selectors import people_list as select_people
from wayfinder.network.services import (
    NetworkError,
    person_archive,
    person_create,
    person_delete,
    person_restore,
    person_update,
)

# The grid's rows, highest first: one band for everyone three or more levels up, one for
# everyone below the owner, so the grid stays five rows tall however deep the org.
GRID_BANDS = [
    ("+3 and up", "senior leaders", lambda level: level >= 3),
    ("+2", "skip-level", lambda level: level == 2),
    ("+1", "your manager's level", lambda level: level == 1),
    ("0", "your level", lambda level: level == 0),
    ("-1 and below", "your reports and below", lambda level: level <= -1),
]


@dataclass(frozen=True)
class GridCell:
    """The people shown in one cell of the grid: mentors, sponsors and stakeholders first."""

    cards: list[GridCard]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.cards)

    def __bool__(self) -> bool:
        return self.total > 0


# A cell names this many people; the list view holds everyone.
CELL_SHOWN = 6


def _cell(cards: list[GridCard]) -> GridCell:
    ranked = sorted(cards, key=lambda card: not card.marks)  # stable: names stay in order
    return GridCell(ranked[:CELL_SHOWN], len(cards))


@dataclass(frozen=True)
class GridRow:
    label: str
    description: str
    cells: list[GridCell]


def _grid_rows(grid: PeopleGrid) -> list[GridRow]:
    return [
        GridRow(
            label,
            description,
            [
                _cell(
                    [
                        card
                        for level in grid.levels
                        if in_band(level)
                        for card in grid.cell(level, f)
                    ]
                )
                for f in grid.functions
            ],
        )
        for label, description, in_band in GRID_BANDS
    ]


def _person(request: HttpRequest, pk: int) -> Person:
    return get_object_or_404(Person.objects.for_owner(owner_of(request)), pk=pk)


def _approach(owner: Profile, today: dt.date) -> Approach:
    return approach(owner=owner, today=today, limits=thresholds_for(owner=owner))


def people_grid_page(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    today = today_for(owner)
    grid = people_grid(owner=owner, today=today)
    return render_page(
        request,
        "network/people_grid.html",
        {
            "functions": grid.functions,
            "rows": _grid_rows(grid),
            "breadth": network_breadth(owner=owner),
            "own_function": owner.function.casefold(),
            "approach": _approach(owner, today),
        },
    )


def people_list(request: HtmxHttpRequest) -> HttpResponse:
    owner = owner_of(request)
    functions = sorted(
        {
            f
            for f in Person.objects.for_owner(owner)
            .exclude(function="")
            .values_list("function", flat=True)
            .distinct()
        },
        key=str.casefold,
    )
    filters = PeopleFilterForm(request.GET or None, functions=functions)
    criteria = {}
    if filters.is_valid():
        criteria = {
            "role": filters.cleaned_data["role"] or None,
            "level": filters.cleaned_data["level"],
            "function": filters.cleaned_data["function"] or None,
            "include_archived": filters.cleaned_data["archived"],
        }
    return render_page(
        request,
        "network/people_list.html",
        {
            "people": paginate(
                request,
                select_people(owner=owner, today=today_for(owner), **criteria),
                per_page=100,
            ),
            "filters": filters,
            "approach": None if request.htmx else _approach(owner, today_for(owner)),
            # Level 0 (peers) is a filter too, so test for identity rather than truth.
            "filtered": any(
                value is not None and value is not False for value in criteria.values()
            ),
        },
        partial="people-list",
    )


def person_new(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    form = PersonForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            person = person_create(owner=owner, **form.cleaned_data)
        except NetworkError as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, f"{person.name} is in your network.")
            return redirect(person)
    return render_page(request, "network/person_form.html", {"form": form})


def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    person = _person(request, pk)
    name = person.name
    # Bound without the instance (as the API binds it): a ModelForm would rename the person
    # while validating, before the service compares the new name with the old one.
    current = model_to_dict(person, fields=PersonForm._meta.fields)
    form = PersonForm(posted(request), initial=current, edited=person)
    if request.method == "POST" and form.is_valid():
        try:
            with form.unchanged_since_opened():
                person_update(owner=owner, person=person, **form.cleaned_data)
        except (NetworkError, StaleEdit) as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, "Saved.")
            return redirect(person)
    return render_page(
        request, "network/person_form.html", {"form": form, "person": person, "name": name}
    )


@require_POST
def person_archive_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    person = _person(request, pk)
    if person.is_active:
        person_archive(owner=owner, person=person)
        messages.success(request, f"{person.name} is archived; their history stays.")
    else:
        person_restore(owner=owner, person=person)
        messages.success(request, f"{person.name} is back in your active network.")
    return redirect(person)


def person_remove(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    person = _person(request, pk)
    if request.method == "POST":
        person_delete(owner=owner, person=person)
        messages.success(request, f"{person.name} is deleted.")
        return redirect("network:people")
    return render_page(
        request,
        "core/confirm_delete.html",
        {
            "object": person,
            "what": "person",
            "cancel_url": person.get_absolute_url(),
            "consequence": "Their roles and what you noted about them go too; interactions "
            "stay for the others who were in them. Archiving keeps the history instead.",
        },
    )
