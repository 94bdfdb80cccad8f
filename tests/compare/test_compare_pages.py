"""Query strings a person (or a fuzzer) might type into the compare page's URL."""

import pytest
from starlette.datastructures import QueryParams

from pitchlab.compare.page_options import page_options, page_url, pin_urls, toggled
from pitchlab.compare.selection import selection_from_query


@pytest.mark.parametrize(
    "query",
    [
        "company=²",
        "company=99999999999999999999",
        "pin=²",
        "top=²",
        "always=²,3",
        "top=0",
        "page=²",
        "page=0",
        "page=-3",
        "page=99999999999999999999",
    ],
)
def test_odd_numbers_in_the_query_are_ignored_not_errors(admin_client, query):
    assert admin_client.get(f"/compare?{query}").status_code == 200
    assert admin_client.get(f"/compare/export.csv?{query}").status_code == 200


@pytest.mark.parametrize(("given", "read"), [("2", 2), ("0", 1), ("-3", 1), ("x", 1), ("", 1)])
def test_matrix_page_number_is_read_or_defaults_to_the_first(given, read):
    assert page_options(QueryParams({"page": given})).page == read


@pytest.mark.parametrize(
    "query",
    [
        "",
        "tag=ai&pin=3",
        "q=a%26b&pack=core&pw.core=2&sort=name&dir=desc&pin=3&pin=7&pincol=core.team&top=10&page=2",
    ],
)
def test_each_rows_pin_link_toggles_only_its_own_pin(query):
    params = QueryParams(query)
    selection, options = selection_from_query(params), page_options(params)
    companies = [3, 7, 11]
    assert pin_urls(selection, options, companies) == [
        page_url(selection, options, pinned_rows=toggled(options.pinned_rows, company))
        for company in companies
    ]
