"""Query strings a person (or a fuzzer) might type into the compare page's URL."""

import pytest


@pytest.mark.parametrize("query", ["company=²", "company=99999999999999999999", "pin=²", "top=²",
                                   "always=²,3", "top=0"])
def test_odd_numbers_in_the_query_are_ignored_not_errors(admin_client, query):
    assert admin_client.get(f"/compare?{query}").status_code == 200
    assert admin_client.get(f"/compare/export.csv?{query}").status_code == 200
