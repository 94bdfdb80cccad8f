"""Scorecards: evaluators score a company against a rubric pack, blind to each other."""
