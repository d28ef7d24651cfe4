"""The proposal list's search is one filter (proposals.queries.filtered) read by the page
and the API alike."""

import pytest

from zhengxie.proposals.tests.test_api import login_api
from zhengxie.testing import ids_in_api, ids_on_page


def _page_ids(client, **params) -> list[int]:
    return ids_on_page(client, "/proposals/", **params)


def _api_ids(call, **params) -> list[int]:
    return ids_in_api(call, "/api/v1/proposals", **params)


@pytest.mark.parametrize("q", ["寄宿", "  寄宿  ", "\t寄宿"])
def test_proposal_search_reads_the_same_on_page_and_api(cycle, p, login, client, q):
    wanted = cycle.submitted().pk
    cycle.submitted(title="关于改善县城交通的建议")
    page = _page_ids(login(p.staff), q=q)
    api = _api_ids(login_api(client, p.staff), q=q)
    assert page == api == [wanted]


def test_proposal_unit_filter_reads_the_same_on_page_and_api(cycle, p, login, client):
    wanted = cycle.assigned().pk
    cycle.submitted(title="关于改善县城交通的建议")
    page = _page_ids(login(p.staff), unit=p.unit.pk)
    api = _api_ids(login_api(client, p.staff), unit_id=p.unit.pk)
    assert page == api == [wanted]
