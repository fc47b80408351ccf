"""Reading expert profiles: the roster with its filters, honouring each profile's
visibility (experts.visible_clause)."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from diaspora_platform import pagination, table_cache
from diaspora_platform.experts.models import ExpertProfile, ExpertSkill, Mode
from diaspora_platform.experts.services import visible_clause
from diaspora_platform.inputs import int_arg
from diaspora_platform.projects import vocabulary

PAGE_SIZE = 20
HOURS_CHOICES = (5, 10, 20, 40, 80)
SORTS = {name: pagination.key(pagination.desc(getattr(ExpertProfile, column)),
                              pagination.desc(ExpertProfile.id))
         for name, column in (("updated", "updated_at"), ("hours", "hours_per_month"),
                              ("experience", "years_experience"))}
SORT_GETTERS = {"updated": pagination.getters("updated_at", "id"),
                "hours": pagination.getters("hours_per_month", "id"),
                "experience": pagination.getters("years_experience", "id")}
# The roster's "remote / on site" filter: who can work that way.
MODE_FILTER = {"remote": (Mode.REMOTE, Mode.BOTH), "onsite": (Mode.ONSITE, Mode.BOTH)}


@dataclass
class Filters:
    skill: str | None = None
    sector: str | None = None
    language: str | None = None
    hours: int | None = None  # at least this many hours a month
    mode: str | None = None
    sort: str = "updated"
    after: str | None = None
    before: str | None = None

    @property
    def active(self) -> bool:
        return any((self.skill, self.sector, self.language, self.hours, self.mode))


def parse_filters(args) -> Filters:
    """Filters from the query string; unknown values are ignored rather than refused."""
    from diaspora_platform.i18n import WORKING_LANGUAGES

    def pick(name, allowed):
        value = args.get(name) or None
        return value if value in allowed else None

    hours = args.get("hours", type=int_arg)
    return Filters(
        skill=pick("skill", vocabulary.SKILLS), sector=pick("sector", vocabulary.SECTORS),
        language=pick("language", WORKING_LANGUAGES),
        hours=hours if hours in HOURS_CHOICES else None, mode=pick("mode", MODE_FILTER),
        sort=args.get("sort") if args.get("sort") in SORTS else "updated",
        after=args.get("after"), before=args.get("before"))


def _has(column, code: str):
    """A ",a,b," list column contains `code`."""
    return column.like(f"%,{code},%")


def _filtered(filters: Filters, viewer):
    stmt = sa.select(ExpertProfile).where(visible_clause(viewer))
    if filters.skill:
        stmt = stmt.where(sa.exists().where(ExpertSkill.expert_id == ExpertProfile.id,
                                            ExpertSkill.skill == filters.skill))
    if filters.sector:
        in_sector = vocabulary.skills_of_sector(filters.sector)
        stmt = stmt.where(sa.or_(
            _has(ExpertProfile.sectors_csv, filters.sector),
            sa.exists().where(ExpertSkill.expert_id == ExpertProfile.id,
                              ExpertSkill.skill.in_(in_sector))))
    if filters.language:
        stmt = stmt.where(_has(ExpertProfile.languages_csv, filters.language))
    if filters.hours:
        stmt = stmt.where(ExpertProfile.hours_per_month >= filters.hours)
    if filters.mode:
        stmt = stmt.where(ExpertProfile.mode.in_([str(m) for m in MODE_FILTER[filters.mode]]))
    return stmt


def roster(filters: Filters, viewer) -> tuple[pagination.Page, int]:
    """One page of the profiles `viewer` may see (users and skills loaded with them) and
    the total."""
    base = _filtered(filters, viewer)
    total = table_cache.count(base.with_only_columns(ExpertProfile.id))
    sort = filters.sort if filters.sort in SORTS else "updated"
    page = pagination.paginate(base.options(joinedload(ExpertProfile.user)), SORTS[sort],
                               SORT_GETTERS[sort], after=filters.after, before=filters.before,
                               per_page=PAGE_SIZE)
    return page, total or 0
