import pytest
from django.db import connection

from zhengxie.core.models import User
from zhengxie.core.services import user_authenticate
from zhengxie.testing import PASSWORD, build_committee


@pytest.mark.django_db(transaction=True)
def test_login_hashes_the_password_before_taking_the_write_lock(monkeypatch):
    p = build_committee()
    in_transaction = []
    check = User.check_password

    def spy(user, raw):
        in_transaction.append(connection.in_atomic_block)
        return check(user, raw)

    monkeypatch.setattr(User, "check_password", spy)
    assert user_authenticate(username=p.staff.username, password=PASSWORD, ip="10.0.0.1")
    assert in_transaction == [False]
