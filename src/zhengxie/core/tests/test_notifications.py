from django.core import mail

from zhengxie.core.models import Notification, User
from zhengxie.core.services import notify


def test_notify_fills_the_inbox_and_mails_after_commit(p, django_capture_on_commit_callbacks):
    user = p.plain.member.user
    User.objects.filter(pk=user.pk).update(email="li@example.cn")
    user.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[user], title="会议通知", body="请于周五参加常委会议。", link="/")
    assert Notification.objects.filter(recipient=user, title="会议通知").exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["li@example.cn"] and mail.outbox[0].subject == "会议通知"


def test_no_mail_is_sent_when_the_transaction_rolls_back(p, django_capture_on_commit_callbacks):
    user = p.plain.member.user
    User.objects.filter(pk=user.pk).update(email="li@example.cn")
    user.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(recipients=[user], title="会议通知")
    assert len(callbacks) == 1 and mail.outbox == []


def test_inactive_users_are_not_notified(p):
    User.objects.filter(pk=p.another.member.user_id).update(is_active=False)
    users = User.objects.filter(pk__in=[p.another.member.user_id, p.plain.member.user_id])
    created = notify(recipients=users, title="通知", email=False)
    assert [n.recipient_id for n in created] == [p.plain.member.user_id]


def test_inbox_shows_and_marks_messages_read(p, login):
    user = p.plain.member.user
    notify(recipients=[user], title="请查收提案交办通知", email=False)
    client = login(user)
    assert "请查收提案交办通知" in client.get("/inbox/").content.decode()
    assert "消息(1)" in client.get("/").content.decode()
    client.post("/inbox/read/")
    assert not Notification.objects.filter(recipient=user, read_at=None).exists()
