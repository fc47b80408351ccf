"""How a competition edition is judged: totals, fair ranking and the sharing out of entries.

Pure functions only (no database, no web requests), so every step can be checked by hand.

How an entry's score is worked out
1. A judge marks each entry they judge from 0 to 10 on every criterion. The judge's total for
   the entry is the weighted sum on a 0-100 scale: a criterion worth 40% marked 7 out of 10
   adds 28 points. The weights of an edition add up to 100%.
2. The raw score of an entry is the plain average of its judges' totals.
3. Judges differ: some mark strictly, some generously, some use the whole scale and some only a
   narrow band. So each judge's totals are first compared with that judge's own marking: for
   each entry we measure how far its total lies above or below that judge's average, counted
   in units of that judge's usual spread (a "standard score": total minus the judge's average,
   divided by the standard deviation of the judge's totals). A strict and a generous judge who
   put the entries in the same order, equally far apart, therefore count exactly the same.
4. A judge who marked only one entry, or gave all their entries the same total, cannot tell
   entries apart. For those entries their standard score is 0 (exactly average): it neither
   helps nor harms. Their marks still count in the raw score.
5. An entry's standard score is the average of its judges' standard scores.
6. To read it on a familiar scale, it is turned back into points: the average of all totals
   given in the edition, plus the entry's standard score times the standard deviation of all
   those totals, kept between 0 and 100 and rounded to two decimals. This ranking score decides
   the order. If every total in the edition is the same, the ranking score is the raw score.

Ties
Entries with the same ranking score are ordered by, in turn: the higher raw score; the higher
average mark on the criterion with the largest weight (among equal weights, the one defined
first); the earlier submission; the lower entry number. Entries placed this way are marked as
tied. All comparisons use values rounded to two decimals, as published. Entries without any
submitted score sheet are not ranked.

Sharing out entries
Either every judge judges every entry, or each entry gets a fixed number of judges. In the
second case entries are taken in order and each one goes to the judges with the fewest entries
so far (on equal counts, the lower judge number). A judge never judges an entry they have
declared a conflict of interest with; an entry that cannot get enough judges is reported.
When entries are shared out again (a judge recused, or joined late), the judges entries
already have stay and count; only the missing places are filled, and a judge who recused
from an entry never gets it back.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction

SCORE_MIN = 0
SCORE_MAX = 10
WEIGHT_SUM = 100


@dataclass(frozen=True)
class Criterion:
    id: int
    weight: int  # percent; the weights of an edition sum to 100


@dataclass(frozen=True)
class Sheet:
    """One judge's submitted scores for one entry."""

    judge_id: int
    entry_id: int
    scores: dict[int, int]  # criterion id -> 0..10 (every criterion present)


@dataclass(frozen=True)
class Ranked:
    entry_id: int
    rank: int  # 1-based, unique after tie-breaks
    raw: float  # mean over judges of the weighted total, 0..100, two decimals
    normalised: float  # the ranking score, 0..100, two decimals (see module docstring)
    judges: int  # number of sheets counted
    tied_on_normalised: bool  # True when a tie-break rule decided its place


def _check_criteria(criteria: list[Criterion]) -> None:
    ids = [c.id for c in criteria]
    if not ids:
        raise ValueError("an edition needs at least one criterion")
    if len(set(ids)) != len(ids):
        raise ValueError("criterion ids must be unique")
    if any(c.weight < 0 for c in criteria):
        raise ValueError("criterion weights cannot be negative")
    total = sum(c.weight for c in criteria)
    if total != WEIGHT_SUM:
        raise ValueError(f"criterion weights sum to {total}, not {WEIGHT_SUM}")


def _score(sheet: Sheet, criterion_id: int) -> int:
    score = sheet.scores.get(criterion_id)
    if score is None:
        raise ValueError(f"sheet {sheet.judge_id}/{sheet.entry_id} lacks criterion {criterion_id}")
    if isinstance(score, bool) or not isinstance(score, int):
        raise ValueError(f"score for criterion {criterion_id} is not an integer: {score!r}")
    if not SCORE_MIN <= score <= SCORE_MAX:
        raise ValueError(f"score for criterion {criterion_id} is outside 0..10: {score}")
    return score


def _exact_total(sheet: Sheet, criteria: list[Criterion]) -> Fraction:
    """Weighted total as an exact fraction, so equal totals compare equal."""
    return Fraction(sum(c.weight * _score(sheet, c.id) for c in criteria), SCORE_MAX)


def _round2(value: Fraction) -> float:
    """Round half up to two decimals, exactly (no binary floating-point surprises)."""
    return math.floor(value * 100 + Fraction(1, 2)) / 100


def _mean(values: list[Fraction]) -> Fraction:
    return sum(values, Fraction(0)) / len(values)


def _pstdev(values: list[Fraction], mean: Fraction) -> float:
    """Population standard deviation (divide by n, not n - 1)."""
    return math.sqrt(sum(((v - mean) ** 2 for v in values), Fraction(0)) / len(values))


def weighted_total(sheet: Sheet, criteria: list[Criterion]) -> float:
    """A sheet's total on 0..100: the sum over criteria of weight * score / 10.

    Raises ValueError for invalid criteria or a missing / non-integer / out-of-range score.
    Scores for criteria not in ``criteria`` are ignored.
    """
    _check_criteria(criteria)
    return float(_exact_total(sheet, criteria))


def _exact_criterion_means(
    criteria: list[Criterion], sheets: Iterable[Sheet]
) -> dict[int, dict[int, Fraction]]:
    by_entry: dict[int, list[Sheet]] = defaultdict(list)
    for sheet in sheets:
        by_entry[sheet.entry_id].append(sheet)
    return {
        entry: {
            c.id: Fraction(sum(_score(s, c.id) for s in group), len(group)) for c in criteria
        }
        for entry, group in by_entry.items()
    }


def criterion_means(
    criteria: list[Criterion], sheets: Iterable[Sheet]
) -> dict[int, dict[int, float]]:
    """entry id -> criterion id -> mean score (0..10) over that entry's sheets."""
    _check_criteria(criteria)
    exact = _exact_criterion_means(criteria, sheets)
    return {e: {c: float(m) for c, m in means.items()} for e, means in exact.items()}


def rank(
    criteria: list[Criterion], sheets: Iterable[Sheet], submitted_at: dict[int, datetime]
) -> list[Ranked]:
    """Rank the entries that have at least one sheet, best first (method: module docstring).

    ``submitted_at`` maps entry id -> submission time (for the tie-break); an entry missing
    from it is placed after the entries that have one. Raises ValueError for invalid criteria
    or scores, or for two sheets by the same judge for the same entry.
    """
    _check_criteria(criteria)
    sheets = list(sheets)
    totals: dict[tuple[int, int], Fraction] = {}
    for sheet in sheets:
        key = (sheet.judge_id, sheet.entry_id)
        if key in totals:
            raise ValueError(f"judge {key[0]} has two sheets for entry {key[1]}")
        totals[key] = _exact_total(sheet, criteria)
    if not totals:
        return []

    by_judge: dict[int, dict[int, Fraction]] = defaultdict(dict)
    by_entry: dict[int, list[Fraction]] = defaultdict(list)
    for (judge, entry), total in totals.items():
        by_judge[judge][entry] = total
        by_entry[entry].append(total)

    z_by_entry: dict[int, list[float]] = defaultdict(list)
    for marks in by_judge.values():
        values = list(marks.values())
        mean = _mean(values)
        spread = _pstdev(values, mean)  # 0 for a single sheet or identical totals
        for entry, total in marks.items():
            z_by_entry[entry].append(float(total - mean) / spread if spread else 0.0)

    everything = list(totals.values())
    overall_mean = _mean(everything)
    overall_sd = _pstdev(everything, overall_mean)

    raw = {e: _round2(_mean(ts)) for e, ts in by_entry.items()}
    normalised: dict[int, float] = {}
    for entry, zs in z_by_entry.items():
        if overall_sd == 0:
            normalised[entry] = raw[entry]
        else:
            z = math.fsum(zs) / len(zs)
            value = float(overall_mean) + overall_sd * z
            normalised[entry] = round(min(100.0, max(0.0, value)), 2)

    top = min(criteria, key=lambda c: (-c.weight, c.id)).id
    means = _exact_criterion_means(criteria, sheets)
    top_mean = {e: _round2(means[e][top]) for e in by_entry}

    def order(entry: int) -> tuple[float, float, float, bool, datetime | None, int]:
        when = submitted_at.get(entry)
        # ``when is None`` comes first, so a None is only ever compared with another None.
        return (-normalised[entry], -raw[entry], -top_mean[entry], when is None, when, entry)

    ordered = sorted(by_entry, key=order)
    group_size: dict[float, int] = defaultdict(int)
    for entry in ordered:
        group_size[normalised[entry]] += 1
    return [
        Ranked(
            entry_id=entry,
            rank=position,
            raw=raw[entry],
            normalised=normalised[entry],
            judges=len(by_entry[entry]),
            tied_on_normalised=group_size[normalised[entry]] > 1,
        )
        for position, entry in enumerate(ordered, start=1)
    ]


def assign(
    entries: list[int],
    judges: list[int],
    conflicts: set[tuple[int, int]],
    per_entry: int | None,
    existing: dict[int, list[int]] | None = None,
) -> tuple[dict[int, list[int]], list[int]]:
    """Share entries out among judges; deterministic for the same inputs.

    ``conflicts`` holds (judge_id, entry_id) pairs that must never be assigned.
    ``per_entry`` None: every judge gets every entry they have no conflict with.
    ``per_entry`` K: entries are taken in the order given; each gets the K non-conflicted judges
    with the fewest assignments so far (ties: lower judge id).
    Returns (entry id -> sorted judge ids, entries short of judges in order given). "Short"
    means fewer than K judges, or (per_entry None) no judge at all; a short entry still gets
    every judge it can. Duplicate ids in ``entries`` or ``judges`` are ignored.
    ``existing`` (entry id -> judges it already has, e.g. when a judge recused or joined
    late): those judges stay, count towards K and towards each judge's load, and only the
    missing places are filled.
    """
    if per_entry is not None and per_entry < 1:
        raise ValueError("per_entry must be at least 1 (or None for every judge)")
    panel = sorted(set(judges))
    load = dict.fromkeys(panel, 0)
    entries = list(dict.fromkeys(entries))
    kept = {entry: sorted(set((existing or {}).get(entry, ())) & set(panel))
            for entry in entries}
    for have in kept.values():
        for judge in have:
            load[judge] += 1
    assigned: dict[int, list[int]] = {}
    short: list[int] = []
    for entry in entries:
        have = kept[entry]
        free = [j for j in panel if (j, entry) not in conflicts and j not in have]
        if per_entry is None:
            added = free
        else:
            added = sorted(free, key=lambda j: (load[j], j))[:max(per_entry - len(have), 0)]
        chosen = sorted(have + added)
        wanted = 1 if per_entry is None else per_entry
        if len(chosen) < wanted:
            short.append(entry)
        for judge in added:
            load[judge] += 1
        assigned[entry] = chosen
    return assigned, short
