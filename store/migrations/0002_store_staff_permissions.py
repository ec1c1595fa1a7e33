"""Give the store staff group the permissions to manage the store's snippets."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STORE_STAFF = "Équipe du Smart Store"
MODELS = ("equipmenttype", "equipmentunit", "openinghours", "closure")
ACTIONS = ("add", "change", "delete", "view")


def grant(apps, schema_editor):
    store = apps.get_app_config("store")
    store.models_module = True
    create_permissions(store, verbosity=0, apps=apps)
    store.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=STORE_STAFF)
    codenames = [f"{action}_{model}" for model in MODELS for action in ACTIONS]
    codenames.append("change_storesettings")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="store", codename__in=codenames
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("store", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
