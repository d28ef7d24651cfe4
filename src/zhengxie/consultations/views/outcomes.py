"""outcomes pages."""

urls = []
