"""Quarter numbers read Q1 to Q4 in English and T1 to T4 in French."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0006_walk_ins_without_email"),
    ]

    operations = [
        migrations.AlterField(
            model_name="quarter",
            name="number",
            field=models.PositiveSmallIntegerField(
                choices=[(1, "Q1"), (2, "Q2"), (3, "Q3"), (4, "Q4")],
                verbose_name="quarter",
            ),
        ),
    ]
