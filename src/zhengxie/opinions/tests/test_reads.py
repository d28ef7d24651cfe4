"""The opinion list's search is one filter (opinions.queries.filtered) read by the page and
the API alike."""

import pytest

from zhengxie.proposals.tests.test_api import login_api
from zhengxie.testing import ids_in_api, ids_on_page


def _page_ids(client, **params) -> list[int]:
    return ids_on_page(client, "/opinions/", **params)


def _api_ids(call, **params) -> list[int]:
    return ids_in_api(call, "/api/v1/opinions", **params)


@pytest.mark.parametrize("q", ["交通", "  交通  ", "\t交通"])
def test_opinion_search_reads_the_same_on_page_and_api(flow, p, login, client, q):
    wanted = flow.submitted().pk
    flow.submitted(title="关于农贸市场环境卫生的反映")
    page = _page_ids(login(p.staff), q=q)
    api = _api_ids(login_api(client, p.staff), q=q)
    assert page == api == [wanted]


def test_opinion_urgent_filter_reads_the_same_on_page_and_api(flow, p, login, client):
    wanted = flow.submitted(urgent=True).pk
    flow.submitted(title="关于农贸市场环境卫生的反映")
    page = _page_ids(login(p.staff), urgent=1)
    api = _api_ids(login_api(client, p.staff), urgent="true")
    assert page == api == [wanted]
