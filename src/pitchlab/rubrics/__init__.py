"""Rubric packs: the pack file format, its validator and the calculators that go with it."""
