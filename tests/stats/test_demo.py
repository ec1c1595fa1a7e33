"""The demo history gives the committee +123 % then +52 %, and is idempotent."""

import pytest
from django.core.management import call_command

from events.models import Registration
from stats.periods import Quarter
from stats.report import build_report
from store.models import DeskVisit


@pytest.mark.django_db
def test_demo_history_growth_and_idempotence():
    call_command("seed_demo", verbosity=0)
    counts = (Registration.objects.count(), DeskVisit.objects.count())

    call_command("seed_demo", verbosity=0)
    last = Quarter.current().previous()
    attendance = next(
        row
        for row in build_report(last.period(), {}).rows()
        if row.key == "events.attendance"
    )
    before = next(
        row
        for row in build_report(last.previous().period(), {}).rows()
        if row.key == "events.attendance"
    )

    assert (Registration.objects.count(), DeskVisit.objects.count()) == counts
    assert attendance.value == 163
    assert attendance.growth_text == "+52\u00a0%"
    assert before.growth_text == "+123\u00a0%"
