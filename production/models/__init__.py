"""Models, one module per concept; re-exported here."""
