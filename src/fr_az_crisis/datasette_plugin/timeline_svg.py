"""A server-side SVG timeline (Gantt-style): no script, no network, escaped labels."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from xml.sax.saxutils import escape, quoteattr

COLOURS = {"background": "#7a869a", "expulsions_2023": "#c0392b", "recall_2024": "#2463a6"}
ROW, LEFT, WIDTH, LABEL = 26, 20, 560, 520


def render_timeline_svg(events: list[dict[str, Any]], *, database: str) -> str:
    """One row per event; bars span date_start..date_end; events before the axis are clipped."""
    dated = [e for e in events if e.get("date_start")]
    recent = [date.fromisoformat(e["date_start"]) for e in dated if e["date_start"] >= "2023-01-01"]
    lo = min(recent or [date(2023, 1, 1)]).replace(day=1)
    hi = max(date.fromisoformat(e["date_end"]) for e in dated) if dated else lo

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
        start, end = date.fromisoformat(e["date_start"]), date.fromisoformat(e["date_end"])
        x0, x1 = x(start), x(end)
        colour = COLOURS.get(e.get("episode") or "", "#444")
        clipped = start < lo
        title = f"{e['title']} ({e['date_start']}..{e['date_end']}, {e['date_precision']})"
        href = quoteattr(f"/{database}/events/{e['event_id']}")
        parts.append(
            f'<a href={href} class="timeline-event" data-event-id={quoteattr(e["event_id"])}>'
        )
        parts.append(f"<title>{escape(title)}</title>")
        parts.append(
            f'<rect x="{x0:.1f}" y="{y - 8}" width="{max(x1 - x0, 4):.1f}" height="14" rx="3" fill="{colour}"/>'
        )
        label = ("« " if clipped else "") + f"{date_label(e)} {e['title']}"
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
    """The date as precisely as it is known: 2023-12-26, 2023-10, 2020, or a range."""
    start, end, precision = event["date_start"], event["date_end"], event.get("date_precision")
    if precision == "day" or start == end:
        return start
    if precision == "month" and start[:7] == end[:7]:
        return start[:7] if start.endswith("-01") and _is_month_end(end) else f"{start}..{end[8:]}"
    if precision == "year" and start[5:] == "01-01" and end[5:] == "12-31":
        return start[:4]
    return f"{start}..{end}"


def _is_month_end(iso: str) -> bool:
    d = date.fromisoformat(iso)
    return (d.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1) == d
