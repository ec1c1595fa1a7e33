from django.db import migrations

# Wagtail's migrations name the default moderation workflow and its task
# after the "Moderators" group, in English; editors read them in French in
# the admin ("Soumettre à …").
ENGLISH_NAME = "Moderators approval"
FRENCH_NAME = "Validation par les modérateurs"


def rename(apps, old: str, new: str) -> None:
    for model in ("Workflow", "Task"):
        apps.get_model("wagtailcore", model).objects.filter(name=old).update(name=new)


def to_french(apps, schema_editor):
    rename(apps, ENGLISH_NAME, FRENCH_NAME)


def to_english(apps, schema_editor):
    rename(apps, FRENCH_NAME, ENGLISH_NAME)


class Migration(migrations.Migration):
    """Name the default moderation workflow and its task in French."""

    dependencies = [
        ("accounts", "0004_grant_invite_partner"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(to_french, to_english)]
