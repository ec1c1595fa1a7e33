"""Views of the accounts app, one module per concept."""
