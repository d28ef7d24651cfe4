"""The action tables of consultation (name → payload schema, service call), one module per area."""
