"""Numerals as committees write them: 第十届, 十届三次会议 in Chinese figures, 第11期 in Arabic."""

DIGITS = "零一二三四五六七八九"
UNITS = ((1000, "千"), (100, "百"), (10, "十"))


def chinese_numeral(n: int) -> str:
    """Render 0 <= n < 10000 the way documents write it (十, 十一, 二十, 一百零五)."""
    if not 0 <= n < 10000:
        raise ValueError(f"out of range: {n}")
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n - 10] if n > 10 else "")
    parts: list[str] = []
    rest = n
    pending_zero = False
    for value, unit in UNITS:
        digit, rest = divmod(rest, value)
        if digit:
            if pending_zero:
                parts.append("零")
            parts.append(DIGITS[digit] + unit)
            pending_zero = False
        elif parts:
            pending_zero = True
    if rest:
        if pending_zero:
            parts.append("零")
        parts.append(DIGITS[rest])
    return "".join(parts)


def heading_number(position: int) -> str:
    """一、二、…十一、二十、: how an official document numbers its first-level headings
    (GB/T 9704 7.3.3), counted from 1."""
    if position < 1:
        raise ValueError(f"headings are counted from 1: {position}")
    return f"{chinese_numeral(position)}、"


def issue_number(number: int, year: int | None = None) -> str:
    """期号 as the web and the printed issue both write it: 第11期, 2026年第11期 (the seeds
    quote 《各界反映》第27期, in Arabic figures)."""
    return f"{year}年第{number}期" if year else f"第{number}期"


def term_name(term_number: int) -> str:
    """十一届, as running text writes a term (市十一届政协期间, 十一届十四次常委会议)."""
    return f"{chinese_numeral(term_number)}届"


def term_label(term_number: int) -> str:
    return f"第{term_name(term_number)}"


def session_label(term_number: int, session_number: int) -> str:
    return f"{term_name(term_number)}{chinese_numeral(session_number)}次会议"
