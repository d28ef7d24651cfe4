"""Forms of the consultation pages, one module per area."""
