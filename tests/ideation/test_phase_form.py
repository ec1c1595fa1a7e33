"""The facilitators' phase form: help text in both languages."""

import pytest
from django.utils import translation

from ideation.forms import PhaseForm


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "1,440 for a day, up to 44,640"), ("fr", "1\u202f440 pour une journée")],
)
def test_phase_minutes_help_groups_thousands(language, expected):
    with translation.override(language):
        help_text = str(PhaseForm().fields["minutes"].help_text)

    assert expected in help_text
