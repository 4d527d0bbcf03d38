"""Concurrent creation of the same thing gives one row and no error (issue 8, §3.4).

Threads start together at a barrier and each creates the same skill, role, ladder or
person. Constraints and get-or-create in a savepoint, not check-then-insert, make this
safe on PostgreSQL. On SQLite writers queue on the write lock; the same tests prove the
queued writers still give one row and a sentence, not an error.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection
from django.db.models.functions import Lower

from wayfinder.core.models import Skill
from wayfinder.core.tests.factories import ProfileFactory
from wayfinder.network.models import Person, PersonRole, Role
from wayfinder.network.tests.factories import PersonFactory

THREADS = 6
ROUNDS = 3

pytestmark = pytest.mark.django_db(transaction=True)


def _all_at_once(work: Callable[[int], object]) -> tuple[list[object], list[BaseException]]:
    """Run `work(i)` in THREADS threads released together; their results and errors."""
    barrier = threading.Barrier(THREADS)
    results: list[object] = []
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            barrier.wait()
            results.append(work(i))
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_a_win_with_the_same_new_skill(today):
    from wayfinder.wins.services import win_create

    owner = ProfileFactory()
    for round_ in range(ROUNDS):
        name = f"Negotiation {round_}"
        # Different spellings of one skill: the constraint is on LOWER(name).
        spellings = [name, name.upper(), name.lower()]
        results, errors = _all_at_once(
            lambda i, name=name, spellings=spellings: win_create(
                owner=owner,
                title=f"Win {i}",
                occurred_on=today,
                skills=[spellings[i % len(spellings)]],
            )
        )
        assert errors == []
        skills = Skill.objects.for_owner(owner).filter(name__iexact=name)
        assert skills.count() == 1
        assert all(list(win.skills.all()) == [skills.get()] for win in results)


def test_the_same_role_assigned_at_once():
    from wayfinder.network.services import NetworkError, role_assign

    owner = ProfileFactory()
    for _ in range(ROUNDS):
        person = PersonFactory(owner=owner)
        results, errors = _all_at_once(
            lambda i, person=person: role_assign(owner=owner, person=person, role=Role.MENTOR)
        )
        # One assignment wins; the others are told, in a sentence, that it is held.
        assert len(results) == 1
        assert len(errors) == THREADS - 1
        assert all(isinstance(error, NetworkError) for error in errors), errors
        assert all("already your mentor" in str(error) for error in errors)
        assert PersonRole.objects.filter(person=person, role=Role.MENTOR).count() == 1


def test_a_ladder_with_the_same_name_imported_at_once():
    from wayfinder.advocacy.ladders import ladder_sample
    from wayfinder.advocacy.models import Ladder
    from wayfinder.advocacy.services import AdvocacyError, ladder_import

    owner = ProfileFactory()
    spec = ladder_sample("marketing")
    results, errors = _all_at_once(lambda i: ladder_import(owner=owner, spec=spec))
    assert len(results) == 1
    assert len(errors) == THREADS - 1
    assert all(isinstance(error, AdvocacyError) for error in errors), errors
    assert all("already have a ladder named" in str(error) for error in errors)
    ladder = Ladder.objects.for_owner(owner).get()
    assert ladder.levels.count() == len(spec.levels)


def test_met_with_a_new_person_at_once(monkeypatch):
    from wayfinder.cli import django_capture

    monkeypatch.setattr(django_capture, "setup_django", lambda: None)
    owner = ProfileFactory()
    username = owner.user.username
    # Plain `met` (not `--new`, which always adds a namesake) with a name nobody has yet:
    # the captures racing to add the person make one, and the others find it.
    names = ["Ada Okafor", "Bram Visser", "Chidi Eze"]
    assert len(names) >= ROUNDS
    for name in names[:ROUNDS]:
        results, errors = _all_at_once(
            lambda i, name=name: django_capture.interaction_log(
                username=username,
                person=name,
                notes=f"coffee {i}",
                kind="coffee",
                occurred_on=None,
                allow_new=False,
            )
        )
        assert errors == []
        people = (
            Person.objects.for_owner(owner)
            .alias(lowered=Lower("name"))
            .filter(lowered=name.lower())
        )
        assert people.count() == 1
        person = people.get()
        assert person.interactions.count() == THREADS
        # Only the one that added the person says so.
        assert sum("is new in your network" in line for line in results) == 1
