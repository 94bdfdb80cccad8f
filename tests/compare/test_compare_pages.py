"""Query strings a person (or a fuzzer) might type into the compare page's URL."""

import pytest
from starlette.datastructures import QueryParams

from pitchlab.compare.page_options import page_options


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
