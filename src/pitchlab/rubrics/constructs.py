"""One home per construct across packs (issue 15).

A construct (cost per request, label quality, the data loop, the team) is scored by exactly one
criterion, the one that names it in `construct:`. Another pack that needs it lists it under
`see:` instead of scoring it again, so adding packs together never counts it twice.
"""

from collections.abc import Iterable

from .packmodels import PackFile


def construct_homes(packs: Iterable[PackFile]) -> dict[str, list[tuple[str, str]]]:
    """Every construct with the (pack, criterion) pairs that score it; one pair when sound."""
    homes: dict[str, list[tuple[str, str]]] = {}
    for pack in packs:
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
    for pack in packs:
        for see in pack.see or []:
            found = homes.get(see.construct_key, [])
            if (see.pack, see.criterion) not in found:
                problems.append(
                    f"{pack.key}: see {see.construct_key!r} points to {see.pack}.{see.criterion}, "
                    "which is not that construct's home"
                )
    return problems
