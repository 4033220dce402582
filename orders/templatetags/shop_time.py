"""Times as the shop tells them: in the shop's time zone (``SHOP_TIME_ZONE``), zone named."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

register = template.Library()

# Zones with a name shoppers know; any other zone is named by its key ("Europe/Berlin").
_ZONE_NAMES = {
    "Asia/Shanghai": gettext_lazy("China time"),
    "Asia/Hong_Kong": gettext_lazy("Hong Kong time"),
    "UTC": gettext_lazy("UTC"),
}


def shop_zone() -> ZoneInfo:
    return ZoneInfo(settings.SHOP_TIME_ZONE)


def _zone_label(local: datetime) -> str:
    """The zone's name and its offset at ``local`` ("China time, UTC+8")."""
    name = str(_ZONE_NAMES.get(settings.SHOP_TIME_ZONE, settings.SHOP_TIME_ZONE))
    offset = local.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    if name == "UTC" and not minutes:
        return name
    hours, rest = divmod(abs(minutes), 60)
    sign = "+" if minutes >= 0 else "−"
    offset_words = f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")
    return _("%(zone)s, %(offset)s") % {"zone": name, "offset": offset_words}


@register.filter
def shop_time(value: datetime | None) -> str:
    """``value`` in the shop's zone, e.g. "2026-12-06 07:48 (China time, UTC+8)"; "" for
    no time."""
    if not isinstance(value, datetime):
        return ""
    local = timezone.localtime(value, shop_zone())
    return _("%(time)s (%(zone)s)") % {
        "time": local.strftime("%Y-%m-%d %H:%M"),
        "zone": _zone_label(local),
    }


@register.filter
def shop_clock(value: datetime | None) -> str:
    """``value`` in the shop's zone without the zone, for lists whose heading names it."""
    if not isinstance(value, datetime):
        return ""
    return timezone.localtime(value, shop_zone()).strftime("%Y-%m-%d %H:%M")


@register.simple_tag
def shop_zone_name() -> str:
    """The zone the shop's times are in, e.g. "China time, UTC+8"."""
    return _zone_label(timezone.localtime(timezone.now(), shop_zone()))
