"""activities pages."""

urls = []
