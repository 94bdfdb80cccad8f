"""The benchmark script runs end to end (CI runs `pitchlab bench --small`)."""

from pitchlab.bench import Size, main, run_bench

TINY = Size(companies=24, criteria=4, evaluators=4, scorecards_per_company=3, page_companies=12,
            small_page_companies=3)


def test_bench_measures_every_figure_on_a_tiny_portfolio():
    lines = []
    figures = run_bench(TINY, runs=1, out=lines.append)
    assert figures["scores"] == 24 * 3 * 4
    assert figures["statements_constant"]
    assert figures["compare_page"].statements == figures["compare_few"].statements > 0
    text = "\n".join(lines)
    for label in ("compare page, 12 companies", "CSV export, all 24", "XLSX export, all 24",
                  "SQL statements per request", "peak memory"):
        assert label in text


def test_bench_small_mode_through_main(capsys):
    assert main(["--small"]) == 0
    assert "pitchlab bench: 150 companies" in capsys.readouterr().out
