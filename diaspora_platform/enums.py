"""Enumerations whose members have translated titles (shown to people) and form choices."""

from __future__ import annotations

from enum import StrEnum

_TITLES: dict[type, dict] = {}


class TitledEnum(StrEnum):
    @property
    def title(self) -> str:
        return str(_TITLES[type(self)][self])

    @classmethod
    def choices(cls, empty=None) -> list[tuple[str, object]]:
        """(value, lazy title) pairs, optionally led by an empty choice."""
        rows = [(member.value, _TITLES[cls][member]) for member in cls]
        return ([("", empty)] if empty is not None else []) + rows


def titles(enum_cls: type[TitledEnum], mapping: dict) -> dict:
    """Attach translated titles to an enumeration; every member must have one."""
    missing = set(enum_cls) - set(mapping)
    if missing:
        raise ValueError(f"{enum_cls.__name__} members without a title: {missing}")
    _TITLES[enum_cls] = mapping
    return mapping
