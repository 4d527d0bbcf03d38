"""Plans are created when first needed; drop the empty ones that `wayfinder init` used to
make, so an owner set up before has no plan until they put something on it (and an
import into them brings its own)."""

from django.db import migrations


def drop_untouched_plans(apps, schema_editor):
    plan_model = apps.get_model("plan", "DevelopmentPlan")
    default_title = plan_model._meta.get_field("title").default
    plan_model.objects.filter(
        title=default_title, focus="", actions__isnull=True, revisions__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("plan", "0001_initial")]

    operations = [migrations.RunPython(drop_untouched_plans, migrations.RunPython.noop)]
