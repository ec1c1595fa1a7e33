"""Views of the Smart Store, one module per audience."""
