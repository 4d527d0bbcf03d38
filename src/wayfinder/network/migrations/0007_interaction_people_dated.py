"""The interaction's date beside each interaction-person link, kept by the database.

"When did the owner last meet each person?" read every link of a person and, for each,
its interaction's row for the date: on the heavy dataset the week's rhythm list spent
about 40 ms of SQLite time in that join, whatever the index on the links. With the date on
the link and an index by person and date, the latest meeting of a person up to a day is one
index seek (`network.selectors.last_met_on_sql`).

The date is a copy, so triggers keep it, as search's triggers keep its index: a link takes
its interaction's date when it is written, and an interaction's links follow it when its
date changes. Every writer is kept the same way: the services (`interaction.people.set`),
quick capture's INSERT, the people import, the portability import and the demo and heavy
generators (bulk inserts), and deletes (a link goes with its interaction or person). The
link table is Django's auto-created one, which the ORM reads without this column, so the
column, the index and the triggers are plain SQL, on SQLite and on PostgreSQL.
"""

from django.db import migrations

SQLITE = [
    "ALTER TABLE network_interaction_people ADD COLUMN occurred_on date NULL",
    """
    UPDATE network_interaction_people SET occurred_on = (
        SELECT i.occurred_on FROM network_interaction i WHERE i.id = interaction_id
    )
    """,
    """
    CREATE TRIGGER network_interaction_people_dated AFTER INSERT ON network_interaction_people
    BEGIN
        UPDATE network_interaction_people SET occurred_on = (
            SELECT i.occurred_on FROM network_interaction i WHERE i.id = NEW.interaction_id
        ) WHERE id = NEW.id;
    END
    """,
    """
    CREATE TRIGGER network_interaction_people_redated
    AFTER UPDATE OF interaction_id ON network_interaction_people
    BEGIN
        UPDATE network_interaction_people SET occurred_on = (
            SELECT i.occurred_on FROM network_interaction i WHERE i.id = NEW.interaction_id
        ) WHERE id = NEW.id;
    END
    """,
    """
    CREATE TRIGGER network_interaction_date_moved AFTER UPDATE OF occurred_on ON network_interaction
    WHEN NEW.occurred_on IS NOT OLD.occurred_on
    BEGIN
        UPDATE network_interaction_people SET occurred_on = NEW.occurred_on
        WHERE interaction_id = NEW.id;
    END
    """,
]

POSTGRESQL = [
    "ALTER TABLE network_interaction_people ADD COLUMN occurred_on date NULL",
    """
    UPDATE network_interaction_people l SET occurred_on = i.occurred_on
    FROM network_interaction i WHERE i.id = l.interaction_id
    """,
    """
    CREATE FUNCTION network_interaction_people_dated() RETURNS trigger AS $$
    BEGIN
        SELECT i.occurred_on INTO NEW.occurred_on
        FROM network_interaction i WHERE i.id = NEW.interaction_id;
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER network_interaction_people_dated
    BEFORE INSERT OR UPDATE OF interaction_id ON network_interaction_people
    FOR EACH ROW EXECUTE FUNCTION network_interaction_people_dated()
    """,
    """
    CREATE FUNCTION network_interaction_date_moved() RETURNS trigger AS $$
    BEGIN
        UPDATE network_interaction_people SET occurred_on = NEW.occurred_on
        WHERE interaction_id = NEW.id;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER network_interaction_date_moved
    AFTER UPDATE OF occurred_on ON network_interaction
    FOR EACH ROW WHEN (OLD.occurred_on IS DISTINCT FROM NEW.occurred_on)
    EXECUTE FUNCTION network_interaction_date_moved()
    """,
]

INDEX = (
    "CREATE INDEX network_interaction_people_by_person_date "
    "ON network_interaction_people (person_id, occurred_on)"
)

SQLITE_REVERSE = [
    "DROP TRIGGER network_interaction_date_moved",
    "DROP TRIGGER network_interaction_people_redated",
    "DROP TRIGGER network_interaction_people_dated",
    "DROP INDEX network_interaction_people_by_person_date",
    "ALTER TABLE network_interaction_people DROP COLUMN occurred_on",
]

POSTGRESQL_REVERSE = [
    "DROP TRIGGER network_interaction_date_moved ON network_interaction",
    "DROP FUNCTION network_interaction_date_moved()",
    "DROP TRIGGER network_interaction_people_dated ON network_interaction_people",
    "DROP FUNCTION network_interaction_people_dated()",
    "DROP INDEX network_interaction_people_by_person_date",
    "ALTER TABLE network_interaction_people DROP COLUMN occurred_on",
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor) -> None:
        for statement in statements[schema_editor.connection.vendor]:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0006_interaction_people_by_person"),
    ]

    operations = [
        migrations.RunPython(
            _run({"sqlite": [*SQLITE, INDEX], "postgresql": [*POSTGRESQL, INDEX]}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
