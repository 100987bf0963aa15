"""Sentence encoders behind one contract (:class:`Encoder`), and the registry that loads them by name."""

from __future__ import annotations

from .base import Encoder
from .registry import get_encoder

__all__ = ["Encoder", "get_encoder"]
