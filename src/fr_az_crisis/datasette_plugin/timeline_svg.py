"""A server-side SVG timeline (Gantt-style): no script, no network, escaped labels."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from fr_az_crisis.definition import project_definition
from fr_az_crisis.schema_names import events as E
from fr_az_crisis.schema_names import timeline as T

ROW, LEFT, WIDTH, LABEL = 26, 20, 560, 520
OTHER = "#444"


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


def render_timeline_svg(events: list[dict[str, Any]], *, database: str) -> str:
    """One row per event; bars span date_start..date_end; events before the axis are clipped."""
    # an event known only to have begun by date_end (no_later_than) is drawn at that bound
    events = [{**e, T.date_start: e.get(T.date_start) or e.get(T.date_end)} for e in events]
    dated = [e for e in events if e.get(T.date_start)]
    recent = [date.fromisoformat(e[T.date_start]) for e in dated if e[T.date_start] >= "2023-01-01"]
    lo = min(recent or [date(2023, 1, 1)]).replace(day=1)
    hi = max(date.fromisoformat(e[T.date_end]) for e in dated) if dated else lo

    span = max((hi - lo).days, 1)

    def x(d: date) -> float:
        return LEFT + WIDTH * (min(max((d - lo).days, 0), span) / span)

    height = ROW * (len(dated) + 2)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline-chart" role="img" '
        f'width="{LEFT + WIDTH + LABEL}" height="{height}" aria-label="Timeline of events">'
    ]
    for month in _months(lo, hi):
        mx = x(month)
        parts.append(
            f'<line x1="{mx:.1f}" y1="0" x2="{mx:.1f}" y2="{height - ROW}" stroke="#e3e3e3"/>'
        )
        parts.append(
            f'<text x="{mx + 2:.1f}" y="{height - 8}" font-size="10" fill="#555">{month:%b %Y}</text>'
        )
    for i, e in enumerate(dated):
        y = ROW * (i + 1)
        start, end = date.fromisoformat(e[T.date_start]), date.fromisoformat(e[T.date_end])
        x0, x1 = x(start), x(end)
        colour = colours().get(e.get(E.episode) or "", OTHER)
        clipped = start < lo
        title = f"{e[T.title]} ({e[T.date_start]}..{e[T.date_end]}, {e[T.date_precision]})"
        href = quoteattr(f"/{database}/events/{e[T.event_id]}")
        parts.append(
            f'<a href={href} class="timeline-event" data-event-id={quoteattr(e[T.event_id])}>'
        )
        parts.append(f"<title>{escape(title)}</title>")
        parts.append(
            f'<rect x="{x0:.1f}" y="{y - 8}" width="{max(x1 - x0, 4):.1f}" height="14" rx="3" fill="{colour}"/>'
        )
        label = ("« " if clipped else "") + f"{date_label(e)} {e[T.title]}"
        parts.append(
            f'<text x="{max(x1, x0 + 4) + 6:.1f}" y="{y + 3}" font-size="12">{escape(label)}</text>'
        )
        parts.append("</a>")
    parts.append("</svg>")
    return "".join(parts)


def _months(lo: date, hi: date) -> list[date]:
    out, d = [], lo
    while d <= hi:
        out.append(d)
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return out


def date_label(event: dict[str, Any]) -> str:
    """The date as precisely as it is known: 2023-12-26, 2023-10, 2020, a range, or 'by' a bound."""
    start, end, precision = event[T.date_start], event[T.date_end], event.get(T.date_precision)
    if precision == E.DatePrecision.NO_LATER_THAN:
        return f"by {end}"
    if precision == E.DatePrecision.DAY or start == end:
        return start
    if precision == E.DatePrecision.MONTH and start[:7] == end[:7]:
        return start[:7] if start.endswith("-01") and _is_month_end(end) else f"{start}..{end[8:]}"
    if precision == E.DatePrecision.YEAR and start[5:] == "01-01" and end[5:] == "12-31":
        return start[:4]
    return f"{start}..{end}"


def _is_month_end(iso: str) -> bool:
    d = date.fromisoformat(iso)
    return (d.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1) == d
