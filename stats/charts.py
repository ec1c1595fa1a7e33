"""Bar charts drawn on the server as SVG, each read with its data table.

The SVG is an image with a title and a description (``role="img"``); the
figures themselves are in the HTML table next to it, which screen readers
and keyboard users read instead. No script, no external library.
"""

import dataclasses

from django.template.loader import render_to_string
from django.utils.formats import number_format

WIDTH = 640
BAR_HEIGHT = 28
BAR_GAP = 10
LABEL_WIDTH = 220
VALUE_WIDTH = 70
COLUMN_CHART_HEIGHT = 220
AXIS_LABEL_HEIGHT = 28


@dataclasses.dataclass
class Bar:
    label: str
    value: float | None
    x: float = 0
    y: float = 0
    width: float = 0
    height: float = 0
    text_x: float = 0
    text_y: float = 0

    @property
    def display(self) -> str:
        if self.value is None:
            return "–"
        # Grouped as in the tables beside the charts ("12 345", "12,345").
        return number_format(
            round(self.value), decimal_pos=0, use_l10n=True, force_grouping=True
        )


def scale(values: list[float | None]) -> float:
    biggest = max((value for value in values if value), default=0)
    return biggest or 1


def horizontal_bars(chart_id: str, title: str, items: list[tuple[str, float]]):
    """Render one horizontal bar per item: a breakdown by site, kind…"""
    biggest = scale([value for _label, value in items])
    room = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = []
    for index, (label, value) in enumerate(items):
        top = index * (BAR_HEIGHT + BAR_GAP)
        length = room * (value or 0) / biggest
        bars.append(
            Bar(
                label=label,
                value=value,
                x=LABEL_WIDTH,
                y=top,
                width=max(length, 1 if value else 0),
                height=BAR_HEIGHT,
                text_x=LABEL_WIDTH + length + 6,
                text_y=top + BAR_HEIGHT * 0.68,
            )
        )
    height = max(1, len(items)) * (BAR_HEIGHT + BAR_GAP)
    return render_to_string(
        "stats/charts/horizontal_bars.svg",
        {
            "chart_id": chart_id,
            "title": title,
            "bars": bars,
            "width": WIDTH,
            "height": height,
            "label_x": LABEL_WIDTH - 8,
        },
    )


def columns(chart_id: str, title: str, items: list[tuple[str, float | None]]):
    """Render one column per item: a value over successive quarters."""
    biggest = scale([value for _label, value in items])
    slot = WIDTH / max(1, len(items))
    bars = []
    for index, (label, value) in enumerate(items):
        length = (COLUMN_CHART_HEIGHT - 24) * (value or 0) / biggest
        left = index * slot + slot * 0.2
        bars.append(
            Bar(
                label=label,
                value=value,
                x=left,
                y=COLUMN_CHART_HEIGHT - length,
                width=slot * 0.6,
                height=length,
                text_x=left + slot * 0.3,
                text_y=COLUMN_CHART_HEIGHT - length - 6,
            )
        )
    return render_to_string(
        "stats/charts/columns.svg",
        {
            "chart_id": chart_id,
            "title": title,
            "bars": bars,
            "width": WIDTH,
            "height": COLUMN_CHART_HEIGHT + AXIS_LABEL_HEIGHT,
            "axis_y": COLUMN_CHART_HEIGHT,
            "label_y": COLUMN_CHART_HEIGHT + 20,
            "slot": slot,
        },
    )
