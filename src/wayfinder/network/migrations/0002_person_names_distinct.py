"""Before people's names become unique per owner (any case), tell apart any two that
share one, which concurrent captures could make: the later ones get " (2)", " (3)"..."""

from django.db import migrations
from django.db.models.functions import Lower


def tell_apart(apps, schema_editor):
    Person = apps.get_model("network", "Person")
    people = Person.objects.annotate(lowered=Lower("name")).order_by("owner_id", "lowered", "id")
    taken: set[tuple[int, str]] = set(
        (person.owner_id, person.lowered) for person in people.only("owner_id", "name")
    )
    seen: set[tuple[int, str]] = set()
    for person in people:
        key = (person.owner_id, person.lowered)
        if key not in seen:
            seen.add(key)
            continue
        number = 2
        while (person.owner_id, f"{person.lowered} ({number})") in taken:
            number += 1
        person.name = f"{person.name} ({number})"[-200:]
        taken.add((person.owner_id, f"{person.lowered} ({number})"))
        person.save(update_fields=["name"])


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]

    operations = [migrations.RunPython(tell_apart, migrations.RunPython.noop)]
