from django.db import migrations

from accounts.groups import sync_groups


class Migration(migrations.Migration):
    """Let Smart Lab facilitators edit the idea statuses and categories."""

    dependencies = [
        ("accounts", "0005_french_workflow_names"),
        ("ideation", "0007_unaccent_extension"),
    ]

    operations = [migrations.RunPython(sync_groups, migrations.RunPython.noop)]
