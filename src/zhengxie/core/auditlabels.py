"""What the audit trail's codes mean in Chinese. Each app declares, in AppConfig.ready(), a
label for every audit action it writes, the kinds of object its events concern (with the page
that shows one), and labels for recorded keys that are not model fields. The audit pages read
them from here; the export keeps the raw codes beside them."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

ACTIONS: dict[str, str] = {}
FIELDS: dict[str, str] = {}
VALUES: dict[tuple[str, str], Callable[[object], str]] = {}
REFERENCES: dict[tuple[str, str], str] = {}


@dataclass(frozen=True)
class ObjectKind:
    label: str
    url_name: str = ""  # a page taking the object's id, if it has one


OBJECTS: dict[str, ObjectKind] = {}


def declare_actions(prefix: str, labels: Mapping[str, str]) -> None:
    """`labels` maps the part after "<prefix>." to its label."""
    ACTIONS.update({f"{prefix}.{code}": label for code, label in labels.items()})


def declare_labels(labels: Mapping[str, str]) -> None:
    """`labels` maps full action names (an app's audit_actions constants) to their labels."""
    ACTIONS.update(labels)


def declare_transitions(workflow) -> None:
    """A declared workflow's steps are audited under each row's `audit` name, labelled as
    the step (a core.workflow.Workflow)."""
    ACTIONS.update({t.audit: t.label for t in workflow.transitions.values()})


def declare_object(object_type: str, label: str, url_name: str = "") -> None:
    OBJECTS[object_type] = ObjectKind(label, url_name)


def declare_fields(labels: Mapping[str, str]) -> None:
    FIELDS.update(labels)


def declare_value(object_type: str, field: str, render: Callable[[object], str]) -> None:
    """How one recorded field's value reads (e.g. a registered code's label)."""
    VALUES[(object_type, field)] = render


def declare_reference(object_type: str, field: str, model: str) -> None:
    """A recorded key that holds the id of a `model` ("app.Model") without being a foreign
    key of the event's object (e.g. a proposal's "into", a member's "sector_id")."""
    REFERENCES[(object_type, field)] = model


def action_label(action: str) -> str:
    return ACTIONS.get(action, action)


declare_actions(
    "auth",
    {
        "login": "登录",
        "logout": "退出登录",
        "failed": "登录失败",
        "failed_unknown": "登录失败(用户名不存在)",
        "lockout": "账号因登录失败过多被锁定",
        "token_revoke": "注销访问令牌",
    },
)
declare_actions(
    "user",
    {
        "create": "新建账号",
        "set_roles": "分配角色",
        "set_active": "启用或停用账号",
        "unlock": "解除锁定",
        "password_reset": "重置密码(一次性密码)",
        "password_reset_request": "申请重置管理员密码",
        "password_reset_refuse": "拒绝重置密码",
        "change_password": "修改本人密码",
    },
)
declare_actions(
    "calendar",
    {"seed": "载入法定节假日", "set_day": "调整工作日历", "remove_day": "删除工作日历调整"},
)
declare_actions("committee", {"create": "新建政协", "setup": "建立政协的默认设置"})
declare_actions("term", {"start": "设立新一届"})
declare_actions("session", {"create": "添加会议(次)"})
declare_actions("audit", {"rekey": "审计链改用密钥计算"})
declare_object("core.user", "账号", "account_detail")
declare_object("core.committee", "政协")
declare_object("core.term", "届")
declare_object("core.session", "次会议")
declare_object("core.calendarday", "工作日历")
declare_fields(
    {
        "roles": "角色",
        "reason": "理由",
        "rows": "记录数",
        "filters": "筛选条件",
        "failures": "失败次数",
        "tokens_revoked": "注销的令牌数",
        "requested_by": "申请人",
        "confirmed_by": "确认人",
        "years": "年份",
        "current": "本届",
        "label": "名称",
        "chains": "审计链",
        "note": "说明",
        "source": "来源",
        "state": "状态",
        "urgent": "预警",
        "title": "标题",
        "name": "名称",
        "number": "编号",
    }
)


def _role_labels(value) -> str:
    from .roles import LABELS

    names = value if isinstance(value, list) else [value]
    return "、".join(LABELS.get(name, str(name)) for name in names) or "无"


for _object_type in ("core.user", "members.member"):
    declare_value(_object_type, "roles", _role_labels)
