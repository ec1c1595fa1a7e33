from django.db import migrations, models
from django.utils import timezone


def start_pending_links_now(apps, schema_editor):
    # The request time of older pending rows is unknown: created_at is that of
    # the row's first request. Counting their link from the migration keeps a
    # link that still works from being cut short by the purge.
    Registration = apps.get_model("events", "Registration")
    Registration.objects.filter(status="pending").update(requested_at=timezone.now())


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_registration_permissions"),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="requested_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="requested"),
        ),
        migrations.RunPython(start_pending_links_now, migrations.RunPython.noop),
    ]
