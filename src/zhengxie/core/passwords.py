"""Password complexity (等级保护): length and a mix of character kinds."""

import string

from django.core.exceptions import ValidationError

MIN_LENGTH = 10
MIN_KINDS = 2


def _kinds(password: str) -> int:
    has_letter = any(c.isalpha() for c in password)
    has_digit = any(c.isdigit() for c in password)
    has_symbol = any(c in string.punctuation or c.isspace() for c in password)
    return has_letter + has_digit + has_symbol


class ComplexityValidator:
    def validate(self, password: str, user=None) -> None:
        if len(password) < MIN_LENGTH or _kinds(password) < MIN_KINDS:
            raise ValidationError(self.get_help_text(), code="password_complexity")

    def get_help_text(self) -> str:
        return f"密码至少{MIN_LENGTH}位,且须包含字母、数字、符号中的至少两种。"
