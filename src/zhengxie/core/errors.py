"""Errors raised by services. Pages show `detail`; the API returns it with `code`."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    code: str
    detail: str
    status: int = 400


class ServiceError(Exception):
    def __init__(self, problem: Problem, detail: str | None = None, errors=None):
        self.problem = problem
        self.code = problem.code
        self.status = problem.status
        self.detail = detail or problem.detail
        self.errors = errors or []
        super().__init__(self.detail)


def require(condition: bool, problem: Problem, detail: str | None = None) -> None:
    """A service's rule: refuse with `problem` (and a more precise `detail`) unless it holds."""
    if not condition:
        raise ServiceError(problem, detail)


BAD_INPUT = Problem("invalid_input", "提交的内容有误,请检查后重试。")
TOO_LARGE = Problem("too_large", "提交的内容过大。", 413)
NOT_AUTHENTICATED = Problem("not_authenticated", "请先登录。", 401)
TOKEN_INVALID = Problem("token_invalid", "登录凭证无效或已过期,请重新登录。", 401)
FORBIDDEN = Problem("forbidden", "您没有权限进行此操作。", 403)
NOT_FOUND = Problem("not_found", "未找到相关内容。", 404)
CONFLICT = Problem("state_conflict", "当前状态不允许此操作。", 409)
LOGIN_FAILED = Problem("login_failed", "用户名或密码错误。", 401)
ACCOUNT_LOCKED = Problem(
    "account_locked", "该账号登录失败次数过多,已被锁定,请联系安全管理员解锁。", 403
)
LOGIN_THROTTLED = Problem(
    "login_throttled",
    "从此地址登录失败次数过多,请15分钟后再试;忘记密码请联系安全管理员。",
    429,
)
ACCOUNT_DISABLED = Problem("account_disabled", "账号已停用,请联系系统管理员。", 403)
ROLE_CONFLICT = Problem(
    "role_conflict", "三员分立:管理员只能担任一种管理角色,且不能兼任业务角色。", 409
)
WEAK_PASSWORD = Problem("weak_password", "密码不符合复杂度要求。")
USERNAME_TAKEN = Problem("username_taken", "该用户名已被使用。", 409)
ROLE_SELF = Problem("role_self", "不能修改自己的角色。", 403)
ACTIVE_SELF = Problem("active_self", "不能停用自己的账号。", 403)
PASSWORD_CHANGE_REQUIRED = Problem(
    "password_change_required", "您使用的是一次性密码,请先在网页上登录并设置新密码。", 403
)
WRONG_PASSWORD = Problem("wrong_password", "当前密码不正确。")
RESET_SELF = Problem("reset_self", "不能重置自己的密码,请在“修改密码”中修改。", 403)
RESET_PENDING = Problem("reset_pending", "该账号已有一项待确认的密码重置。", 409)
RESET_CONFIRMER = Problem(
    "reset_confirmer",
    "管理员账号的密码重置须由申请人和本人以外的另一名管理员确认。",
    403,
)
