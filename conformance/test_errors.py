"""Bad requests get GraphQL errors as W&B gives them, fast (no 5xx for the SDK to retry).

These go through the SDK's own transport (`Api._service_api.execute_graphql`, what every
public-API call uses): the SDK's fall-backs for older servers match on the error text
`Cannot query field "..." on type "..."` (QueuedRun item reads, pushToRunQueueByName).
"""

from __future__ import annotations

import time

import pytest


def _error(api, query: str) -> str:
    started = time.monotonic()
    with pytest.raises(Exception) as raised:
        api._service_api.execute_graphql(query, {})
    # wandb-core retries 5xx for up to the Api timeout (19 s); a GraphQL error comes back at once.
    assert time.monotonic() - started < 5, "the error took long: a retried 5xx rather than a GraphQL error?"
    return str(raised.value)


def test_unknown_field_is_a_graphql_error(api):
    message = _error(api, 'query Probe { project(name: "p", entityName: "cf-errors") { noSuchField } }')
    assert 'Cannot query field "noSuchField" on type "Project"' in message


def test_unknown_root_field_is_a_graphql_error(api):
    assert 'Cannot query field "noSuchRoot" on type "Query"' in _error(api, "query Probe { noSuchRoot }")


def test_syntax_error_is_a_graphql_error(api):
    assert _error(api, 'query Broken { project(name: ')
