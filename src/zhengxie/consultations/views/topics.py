"""topics pages."""

urls = []
