"""Let editors manage registrations, check people in and export lists."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from accounts.groups import EDITORS

CODENAMES = [
    "view_registration",
    "add_registration",
    "change_registration",
    "delete_registration",
    "check_in_registration",
    "export_registration",
    "add_speaker",
    "change_speaker",
    "delete_speaker",
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("events")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=EDITORS)
    permissions = Permission.objects.filter(
        content_type__app_label="events", codename__in=CODENAMES
    )
    group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=EDITORS).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="events", codename__in=CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_registrations_and_programme"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
