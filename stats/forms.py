"""The report's filters, read from the query string and checked."""

from django import forms
from django.utils.translation import gettext_lazy as _

from stats.dimensions import DIMENSION_LABELS, filter_choices
from stats.exports import FORMATS
from stats.metrics import all_dimensions
from stats.periods import Period, Quarter, recent_quarters

# Longest range the report computes in one go: five years of records.
MAX_RANGE_DAYS = 5 * 366
QUARTERS_OFFERED = 12


def quarter_choices() -> list[tuple[str, str]]:
    last = Quarter.current()
    quarters = reversed(recent_quarters(last, QUARTERS_OFFERED))
    return [(quarter.code, str(quarter)) for quarter in quarters]


# Options longer than this, in characters, do not fit a 17rem column.
WIDE_CHOICE_LENGTH = 28


class ReportFilterForm(forms.Form):
    quarter = forms.ChoiceField(label=_("Quarter"), required=False)
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end = forms.DateField(
        label=_("To (included)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    export = forms.ChoiceField(label=_("Export"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter"].choices = [
            ("", _("Current quarter")),
            *quarter_choices(),
        ]
        self.fields["export"].choices = [("", "")] + list(FORMATS.items())
        for dimension in all_dimensions():
            choices = filter_choices(dimension)
            if choices is None:
                continue
            field = forms.ChoiceField(
                label=DIMENSION_LABELS.get(dimension, dimension),
                required=False,
                choices=[("", _("All"))] + choices,
            )
            # A list of long names (sites, boards) takes a row of its own, so
            # that the chosen name is not cut.
            field.wide = any(
                len(str(label)) > WIDE_CHOICE_LENGTH for _v, label in choices
            )
            self.fields[dimension] = field

    def check_unknown_parameters(self, parameters) -> None:
        """Refuse query parameters that are not filters, naming them."""
        unknown = sorted(set(parameters) - set(self.fields))
        if unknown:
            self.add_error(
                None,
                forms.ValidationError(
                    _("Unknown filter: %(names)s. Use the form below."),
                    code="unknown_filter",
                    params={"names": ", ".join(unknown)},
                ),
            )

    def clean_quarter(self):
        code = self.cleaned_data.get("quarter")
        if not code:
            return None
        try:
            return Quarter.parse(code)
        except ValueError as error:
            raise forms.ValidationError(
                _("Choose a quarter from the list, for example %(example)s."),
                code="invalid_quarter",
                params={"example": Quarter.current().code},
            ) from error

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if self.errors:
            return data
        if bool(start) != bool(end):
            raise forms.ValidationError(
                _("Give both dates of the range, or neither to use a quarter."),
                code="half_range",
            )
        if start and end:
            if end < start:
                raise forms.ValidationError(
                    _("The end date is before the start date: swap them."),
                    code="inverted_range",
                )
            if (end - start).days > MAX_RANGE_DAYS:
                raise forms.ValidationError(
                    _("The range is longer than five years: shorten it."),
                    code="range_too_long",
                )
        return data

    def get_period(self) -> Period:
        data = self.cleaned_data
        if data.get("start") and data.get("end"):
            return Period(data["start"], data["end"])
        quarter = data.get("quarter") or Quarter.current()
        return quarter.period()

    def get_filters(self) -> dict[str, str]:
        return {
            dimension: self.cleaned_data[dimension]
            for dimension in all_dimensions()
            if self.cleaned_data.get(dimension)
        }
