"""One home per construct across packs (issue 15).

A construct (cost per request, label quality, the data loop, the team) is scored by exactly one
criterion among the packs that add up into totals (core and further): the one that names it in
`construct:`. Another pack that needs it lists it under `see:` instead of scoring it again.
A preset is a published valuation method whose factors are fixed by its author (Payne's team
factor, for one), so a preset factor may name a construct homed elsewhere; compare then counts
the construct once, for the home (compare/weights.py).
"""

from collections.abc import Iterable

from .packmodels import PackFile

VALUATION_KIND = "preset"


def construct_homes(packs: Iterable[PackFile]) -> dict[str, list[tuple[str, str]]]:
    """Every construct with the (pack, criterion) pairs of core and further packs scoring it."""
    homes: dict[str, list[tuple[str, str]]] = {}
    for pack in packs:
        if pack.kind == VALUATION_KIND:
            continue
        for criterion in pack.criteria:
            if criterion.construct_key:
                homes.setdefault(criterion.construct_key, []).append((pack.key, criterion.key))
    return homes


def construct_problems(packs: Iterable[PackFile]) -> list[str]:
    """What breaks one home per construct across these packs, as readable sentences."""
    packs = list(packs)
    homes = construct_homes(packs)
    problems = [
        f"construct {construct!r} is scored more than once: "
        + ", ".join(f"{pack}.{criterion}" for pack, criterion in pairs)
        for construct, pairs in homes.items()
        if len(pairs) > 1
    ]
    keys = {pack.key for pack in packs}
    for pack in packs:
        for see in pack.see or []:
            if see.pack in keys and (see.pack, see.criterion) not in homes.get(
                see.construct_key, []
            ):
                problems.append(
                    f"{pack.key}: see {see.construct_key!r} points to {see.pack}.{see.criterion}, "
                    "which is not that construct's home"
                )
    return problems
