"""The platform's default emission factors, version ``FACTORS_VERSION``, with their sources.

Loaded into ``EmissionFactor`` rows by a data migration; operators correct or add rows in
the admin (a plant's measured draw, a supplier's EPD), and the estimate reads the rows. A
change of figures here reaches existing databases only through a new data migration.

Units: electricity in kg CO2e per kWh; materials in kg CO2e per kg, with the mass of one
bill-of-materials unit (``mass_kg``: a piece, a metre, a millilitre...); transport in
kg CO2e per tonne-km. Power draw of work-centre types in kW (an assumption, not a factor).
"""

from __future__ import annotations

FACTORS_VERSION = "2026-12"

MEE_2022 = (
    "Ministry of Ecology and Environment and National Bureau of Statistics of China, "
    "announcement of the 2022 electricity CO2 emission factors (20 Dec 2024): "
    "2022 regional grid average factor"
)
MEE_2022_NATIONAL = (
    "Ministry of Ecology and Environment and National Bureau of Statistics of China, "
    "announcement of the 2022 electricity CO2 emission factors (20 Dec 2024): "
    "2022 national grid average factor 0.5366 kg CO2/kWh"
)
UBA_2023 = (
    "Umweltbundesamt (German Environment Agency): CO2 emission factor of the German "
    "electricity mix 2023, preliminary (about 380 g/kWh)"
)
ICE_V3 = (
    "Indicative cradle-to-gate figure of the order given for this material class in the "
    "Inventory of Carbon and Energy (ICE) v3.0, Circular Ecology / University of Bath, 2019; "
    "rounded, confirm against the database or a supplier EPD before publishing"
)
TEXTILE_LCA = (
    "Indicative cradle-to-gate figure for conventional cotton/polyester textiles, mid-range "
    "of published textile LCAs; rounded, replace with the mill's EPD when known"
)
PLATFORM_ESTIMATE = (
    "C2M Bridge estimate (no published factor for this item): rounded, to be replaced by "
    "supplier data"
)
DEFRA_2023 = (
    "UK Government GHG Conversion Factors for Company Reporting 2023 (DESNZ), freighting "
    "goods; rounded"
)

# China's regional grids as the MEE/NBS announcement groups provinces (2-digit adcode).
GRID_REGIONS: dict[str, tuple[str, ...]] = {
    "CN-north": ("11", "12", "13", "14", "15", "37"),
    "CN-northeast": ("21", "22", "23"),
    "CN-east": ("31", "32", "33", "34", "35"),
    "CN-central": ("36", "41", "42", "43"),
    "CN-northwest": ("61", "62", "63", "64", "65"),
    "CN-south": ("44", "45", "46", "52", "53"),
    "CN-southwest": ("50", "51", "54"),
}

# (key, label, kg CO2e per kWh, year, source)
ELECTRICITY: list[tuple[str, str, str, int, str]] = [
    ("CN", "China, national grid average", "0.5366", 2022, MEE_2022_NATIONAL),
    ("CN-north", "North China grid", "0.6776", 2022, MEE_2022),
    ("CN-northeast", "Northeast China grid", "0.5564", 2022, MEE_2022),
    ("CN-east", "East China grid", "0.5617", 2022, MEE_2022),
    ("CN-central", "Central China grid", "0.5395", 2022, MEE_2022),
    ("CN-northwest", "Northwest China grid", "0.5857", 2022, MEE_2022),
    ("CN-south", "China Southern grid", "0.3869", 2022, MEE_2022),
    ("CN-southwest", "Southwest China grid", "0.2268", 2022, MEE_2022),
    ("DE", "Germany, electricity mix", "0.380", 2023, UBA_2023),
]

# (material code prefix, label, BOM unit, kg per BOM unit, kg CO2e per kg, year, source).
# The longest prefix matching a bill-of-materials line wins.
MATERIALS: list[tuple[str, str, str, str, str, int, str]] = [
    ("tee-blank", "Cotton T-shirt blank", "pcs", "0.18", "8.0", 2019, TEXTILE_LCA),
    ("fabric", "Woven shirting fabric", "m", "0.15", "8.0", 2019, TEXTILE_LCA),
    ("interlining", "Interlining", "pcs", "0.01", "6.0", 2019, TEXTILE_LCA),
    ("thread", "Sewing and embroidery thread", "m", "0.00002", "5.5", 2019, TEXTILE_LCA),
    ("embroidery-thread", "Embroidery thread", "m", "0.00002", "5.5", 2019, TEXTILE_LCA),
    ("embroidery-backing", "Embroidery backing", "pcs", "0.005", "2.0", 2019, PLATFORM_ESTIMATE),
    ("neck-label-woven", "Woven neck label", "pcs", "0.002", "5.5", 2019, TEXTILE_LCA),
    ("button", "Shell button", "pcs", "0.0005", "2.0", 2019, PLATFORM_ESTIMATE),
    ("dtg-ink", "Textile ink", "ml", "0.001", "3.0", 2019, PLATFORM_ESTIMATE),
    ("plastisol-ink", "Plastisol ink", "ml", "0.0013", "3.0", 2019, PLATFORM_ESTIMATE),
    ("neck-label-plastisol-ink", "Plastisol ink", "ml", "0.0013", "3.0", 2019, PLATFORM_ESTIMATE),
    ("pretreatment", "Pretreatment liquid", "ml", "0.001", "1.5", 2019, PLATFORM_ESTIMATE),
    ("screen-emulsion", "Screen emulsion", "ml", "0.001", "3.0", 2019, PLATFORM_ESTIMATE),
    ("screen-frame", "Aluminium screen frame", "pcs", "1.5", "9.0", 2019, ICE_V3),
    ("wood", "Sawn hardwood", "m3", "650", "0.4", 2019, ICE_V3),
    ("top", "Hardwood table top", "m3", "650", "0.4", 2019, ICE_V3),
    ("finish", "Wood finish (oil, lacquer)", "l", "0.95", "3.0", 2019, ICE_V3),
    ("glass-tempered", "Toughened glass", "m2", "15", "1.7", 2019, ICE_V3),
    ("hardware-kit", "Steel fittings", "set", "0.8", "2.5", 2019, ICE_V3),
    ("tumbler-blank", "Stainless steel tumbler", "pcs", "0.35", "6.0", 2019, ICE_V3),
    ("laser-masking-tape", "Masking tape", "m", "0.005", "3.0", 2019, PLATFORM_ESTIMATE),
    ("carton", "Corrugated carton", "pcs", "0.15", "1.0", 2019, ICE_V3),
    ("gift-box", "Cardboard gift box", "pcs", "0.2", "1.0", 2019, ICE_V3),
    ("polybag", "Polyethylene bag", "pcs", "0.01", "2.5", 2019, ICE_V3),
]

# (mode, label, kg CO2e per tonne-km, year, source)
TRANSPORT: list[tuple[str, str, str, int, str]] = [
    ("road", "Truck (average laden HGV)", "0.11", 2023, DEFRA_2023),
    ("air", "Air freight (long haul)", "1.10", 2023, DEFRA_2023),
]

# Average draw while running, by work-centre type, in kW: C2M Bridge assumptions from
# typical machine ratings, used unless a plant enters its own on the work centre.
TYPICAL_POWER_KW: dict[str, str] = {
    "dtg_printer": "1.5",
    "pretreat_station": "1.0",
    "heat_press": "1.8",
    "screen_press": "3.0",
    "uv_printer": "1.2",
    "fibre_laser": "1.5",
    "embroidery_machine": "0.6",
    "cutting_table": "0.5",
    "sewing_line": "0.4",
    "cnc_router": "9.0",
    "assembly_bench": "0.3",
    "finishing_booth": "4.0",
    "qc_bench": "0.1",
    "packing": "0.1",
    "crating": "0.5",
}
DEFAULT_POWER_KW = "1.0"
