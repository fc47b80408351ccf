"""How event times and places are written for people: in the event's own zone and in the
reader's, in the reader's language (pages, notifications and mail alike)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from diaspora_platform.formatting import format_datetime, format_time, zone_name
from diaspora_platform.i18n import _, country_name


def _local(value: datetime, zone: ZoneInfo, with_date: bool = True) -> str:
    local = value.astimezone(zone)
    if with_date:
        return format_datetime(local, "full", rebase=False)
    return format_time(local, rebase=False)


def moment(value: datetime, zone: ZoneInfo, with_date: bool = True) -> str:
    """"Saturday, 21 March 2026, 18:00 (France)" in the current language."""
    return f"{_local(value, zone, with_date)} ({zone_name(zone)})"


def span(starts: datetime, ends: datetime, zone: ZoneInfo) -> str:
    """Start and end; the end without its date when both fall on the same local day."""
    same_day = starts.astimezone(zone).date() == ends.astimezone(zone).date()
    return (f"{_local(starts, zone)} – {_local(ends, zone, with_date=not same_day)}"
            f" ({zone_name(zone)})")


def place_line(params: dict) -> str:
    """Where the event is, for a notification: the address, or online (with the link only
    when the notification goes to an attendee)."""
    if params.get("online"):
        url = params.get("url")
        return _("Online: %(url)s", url=url) if url else _("Online.")
    parts = [params.get("address"), params.get("city"),
             country_name(params.get("country")) if params.get("country") else None]
    return _("Place: %(place)s.", place=", ".join(p for p in parts if p))


def resolve(params: dict) -> dict:
    """Notification parameters in the reader's language (see notifications.register_kind)."""
    resolved = dict(params)
    if params.get("starts") and params.get("zone"):
        zone = ZoneInfo(params["zone"])
        resolved["when"] = moment(datetime.fromisoformat(params["starts"]), zone)
    resolved.setdefault("when", "")
    resolved["where"] = place_line(params)
    return resolved
