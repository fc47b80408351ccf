"""The controlled, translated vocabulary of sectors and skills.

Projects say which skills they need and experts which ones they offer with the same keys,
so matching compares keys, never free text. Keys are stable identifiers stored in the
database; labels are translated when shown. Adding a skill is adding a line here (and its
translations); removing one needs a data migration for the rows that use it.
"""

from __future__ import annotations

from collections import OrderedDict

from ..i18n import _l

SECTORS: OrderedDict = OrderedDict(
    [
        ("engineering", _l("Engineering")),
        ("it", _l("Information technology")),
        ("medicine", _l("Medicine and health")),
        ("agriculture", _l("Agriculture")),
        ("energy", _l("Energy")),
        ("finance", _l("Finance")),
        ("law", _l("Law")),
        ("education", _l("Education")),
        ("tourism", _l("Tourism")),
        ("construction", _l("Construction")),
        ("manufacturing", _l("Manufacturing")),
        ("research", _l("Research")),
    ]
)

# key -> (sector key, label); grouped by sector in this order.
SKILLS: OrderedDict = OrderedDict(
    [
        # engineering
        ("structural_engineering", ("engineering", _l("Structural engineering"))),
        ("hydrology", ("engineering", _l("Hydrology"))),
        ("civil_engineering", ("engineering", _l("Civil engineering"))),
        ("mechanical_engineering", ("engineering", _l("Mechanical engineering"))),
        ("electrical_engineering", ("engineering", _l("Electrical engineering"))),
        ("water_supply", ("engineering", _l("Water supply and sanitation"))),
        ("gis", ("engineering", _l("GIS and mapping"))),
        # it
        ("software_development", ("it", _l("Software development"))),
        ("web_development", ("it", _l("Web development"))),
        ("data_analysis", ("it", _l("Data analysis"))),
        ("cybersecurity", ("it", _l("Cybersecurity"))),
        ("network_administration", ("it", _l("Network administration"))),
        ("it_project_management", ("it", _l("IT project management"))),
        # medicine
        ("surgery", ("medicine", _l("Surgery"))),
        ("public_health", ("medicine", _l("Public health"))),
        ("paediatrics", ("medicine", _l("Paediatrics"))),
        ("nursing", ("medicine", _l("Nursing"))),
        ("medical_equipment", ("medicine", _l("Medical equipment"))),
        ("pharmacy", ("medicine", _l("Pharmacy"))),
        # agriculture
        ("irrigation", ("agriculture", _l("Irrigation"))),
        ("agronomy", ("agriculture", _l("Agronomy"))),
        ("horticulture", ("agriculture", _l("Horticulture and orchards"))),
        ("livestock", ("agriculture", _l("Livestock farming"))),
        ("food_processing", ("agriculture", _l("Food processing"))),
        ("veterinary", ("agriculture", _l("Veterinary medicine"))),
        # energy
        ("hydropower", ("energy", _l("Hydropower"))),
        ("solar_energy", ("energy", _l("Solar energy"))),
        ("energy_efficiency", ("energy", _l("Energy efficiency"))),
        ("power_grids", ("energy", _l("Power grids"))),
        ("wind_energy", ("energy", _l("Wind energy"))),
        # finance
        ("project_finance", ("finance", _l("Project finance"))),
        ("accounting", ("finance", _l("Accounting"))),
        ("auditing", ("finance", _l("Auditing"))),
        ("banking", ("finance", _l("Banking"))),
        ("microfinance", ("finance", _l("Microfinance"))),
        ("investment_analysis", ("finance", _l("Investment analysis"))),
        # law
        ("contract_law", ("law", _l("Contract law"))),
        ("corporate_law", ("law", _l("Corporate law"))),
        ("tax_law", ("law", _l("Tax law"))),
        ("land_law", ("law", _l("Land and property law"))),
        ("labour_law", ("law", _l("Labour law"))),
        # education
        ("teacher_training", ("education", _l("Teacher training"))),
        ("curriculum_design", ("education", _l("Curriculum design"))),
        ("language_teaching", ("education", _l("Language teaching"))),
        ("vocational_training", ("education", _l("Vocational training"))),
        ("e_learning", ("education", _l("E-learning"))),
        # tourism
        ("hospitality", ("tourism", _l("Hospitality"))),
        ("tour_operations", ("tourism", _l("Tour operations"))),
        ("ecotourism", ("tourism", _l("Ecotourism and mountain tourism"))),
        ("destination_marketing", ("tourism", _l("Destination marketing"))),
        ("cultural_heritage", ("tourism", _l("Cultural heritage"))),
        # construction
        ("architecture", ("construction", _l("Architecture"))),
        ("construction_management", ("construction", _l("Construction management"))),
        ("quantity_surveying", ("construction", _l("Quantity surveying"))),
        ("seismic_design", ("construction", _l("Seismic design"))),
        ("road_construction", ("construction", _l("Road construction"))),
        # manufacturing
        ("textiles", ("manufacturing", _l("Textiles"))),
        ("quality_control", ("manufacturing", _l("Quality control"))),
        ("industrial_automation", ("manufacturing", _l("Industrial automation"))),
        ("supply_chain", ("manufacturing", _l("Supply chain and logistics"))),
        ("metalworking", ("manufacturing", _l("Metalworking"))),
        # research
        ("environmental_science", ("research", _l("Environmental science"))),
        ("statistics", ("research", _l("Statistics"))),
        ("geology", ("research", _l("Geology"))),
        ("social_research", ("research", _l("Social research and surveys"))),
        ("grant_writing", ("research", _l("Grant writing"))),
    ]
)

_skill_sector = {key: sector for key, (sector, _label) in SKILLS.items()}
assert set(_skill_sector.values()) <= set(SECTORS), "every skill belongs to a known sector"


def is_skill(key: str | None) -> bool:
    return key in SKILLS


def is_sector(key: str | None) -> bool:
    return key in SECTORS


def skill_sector(key: str) -> str | None:
    return _skill_sector.get(key)


def skill_label(key: str) -> str:
    """The skill's label in the current language (the key itself if unknown, so an
    outdated stored key never breaks a page)."""
    entry = SKILLS.get(key)
    return str(entry[1]) if entry else key


def sector_label(key: str) -> str:
    label = SECTORS.get(key)
    return str(label) if label is not None else key


def skills_of_sector(sector: str) -> list[str]:
    return [key for key, (s, _label) in SKILLS.items() if s == sector]


def sector_choices() -> list[tuple[str, str]]:
    return [(key, str(label)) for key, label in SECTORS.items()]


def skill_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Skills grouped by sector, for <optgroup>s: [(sector label, [(key, label), ...])].

    WTForms' SelectField/SelectMultipleField accept this shape (a dict or list of
    (group, choices)) and render optgroups."""
    return [
        (str(label), [(key, skill_label(key)) for key in skills_of_sector(sector)])
        for sector, label in SECTORS.items()
    ]


def unknown_skills(keys) -> list[str]:
    """The keys of `keys` that are not in the vocabulary (in the order given)."""
    return [k for k in keys if k not in SKILLS]
