"""Enumerations whose members have translated titles (shown to people) and form choices."""

from __future__ import annotations

from enum import StrEnum

_TITLES: dict[type, dict] = {}
# Titles as each language writes them: a list page shows one per row, and translating a
# lazy string looks up the request's catalogue each time.
_WRITTEN: dict[tuple, str] = {}


class TitledEnum(StrEnum):
    @property
    def title(self) -> str:
        from diaspora_platform.i18n import request_language

        lang = request_language()
        if lang is None:  # outside a request: as the lazy string says it
            return str(_TITLES[type(self)][self])
        key = (type(self), self.value, lang)
        text = _WRITTEN.get(key)
        if text is None:
            text = _WRITTEN[key] = str(_TITLES[type(self)][self])
        return text

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
