"""The chronology at a glance: one row per event, a bar from its earliest to its latest
possible date, coloured by episode, each linking to the event's page.

Plain HTML and CSS (no script, no SVG text to shrink): the label wraps and the bar scales
with the window, so the chart reads on a phone. The axis covers the middle 90% of the dates,
so one event dated 2020, or 9999-12-31, does not squeeze the rest into a line; events beyond
the axis are drawn at its edge and marked « or ». Any date Python can hold (0001 to 9999) is
drawn; a date that does not parse is listed without a bar.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

from datasette.utils.asgi import Response

from fr_az_crisis.datasette_plugin.links import row_url
from fr_az_crisis.datasette_plugin.queries import DATABASE, one, rows
from fr_az_crisis.date_labels import date_label
from fr_az_crisis.definition import project_definition
from fr_az_crisis.schema_names import events as E
from fr_az_crisis.schema_names import timeline as T

ROWS_PER_PAGE = 300
AXIS_SHARE = 0.90
"""Share of the dates (the middle) that the axis spans; the rest are clipped at its edges."""
MAX_TICKS = 12
STEPS_IN_MONTHS = (1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000, 12000)
OTHER_COLOUR = "#444444"


def colours() -> dict[str, str]:
    """Episode colours, declared with the episode values in the events schema."""
    return dict(project_definition().table(E.TABLE).datasette["colors"][E.episode])


def legend() -> list[dict[str, str]]:
    """One entry per episode value, in schema order: value, its meaning, colour and its name."""
    table = project_definition().table(E.TABLE)
    field = table.field(E.episode)
    names = table.datasette["colorLabels"][E.episode]
    return [
        {
            "value": v,
            "description": field.value_descriptions[v],
            "colour": colours()[v],
            "colour_name": names[v],
        }
        for v in field.enum or ()
    ]


def _month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


def _month_start(index: int) -> date | None:
    year, month = divmod(index, 12)
    return date(year, month + 1, 1) if 1 <= year <= 9999 else None


@dataclass(frozen=True)
class Axis:
    low: date
    high: date

    @property
    def days(self) -> int:
        return self.high.toordinal() - self.low.toordinal() + 1

    def percent(self, d: date) -> float:
        offset = min(max(d.toordinal() - self.low.toordinal(), 0), self.days)
        return 100.0 * offset / self.days

    def ticks(self) -> list[dict[str, Any]]:
        first, last = _month_index(self.low), _month_index(self.high)
        step = next((s for s in STEPS_IN_MONTHS if (last - first) // s + 1 <= MAX_TICKS), 12000)
        out = []
        for index in range(first - first % step if step >= 12 else first, last + 1, step):
            start = _month_start(index)
            if start is None or start < self.low:
                continue
            label = f"{start:%Y}" if step >= 12 else f"{start:%b %Y}"
            out.append({"left": round(self.percent(start), 3), "label": label})
        return out


def axis_for(low: str | None, high: str | None) -> Axis:
    """Whole months around the middle of the dates (a single month when there is one date)."""
    lo = _parse(low) or date(2000, 1, 1)
    hi = _parse(high) or lo
    if hi < lo:
        lo, hi = hi, lo
    start = date(lo.year, lo.month, 1)
    end_index = _month_index(hi) + 1
    following = _month_start(end_index)
    end = date.fromordinal(following.toordinal() - 1) if following else date(9999, 12, 31)
    return Axis(start, end)


def _parse(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def bar(axis: Axis, start: str, end: str) -> dict[str, Any] | None:
    first, last = _parse(start), _parse(end)
    if first is None or last is None:
        return None
    if last < first:
        first, last = last, first
    left = axis.percent(first)
    right = axis.percent(date.fromordinal(min(last.toordinal() + 1, date.max.toordinal())))
    return {
        "left": round(left, 3),
        "width": round(max(right - left, 0.4), 3),
        "before": first < axis.low,
        "after": last > axis.high,
    }


async def chronology_page(datasette: Any, request: Any) -> Response:
    total = int((await one(datasette, "timelineCount") or {}).get("n", 0))
    pages = max(1, math.ceil(total / ROWS_PER_PAGE))
    try:
        page = min(max(int(request.args.get("page", "1")), 1), pages)
    except ValueError:
        page = 1
    margin = (1 - AXIS_SHARE) / 2
    bounds = await one(
        datasette,
        "timelineBounds",
        low=int(total * margin),
        high=max(math.ceil(total * (1 - margin)) - 1, 0),
    )
    axis = axis_for((bounds or {}).get("low"), (bounds or {}).get("high"))
    palette = colours()
    events = []
    for r in await rows(
        datasette, "timelineRows", limit=ROWS_PER_PAGE, offset=(page - 1) * ROWS_PER_PAGE
    ):
        events.append(
            {
                **r,
                "label": date_label(r[T.date_start], r[T.date_end], r[T.date_precision]),
                "url": row_url(datasette, E.TABLE, r[T.event_id]),
                "bar": bar(axis, r[T.date_start], r[T.date_end]),
                "colour": palette.get(r[T.episode] or "", OTHER_COLOUR),
            }
        )
    context = {
        "rows": events,
        "legend": legend(),
        "ticks": axis.ticks(),
        "axis": {"low": axis.low.isoformat(), "high": axis.high.isoformat()},
        "total": total,
        "page": page,
        "pages": pages,
        "earlier_url": f"?page={page - 1}" if page > 1 else None,
        "later_url": f"?page={page + 1}" if page < pages else None,
        "table_url": datasette.urls.table(DATABASE, T.TABLE),
    }
    return Response.html(
        await datasette.render_template("timeline_chart.html", context, request=request)
    )
