import pytest

from zhengxie.core import stats


@pytest.fixture
def only(monkeypatch):
    """The registry holds only the apps a test registers."""
    monkeypatch.setattr(stats, "_REGISTRY", {})
    return stats.register
