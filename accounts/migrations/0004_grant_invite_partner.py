from django.db import migrations

from accounts.groups import sync_groups


class Migration(migrations.Migration):
    """Let editors and lab facilitators invite partners."""

    dependencies = [
        ("accounts", "0002_create_groups"),
        ("accounts", "0003_profile_invitations_account_events"),
    ]

    operations = [migrations.RunPython(sync_groups, migrations.RunPython.noop)]
