from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """Create PostgreSQL's unaccent extension, which the board search folds
    text with; nothing happens on SQLite."""

    dependencies = [("ideation", "0006_notification_hidden_reason")]

    operations = [UnaccentExtension()]
