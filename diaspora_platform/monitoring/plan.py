"""The Action Plan 2021–2025's measures and the indicators the platform serves for each,
read from plan.json: the one place that maps indicators to the Plan's measures and holds
the measures' texts in the three languages."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PLAN_FILE = Path(__file__).with_name("plan.json")


@dataclass(frozen=True)
class Measure:
    number: int
    texts: dict[str, str]
    indicators: tuple[str, ...]

    def text(self, lang: str) -> str:
        return self.texts.get(lang) or self.texts["en"]


@cache
def _load() -> dict:
    return json.loads(PLAN_FILE.read_text(encoding="utf-8"))


def measures() -> tuple[Measure, ...]:
    """The Plan's measures in its order, each with the keys of its indicators."""
    return tuple(Measure(m["number"], m["text"], tuple(m["indicators"]))
                 for m in _load()["measures"])


def source(lang: str) -> str:
    """The Plan's full title, in `lang`."""
    texts = _load()["source"]
    return texts.get(lang) or texts["en"]
