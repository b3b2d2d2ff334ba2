"""Browser tests, one module per feature (see conftest.py and helpers.py)."""
