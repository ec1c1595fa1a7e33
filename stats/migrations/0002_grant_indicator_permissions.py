"""Give the committee and the editors the indicators, and the committee freezing."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from accounts.groups import COMMITTEE, EDITORS

GRANTS = {
    COMMITTEE: ["view_indicators", "freeze_quarter"],
    EDITORS: ["view_indicators"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("stats")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in GRANTS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="stats", codename__in=codenames
            )
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="stats",
        codename__in=["view_indicators", "freeze_quarter"],
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("stats", "0001_initial"),
        ("accounts", "0002_create_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
