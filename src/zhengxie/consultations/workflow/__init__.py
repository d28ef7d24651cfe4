"""The workflow tables of consultation, one module per area (topics and plans, activities,
outcomes); import them from here."""
