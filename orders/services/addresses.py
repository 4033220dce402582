"""Shipping addresses, validated by the rules of the destination country."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _

from c2m.errors import ApplicationError

CN_PROVINCES = (
    "Anhui", "Beijing", "Chongqing", "Fujian", "Gansu", "Guangdong", "Guangxi", "Guizhou",
    "Hainan", "Hebei", "Heilongjiang", "Henan", "Hong Kong", "Hubei", "Hunan",
    "Inner Mongolia", "Jiangsu", "Jiangxi", "Jilin", "Liaoning", "Macau", "Ningxia",
    "Qinghai", "Shaanxi", "Shandong", "Shanghai", "Shanxi", "Sichuan", "Taiwan", "Tianjin",
    "Tibet", "Xinjiang", "Yunnan", "Zhejiang",
)  # fmt: skip
CN_PROVINCES_ZH = (  # noqa: SIM905
    "安徽 北京 重庆 福建 甘肃 广东 广西 贵州 海南 河北 黑龙江 河南 香港 湖北 湖南 内蒙古 江苏 江西 "
    "吉林 辽宁 澳门 宁夏 青海 陕西 山东 上海 山西 四川 台湾 天津 西藏 新疆 云南 浙江"
).split()
_CN = {p.casefold() for p in CN_PROVINCES} | set(CN_PROVINCES_ZH)
_CN_SUFFIXES = (
    " province",
    "壮族自治区",
    "回族自治区",
    "维吾尔自治区",
    "自治区",
    "特别行政区",
    "省",
    "市",
)
US_STATES = frozenset(
    (
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
        "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
        "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
        "VT", "VA", "WA", "WV", "WI", "WY", "PR",
    )
)  # fmt: skip

# Country: (postal-code pattern, an example, whether a province/state is required).
COUNTRIES: dict[str, tuple[str, str, bool]] = {
    "CN": (r"\d{6}", "200120", True),
    "US": (r"\d{5}(-\d{4})?", "94103", True),
    "DE": (r"\d{5}", "10115", False),
    "GB": (r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}", "SW1A 1AA", False),
    "JP": (r"\d{3}-?\d{4}", "100-0001", True),
}
FIELDS = ("name", "line1", "line2", "city", "region", "postal_code", "country", "phone")
REQUIRED = ("name", "line1", "city", "postal_code", "country")
MAX_LENGTH = 200


def address_validate(*, raw: dict[str, Any]) -> dict[str, str]:
    """Return the address normalized (trimmed, postcode upper-cased, country code).

    Raises ``ApplicationError`` (code ``invalid_address``) with one message per bad field,
    e.g. a Chinese postcode that is not six digits or a missing province.
    """
    address = {f: " ".join(str(raw.get(f) or "").split()) for f in FIELDS}
    address["country"] = address["country"].upper()
    address["postal_code"] = address["postal_code"].upper()
    errors: dict[str, list[str]] = {}
    for field in FIELDS:
        if "\x00" in address[field]:
            errors[field] = [_("Remove the invisible control characters.")]
            address[field] = ""
        elif len(address[field]) > MAX_LENGTH:
            errors[field] = [_("Keep this under %(n)d characters.") % {"n": MAX_LENGTH}]
    for field in REQUIRED:
        if not address[field]:
            errors.setdefault(field, [_("This field is required.")])
    country = address["country"]
    if country and country not in COUNTRIES:
        errors["country"] = [_("We do not ship to this country yet.")]
    elif country:
        pattern, example, region_required = COUNTRIES[country]
        code = address["postal_code"]
        if code and not re.fullmatch(pattern, code):
            errors["postal_code"] = [
                _("Enter a postal code like %(example)s.") % {"example": example}
            ]
        region_error = _region_error(country, address["region"], region_required)
        if region_error:
            errors["region"] = [region_error]
    if errors:
        raise ApplicationError(
            _("Please check the shipping address."), code="invalid_address", errors=errors
        )
    return {k: v for k, v in address.items() if v}


def _region_error(country: str, region: str, required: bool) -> str | None:
    if not region:
        return _("This field is required.") if required else None
    if country == "CN" and _cn_province(region) not in _CN:
        return _("Choose a province, e.g. Guangdong or Shanghai.")
    if country == "US" and region.upper() not in US_STATES:
        return _("Enter a two-letter state code, e.g. CA.")
    return None


def _cn_province(region: str) -> str:
    region = region.casefold()
    for suffix in _CN_SUFFIXES:
        region = region.removesuffix(suffix)
    return region
