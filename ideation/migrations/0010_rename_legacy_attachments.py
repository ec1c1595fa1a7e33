"""Rename the attachment files that still have the name they were uploaded
with, so that their address under /media/ cannot be guessed."""

from django.db import migrations


def rename_files(apps, schema_editor):
    from ideation.legacy_attachments import rename_legacy_attachments

    rename_legacy_attachments(apps.get_model("ideation", "Idea"))


class Migration(migrations.Migration):
    dependencies = [
        ("ideation", "0009_moderation_decision_notifications"),
    ]

    # Reversing keeps the random names: the old ones are what this fixes.
    operations = [migrations.RunPython(rename_files, migrations.RunPython.noop)]
