"""Resident ID numbers (GB 11643): 17 digits and an ISO 7064 MOD 11-2 check character."""

import re
from datetime import date

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"
PATTERN = re.compile(r"^\d{17}[\dX]$")


def id_check_digit(body: str) -> str:
    return CHECK[sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True)) % 11]


def is_valid_id_number(value: str) -> bool:
    value = value.strip().upper()
    if not PATTERN.match(value) or id_check_digit(value[:17]) != value[17]:
        return False
    try:
        date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    return True
