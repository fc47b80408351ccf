"""Key figures about Tajikistan's diaspora shown on the home page, with their sources."""

from __future__ import annotations

from dataclasses import dataclass

from diaspora_platform.i18n import _l


@dataclass(frozen=True)
class Destination:
    country: str  # ISO 3166-1 alpha-2
    emigrants: int


REMITTANCES_SHARE_OF_GDP = 38.42  # per cent, World Bank 2023
REMITTANCES_USD_BILLIONS = 4.6  # inflow, World Bank 2023
TOP_DESTINATIONS = (  # UNDESA International Migrant Stock 2024
    Destination("RU", 415_676),
    Destination("UA", 30_256),
    Destination("KZ", 27_922),
    Destination("TR", 11_341),
    Destination("UZ", 11_339),
)
HOUSEHOLDS_WITH_MIGRANT = "1/4"


def key_facts() -> dict:
    largest = TOP_DESTINATIONS[0].emigrants
    return {
        "remittances_share": REMITTANCES_SHARE_OF_GDP / 100,
        "remittances_usd": REMITTANCES_USD_BILLIONS * 1_000_000_000,
        "destinations": [
            {"country": d.country, "emigrants": d.emigrants,
             "max": largest}
            for d in TOP_DESTINATIONS
        ],
        "sources": {
            "remittances": _l("World Bank, 2023"),
            "destinations": _l("UN DESA, International Migrant Stock 2024"),
        },
    }
