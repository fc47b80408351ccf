"""The scoring method, checked against numbers worked out by hand (no database needed)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from diaspora_platform.competitions.scoring import (
    Criterion,
    Sheet,
    assign,
    criterion_means,
    rank,
    weighted_total,
)

C3 = [Criterion(1, 40), Criterion(2, 30), Criterion(3, 30)]
HALVES = [Criterion(1, 50), Criterion(2, 50)]  # total = 5 * (a + b)
T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
SAME_TIME: dict[int, datetime] = {}  # no times at all: that tie-break never decides


def s3(judge: int, entry: int, a: int, b: int, c: int) -> Sheet:
    return Sheet(judge, entry, {1: a, 2: b, 3: c})


def half(judge: int, entry: int, total: int) -> Sheet:
    """A HALVES sheet with the given total (a multiple of 5)."""
    marks = total // 5
    return Sheet(judge, entry, {1: min(10, marks), 2: marks - min(10, marks)})


def order(result) -> list[int]:
    return [r.entry_id for r in result]


def by_entry(result) -> dict:
    return {r.entry_id: r for r in result}


# --- weighted_total -----------------------------------------------------------------------


def test_weighted_total_bounds_and_example():
    assert weighted_total(s3(1, 1, 0, 0, 0), C3) == 0.0
    assert weighted_total(s3(1, 1, 10, 10, 10), C3) == 100.0
    # 40 * 7/10 + 30 * 5/10 + 30 * 9/10 = 28 + 15 + 27 = 70
    assert weighted_total(s3(1, 1, 7, 5, 9), C3) == 70.0


@pytest.mark.parametrize("scores", [{1: 5, 2: 5}, {1: 11, 2: 5, 3: 5}, {1: -1, 2: 5, 3: 5},
                                    {1: 5.5, 2: 5, 3: 5}])
def test_weighted_total_rejects_bad_sheets(scores):
    with pytest.raises(ValueError):
        weighted_total(Sheet(1, 1, scores), C3)


def test_criteria_must_sum_to_100():
    with pytest.raises(ValueError):
        weighted_total(s3(1, 1, 5, 5, 5), [Criterion(1, 40), Criterion(2, 30)])


# --- rank: the method -------------------------------------------------------------------------


def test_hand_computed_example():
    # Criteria 40/30/30. Totals (4a + 3b + 3c):
    #   judge 1: e1 (8,8,8)=80  e2 (7,7,7)=70  e3 (6,6,6)=60   mean 70, SD sqrt(200/3)=8.16497
    #            z: e1 +1.224745, e2 0, e3 -1.224745
    #   judge 2: e1 (5,5,5)=50  e2 (2,2,2)=20  e3 (4,4,4)=40   mean 110/3=36.6667
    #            SD sqrt(4200/27)=12.47219; z: e1 (40/3)/SD=+1.069045, e2 -1.336306, e3 +0.267261
    # Entry z: e1 (1.224745+1.069045)/2=+1.146895; e2 -0.668153; e3 -0.478742
    # All six totals: mean 320/6=53.3333, SD sqrt(3500/9)=19.720266
    #   e1 53.3333 + 19.720266 * 1.146895 = 75.95; e2 ... -0.668153 = 40.16; e3 ... = 43.89
    # Raw: e1 (80+50)/2=65, e2 45, e3 50.
    sheets = [s3(1, 1, 8, 8, 8), s3(1, 2, 7, 7, 7), s3(1, 3, 6, 6, 6),
              s3(2, 1, 5, 5, 5), s3(2, 2, 2, 2, 2), s3(2, 3, 4, 4, 4)]
    result = rank(C3, sheets, SAME_TIME)
    assert order(result) == [1, 3, 2]
    assert [r.rank for r in result] == [1, 2, 3]
    assert [r.normalised for r in result] == pytest.approx([75.95, 43.89, 40.16])
    assert [r.raw for r in result] == pytest.approx([65.0, 50.0, 45.0])
    assert all(r.judges == 2 and not r.tied_on_normalised for r in result)


def test_harsh_and_lenient_judges_rank_like_neutral_judges():
    # Neutral judge A marks e1, e2, e3 as 40, 45, 60; neutral judge B marks e2, e3, e4 as
    # 40, 55, 60. They agree: e1 < e2 < e3 < e4. Standard scores:
    #   A: e1 -0.980581, e2 -0.392232, e3 +1.372813
    #   B: e2 -1.372813, e3 +0.392232, e4 +0.980581
    #   entry z: e1 -0.98, e2 -0.88, e3 +0.88, e4 +0.98  -> order e4, e3, e2, e1
    neutral = [half(1, 1, 40), half(1, 2, 45), half(1, 3, 60),
               half(2, 2, 40), half(2, 3, 55), half(2, 4, 60)]
    # The same judges, but A is lenient (+30) and B harsh (-30): same order, same distances.
    skewed = [half(1, 1, 70), half(1, 2, 75), half(1, 3, 90),
              half(2, 2, 10), half(2, 3, 25), half(2, 4, 30)]
    # Raw averages would be unfair: e1 70, e2 42.5, e3 57.5, e4 30 (entry 4 last, entry 1 top).
    skewed_raw = sorted(by_entry(rank(HALVES, skewed, SAME_TIME)).values(), key=lambda r: -r.raw)
    assert [r.entry_id for r in skewed_raw] == [1, 3, 2, 4]
    assert order(rank(HALVES, neutral, SAME_TIME)) == [4, 3, 2, 1]
    assert order(rank(HALVES, skewed, SAME_TIME)) == [4, 3, 2, 1]


def test_harsh_narrow_and_lenient_wide_judges_on_full_panel():
    # Same order e3 > e1 > e2; harsh judge uses 10..30, lenient 60..100, neutral 40..60.
    neutral = [half(j, e, t) for j in (1, 2) for e, t in ((1, 50), (2, 40), (3, 60))]
    skewed = [half(1, 1, 20), half(1, 2, 10), half(1, 3, 30),
              half(2, 1, 80), half(2, 2, 60), half(2, 3, 100)]
    assert order(rank(HALVES, neutral, SAME_TIME)) == [3, 1, 2]
    assert order(rank(HALVES, skewed, SAME_TIME)) == [3, 1, 2]


def test_single_sheet_and_zero_spread_judges_count_as_average():
    # Judge 1: e1 60, e2 70, e3 80 -> z -1.224745, 0, +1.224745.
    # Judge 2 marked only e1 (100): z 0. Judge 3 gave e2 and e3 both 50: z 0, 0.
    # Entry z: e1 -0.612372, e2 0, e3 +0.612372.
    # All totals 60, 70, 80, 100, 50, 50: mean 68.3333, SD sqrt(1883.33/6)=17.716910
    #   e1 68.3333 - 17.716910 * 0.612372 = 57.48; e2 68.33; e3 79.18
    # Raw: e1 80 (highest!), e2 60, e3 65: judge 2's lone 100 does not lift e1.
    sheets = [half(1, 1, 60), half(1, 2, 70), half(1, 3, 80),
              half(2, 1, 100), half(3, 2, 50), half(3, 3, 50)]
    result = by_entry(rank(HALVES, sheets, SAME_TIME))
    assert order(rank(HALVES, sheets, SAME_TIME)) == [3, 2, 1]
    assert result[1].normalised == pytest.approx(57.48)
    assert result[2].normalised == pytest.approx(68.33)
    assert result[3].normalised == pytest.approx(79.18)
    assert (result[1].raw, result[2].raw, result[3].raw) == (80.0, 60.0, 65.0)


def test_no_spread_anywhere_falls_back_to_raw():
    # One judge, one sheet each: every z is 0 and, with one total, the overall SD is 0 too.
    assert rank(HALVES, [half(1, 1, 65)], SAME_TIME)[0].normalised == 65.0
    # Two single-sheet judges with different totals: overall SD > 0 but every z is 0, so both
    # sit at the overall mean (55) and raw decides.
    result = rank(HALVES, [half(1, 1, 50), half(2, 2, 60)], SAME_TIME)
    assert order(result) == [2, 1]
    assert [r.normalised for r in result] == [55.0, 55.0]
    assert all(r.tied_on_normalised for r in result)


def test_normalised_is_clamped_to_0_100():
    # Judge 1: e1 100, e2 0 -> z +1, -1. Judge 2: e3, e4, e5 all 100 -> z 0.
    # Totals 100, 0, 100, 100, 100: mean 80, SD 40. e1 80 + 40 = 120 -> 100; e2 40.
    sheets = [half(1, 1, 100), half(1, 2, 0)] + [half(2, e, 100) for e in (3, 4, 5)]
    result = by_entry(rank(HALVES, sheets, SAME_TIME))
    assert result[1].normalised == 100.0 and result[2].normalised == 40.0
    # Mirror image: mean 20, SD 40; e1 (z -1) 20 - 40 = -20 -> 0.
    sheets = [half(1, 1, 0), half(1, 2, 100)] + [half(2, e, 0) for e in (3, 4, 5)]
    assert by_entry(rank(HALVES, sheets, SAME_TIME))[1].normalised == 0.0


def test_entries_without_sheets_are_not_ranked():
    assert rank(C3, [], {1: T0}) == []
    result = rank(C3, [s3(1, 1, 5, 5, 5)], {1: T0, 2: T0})
    assert order(result) == [1]


def test_two_sheets_by_one_judge_for_one_entry_is_an_error():
    with pytest.raises(ValueError):
        rank(C3, [s3(1, 1, 5, 5, 5), s3(1, 1, 6, 6, 6)], SAME_TIME)


# --- rank: tie-breaks, in order ------------------------------------------------------------


def test_tie_break_1_raw_score():
    # Judge 1 marks e1 40, e2 60; judge 2 marks e3 60, e4 80. z: e1 -1, e2 +1, e3 -1, e4 +1,
    # so e2/e4 and e1/e3 tie on the ranking score; the higher raw score goes first.
    sheets = [half(1, 1, 40), half(1, 2, 60), half(2, 3, 60), half(2, 4, 80)]
    result = rank(HALVES, sheets, SAME_TIME)
    assert order(result) == [4, 2, 3, 1]
    assert result[0].normalised == result[1].normalised
    assert all(r.tied_on_normalised for r in result)


def test_tie_break_2_top_weighted_criterion():
    # 40/30/30: e1 (9,5,5) = 36+15+15 = 66 and e2 (6,7,7) = 24+21+21 = 66; e3 (5,5,5) = 50.
    # e1 and e2 tie on everything but the 40% criterion: 9 beats 6.
    sheets = [s3(1, 2, 6, 7, 7), s3(1, 1, 9, 5, 5), s3(1, 3, 5, 5, 5)]
    result = rank(C3, sheets, {1: T0 + timedelta(hours=1), 2: T0, 3: T0})
    assert order(result) == [1, 2, 3]
    assert [r.tied_on_normalised for r in result] == [True, True, False]


def test_tie_break_2_equal_top_weights_use_lowest_criterion_id():
    # Criteria 5 and 3 both weigh 40%: criterion 3 (lower id) decides, although e1 leads on 5.
    criteria = [Criterion(5, 40), Criterion(3, 40), Criterion(9, 20)]
    sheets = [Sheet(1, 1, {5: 8, 3: 6, 9: 5}), Sheet(1, 2, {5: 6, 3: 8, 9: 5}),
              Sheet(1, 3, {5: 1, 3: 1, 9: 1})]
    assert criterion_means(criteria, sheets)[2] == {5: 6.0, 3: 8.0, 9: 5.0}
    assert order(rank(criteria, sheets, SAME_TIME)) == [2, 1, 3]


def test_tie_break_3_earlier_submission_then_4_lower_entry_id():
    # e1, e2, e3 identical (70); e4 lower (50). e3 was submitted first, e1 and e2 together.
    sheets = [half(1, e, 70) for e in (1, 2, 3)] + [half(1, 4, 50)]
    times = {1: T0, 2: T0, 3: T0 - timedelta(minutes=1), 4: T0}
    result = rank(HALVES, sheets, times)
    assert order(result) == [3, 1, 2, 4]
    assert [r.tied_on_normalised for r in result] == [True, True, True, False]
    # An entry without a submission time goes after those with one.
    assert order(rank(HALVES, sheets, {2: T0}))[:3] == [2, 1, 3]


def test_criterion_means():
    sheets = [s3(1, 1, 8, 6, 4), s3(2, 1, 7, 6, 5), s3(1, 2, 0, 0, 0)]
    assert criterion_means(C3, sheets) == {1: {1: 7.5, 2: 6.0, 3: 4.5}, 2: {1: 0, 2: 0, 3: 0}}


def test_rank_is_deterministic_whatever_the_sheet_order():
    sheets = [half(j, e, 5 * ((j * 7 + e * 3) % 21)) for j in (1, 2, 3) for e in range(1, 8)]
    first = rank(HALVES, sheets, SAME_TIME)
    assert rank(HALVES, list(reversed(sheets)), SAME_TIME) == first
    assert [r.rank for r in first] == list(range(1, 8))


# --- assign -----------------------------------------------------------------------------------


def test_assign_everyone_minus_conflicts():
    assigned, short = assign([10, 20, 30], [3, 1, 2], {(1, 20), (1, 30), (2, 30), (3, 30)},
                             None)
    assert assigned == {10: [1, 2, 3], 20: [2, 3], 30: []}
    assert short == [30]


def test_assign_balanced_k():
    # 6 entries, 4 judges, 2 each: loads stay equal, lowest ids first on equal loads.
    assigned, short = assign([1, 2, 3, 4, 5, 6], [4, 3, 2, 1], set(), 2)
    assert assigned == {1: [1, 2], 2: [3, 4], 3: [1, 2], 4: [3, 4], 5: [1, 2], 6: [3, 4]}
    assert short == []


def test_assign_balanced_k_with_conflicts():
    # e1: loads all 0 -> 1, 2. e2: judge 3 conflicted; 4 has 0 -> 4, then 1 (load 1, lower id).
    # e3: loads 1:2, 2:1, 3:0, 4:1 -> 3, then 2.
    assigned, short = assign([1, 2, 3], [1, 2, 3, 4], {(3, 2)}, 2)
    assert assigned == {1: [1, 2], 2: [1, 4], 3: [2, 3]}
    assert short == []


def test_assign_reports_shortfall_but_still_assigns():
    # Three judges, three per entry: entry 2 has a conflict and can only get two.
    assigned, short = assign([1, 2, 3], [1, 2, 3], {(2, 2)}, 3)
    assert assigned == {1: [1, 2, 3], 2: [1, 3], 3: [1, 2, 3]}
    assert short == [2]
    # More judges wanted than exist: every entry is short.
    assigned, short = assign([5, 6], [1, 2], set(), 3)
    assert assigned == {5: [1, 2], 6: [1, 2]} and short == [5, 6]


def test_assign_is_deterministic():
    entries, judges = list(range(1, 12)), [7, 3, 9, 1, 5]
    conflicts = {(3, 4), (9, 4), (1, 7), (5, 10)}
    first = assign(entries, judges, conflicts, 3)
    assert assign(entries, list(reversed(judges)), set(conflicts), 3) == first
    loads = [sum(j in js for js in first[0].values()) for j in judges]
    assert max(loads) - min(loads) <= 1 and first[1] == []


def test_assign_rejects_zero_per_entry():
    with pytest.raises(ValueError):
        assign([1], [1], set(), 0)
