"""Sentence encoders behind one contract, and the registry that loads them by name."""
