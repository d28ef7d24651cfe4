from datetime import date


def parse_date(value: str | None) -> date | None:
    """An ISO date from a query string, or None when absent or malformed."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
