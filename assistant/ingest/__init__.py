"""Turning files as people have them into text and blocks the parser can cut into passages."""
