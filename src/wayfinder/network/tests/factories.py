from __future__ import annotations

import factory
from faker import Faker

from wayfinder.core.tests.factories import TODAY, OwnedFactory
from wayfinder.network.models import Interaction, InteractionKind, Person, PersonRole, Role

# An owner's people have distinct names (a unique constraint): never draw one twice.
_names = Faker()


class PersonFactory(OwnedFactory):
    class Meta:
        model = Person

    name = factory.LazyFunction(lambda: _names.unique.name())
    title = "Head of Sales"
    function = "Sales"
    organisation = "Northwind"
    relative_level = 1


class PersonRoleFactory(OwnedFactory):
    class Meta:
        model = PersonRole

    person = factory.SubFactory(PersonFactory, owner=factory.SelfAttribute("..owner"))
    role = Role.MENTOR


class InteractionFactory(OwnedFactory):
    class Meta:
        model = Interaction
        skip_postgeneration_save = True

    occurred_on = TODAY
    kind = InteractionKind.COFFEE
    notes = "Talked about the next quarter."

    @factory.post_generation
    def people(self, create, extracted, **kwargs):
        if create and extracted:
            self.people.set(extracted)
