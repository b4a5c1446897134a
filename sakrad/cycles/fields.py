"""Form fields for local (Europe/Stockholm) times, stored as aware UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime

from wtforms import DateTimeLocalField

from sakrad.db import STOCKHOLM


def local_to_utc(value: datetime | None) -> datetime | None:
    """A wall-clock time in Stockholm as an aware UTC instant (DST handled by zoneinfo)."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=STOCKHOLM)
    return value.astimezone(UTC)


def shift_year(value: date, years: int = 1) -> date:
    """The same day ``years`` later; 29 February becomes 28 February."""
    try:
        return value.replace(year=value.year + years)
    except ValueError:
        return value.replace(year=value.year + years, day=28)


def shift_datetime_year(value: datetime | None, years: int = 1) -> datetime | None:
    """The same Stockholm wall-clock time a year later (10:00 stays 10:00 across DST)."""
    if value is None:
        return None
    local = value.astimezone(STOCKHOLM)
    moved = datetime.combine(shift_year(local.date(), years), local.time().replace(tzinfo=None))
    return local_to_utc(moved)


class StockholmDateTimeField(DateTimeLocalField):
    """Shows and reads Stockholm local time; ``data`` is always aware UTC (or None)."""

    data: datetime | None

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("format", ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"])
        super().__init__(*args, **kwargs)

    def process_data(self, value) -> None:
        super().process_data(value)
        if isinstance(self.data, datetime) and self.data.tzinfo is not None:
            self.data = self.data.astimezone(STOCKHOLM).replace(tzinfo=None)

    def _value(self) -> str:
        if self.raw_data:
            return " ".join(self.raw_data)
        if isinstance(self.data, datetime):
            local = self.data
            if local.tzinfo is not None:
                local = local.astimezone(STOCKHOLM).replace(tzinfo=None)
            return local.strftime("%Y-%m-%dT%H:%M")
        return ""

    @property
    def utc(self) -> datetime | None:
        data = self.data
        if not isinstance(data, datetime):
            return None
        return local_to_utc(data) if data.tzinfo is None else data.astimezone(UTC)
