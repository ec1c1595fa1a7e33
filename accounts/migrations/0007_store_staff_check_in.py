from django.db import migrations

from accounts.groups import sync_groups


class Migration(migrations.Migration):
    """Let the Smart Store's staff check people in at events."""

    dependencies = [
        ("accounts", "0006_facilitators_edit_lab_lists"),
        ("events", "0004_registration_permissions"),
    ]

    operations = [migrations.RunPython(sync_groups, migrations.RunPython.noop)]
