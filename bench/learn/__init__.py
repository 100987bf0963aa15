"""Learning data and learned models for issue 17 (scripts; the package is imported through ``package.py``)."""
