"""What a load run saw: every write it attempted with its outcome, and every request's timing."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

ACKED = "acked"  # the server answered 2xx/3xx: it promised the write is stored
REFUSED = "refused"  # a 4xx: the write must not be stored
UNKNOWN = "unknown"  # no answer, or a 5xx: it may or may not be stored


@dataclass(frozen=True)
class Write:
    """One attempted change. `text` is unique to the write, so it can be found in the database.

    target: ("score", user_id, company_id, criterion_key) or ("prfaq", draft_id, section_key).
    """

    target: tuple
    text: str
    value: int | None
    outcome: str


def outcome_of(status: int | None, acknowledged: bool) -> str:
    """ACKED only for the exact answer a stored write gets (a 303 to the login page is not one)."""
    if status is None or status >= 500:
        return UNKNOWN
    return ACKED if acknowledged else REFUSED


@dataclass
class Ledger:
    """Writes in the order each virtual user made them (a user waits for each answer)."""

    writes: list[Write] = field(default_factory=list)

    def add(
        self, target: tuple, text: str, value: int | None, status: int | None, acknowledged: bool
    ) -> None:
        self.writes.append(Write(target, text, value, outcome_of(status, acknowledged)))

    def by_target(self) -> dict[tuple, list[Write]]:
        grouped: dict[tuple, list[Write]] = defaultdict(list)
        for write in self.writes:
            grouped[write.target].append(write)
        return grouped

    def count(self, outcome: str) -> int:
        return sum(1 for write in self.writes if write.outcome == outcome)


def percentile(sorted_values: list[float], share: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    if not sorted_values:
        return 0.0
    rank = max(1, round(share * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


@dataclass
class Stats:
    """Latency per kind of request, answers by status class, and failures to get an answer."""

    latencies_ms: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: Counter = field(default_factory=Counter)  # (kind, status) -> count
    transport_errors: Counter = field(default_factory=Counter)  # kind -> count
    unavailable: set[str] = field(default_factory=set)
    unexpected: Counter = field(default_factory=Counter)  # (kind, status, location) -> count
    seconds: float = 0.0

    def record(self, kind: str, status: int, elapsed_ms: float) -> None:
        self.latencies_ms[kind].append(elapsed_ms)
        self.statuses[(kind, status)] += 1

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())

    @property
    def server_errors(self) -> int:
        return sum(count for (_kind, status), count in self.statuses.items() if status >= 500)

    def client_errors(self) -> Counter:
        return Counter({key: count for key, count in self.statuses.items() if 400 <= key[1] < 500})

    def table(self) -> list[str]:
        """One line per kind: count, p50, p99, max."""
        lines = [f"{'kind':<16}{'count':>8}{'p50 ms':>10}{'p99 ms':>10}{'max ms':>10}"]
        for kind in sorted(self.latencies_ms):
            values = sorted(self.latencies_ms[kind])
            lines.append(
                f"{kind:<16}{len(values):>8}{percentile(values, 0.5):>10.1f}"
                f"{percentile(values, 0.99):>10.1f}{values[-1]:>10.1f}"
            )
        return lines
