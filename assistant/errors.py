"""Errors a user can meet. Each message says what went wrong and how to fix it, in one line."""

from __future__ import annotations


class AssistantError(Exception):
    """Base class: the CLI and the web app show these as one line, never as a traceback."""


class CorpusError(AssistantError):
    """The corpus folder is missing, empty, or holds a file that cannot be read."""


class ModelNotFoundError(AssistantError):
    """The requested sentence model is neither installed nor a readable local folder."""


class IndexCorruptError(AssistantError):
    """The persisted index is missing, corrupted or built for another corpus or model."""


class IndexStaleError(AssistantError):
    """The index could not be brought up to date: another build holds the lock, or the corpus keeps changing."""


class IndexWriteError(AssistantError):
    """The index folder cannot be written (permissions, disk full)."""


class InputError(AssistantError):
    """A question or batch line that cannot be used as it is."""
