"""Searching: candidates by channel, fusion, refusal, and the sentences to highlight."""
