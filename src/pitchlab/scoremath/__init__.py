"""The scoring maths every page, export and the API share (issue 11: one number for one thing).

Pure functions over numbers: no HTTP, no database, no models. `totals` is the weighted total
(N/A and unanswered criteria left out of both the sum and the weights); `disagreement` is the
rule that flags a criterion whose evaluators disagree. The scorecard's live total, the company
scores page, the compare page, its exports and the API all call these, so they cannot drift.
"""
