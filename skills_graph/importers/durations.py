"""Course durations as catalogues write them, turned into hours of study.

Catalogues give a total ("Less Than 2 Hours", "1 - 4 Weeks", "3 - 6 Months", "24 meses",
"2 to 4 years", a bare decimal number of hours) or a weekly effort ("2–3 hours per week") that
a separate length ("6 Weeks") multiplies. A range counts as its midpoint, "less than N" as N.
Weeks, months and years of self-paced study count ``HOURS_PER_WEEK`` hours a week, the pace
course providers usually quote.

>>> duration_hours("Less Than 2 Hours")
2.0
>>> duration_hours("1 - 3 Months")
86.7
>>> duration_hours("2–3 hours per week", "4 Weeks")
10.0
>>> duration_hours("1.5")
1.5
"""

from __future__ import annotations

import re

HOURS_PER_WEEK = 10.0
UNIT_HOURS = {
    "minute": 1 / 60, "hour": 1.0, "day": HOURS_PER_WEEK / 5, "week": HOURS_PER_WEEK,
    "month": HOURS_PER_WEEK * 52 / 12, "year": HOURS_PER_WEEK * 52,
}
_UNIT_WORDS = {
    "min": "minute", "mins": "minute", "minute": "minute", "minutes": "minute",
    "h": "hour", "hr": "hour", "hrs": "hour", "hour": "hour", "hours": "hour",
    "day": "day", "days": "day", "wk": "week", "wks": "week", "week": "week", "weeks": "week",
    "month": "month", "months": "month", "mes": "month", "meses": "month",
    "year": "year", "years": "year", "yr": "year", "yrs": "year",
}
_NUMBER = r"(\d+(?:[.,]\d+)?)"
_PATTERN = re.compile(
    rf"^(?P<less>less than\s+|under\s+|up to\s+)?{_NUMBER}\s*\+?\s*"
    rf"(?:(?:-|to|or|a)\s*{_NUMBER}\s*\+?)?\s*(?P<unit>[a-z]+)?(?P<rest>.*)$"
)
_WEEKLY = re.compile(r"(per|a|/|each)\s*(week|wk)\b|/\s*wk|weekly")


class DurationError(ValueError):
    """A duration the parser cannot read; the message says what forms are accepted."""


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _span(text: str) -> tuple[float, str | None, bool]:
    """(amount, unit or None, weekly?) of one written duration."""
    cleaned = re.sub(r"[\u2013\u2014]", "-", text.strip().lower()).rstrip(".").strip()
    match = _PATTERN.match(cleaned)
    if not cleaned or not match:
        raise DurationError(
            f"{text!r} is not a duration; write e.g. '2 hours', '1 - 4 Weeks', '3 - 6 Months', "
            "'Less Than 2 Hours', '2-3 hours per week' (with a length) or a number of hours")
    low, high = _number(match.group(2)), match.group(3)
    amount = (low + _number(high)) / 2 if high else low
    word = match.group("unit")
    unit = _UNIT_WORDS.get(word) if word else None
    if word and unit is None:
        raise DurationError(f"{text!r}: unknown unit {word!r}; use minutes, hours, days, weeks, "
                            "months or years")
    return amount, unit, bool(_WEEKLY.search(match.group("rest") or ""))


def duration_hours(duration: str, length: str | None = None) -> float:
    """Hours of study for a duration, and a length when the duration is a weekly effort."""
    amount, unit, weekly = _span(duration)
    hours = amount * UNIT_HOURS[unit or "hour"]
    if weekly:
        if not length:
            raise DurationError(f"{duration!r} is an effort per week; the course needs a length")
        weeks_amount, weeks_unit, _ = _span(length)
        hours *= weeks_amount * UNIT_HOURS[weeks_unit or "week"] / HOURS_PER_WEEK
    if hours <= 0:
        raise DurationError(f"{duration!r} is no time at all")
    return round(hours, 1)
