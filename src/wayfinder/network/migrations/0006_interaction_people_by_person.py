"""An index on the interaction-people link by person, then interaction.

"When did the owner last meet each person?" joins every person to their links and the
links to the interactions. Django's own index on the link's person holds only the link's
id, so each link row was read from the table for its interaction; with the interaction in
the index, the join reads the index alone (on the heavy dataset the week's rhythm list
went from about 60 to about 35 ms of SQLite time). The link table is Django's
auto-created one, so the index is plain SQL, the same on SQLite and PostgreSQL.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0005_person_import_fields"),
    ]

    operations = [
        migrations.RunSQL(
            sql=(
                "CREATE INDEX network_interaction_people_by_person "
                "ON network_interaction_people (person_id, interaction_id)"
            ),
            reverse_sql="DROP INDEX network_interaction_people_by_person",
        ),
    ]
