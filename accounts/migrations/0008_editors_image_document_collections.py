from django.db import migrations

from accounts.groups import sync_groups


class Migration(migrations.Migration):
    """Let editors add and change images and documents in Wagtail's admin."""

    dependencies = [
        ("accounts", "0007_store_staff_check_in"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(sync_groups, migrations.RunPython.noop)]
