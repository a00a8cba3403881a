"""Readable, stable key parts made from names."""

from __future__ import annotations

import re
import unicodedata

_NOT_KEY = re.compile(r"[^a-z0-9]+")


def slug(text: str, limit: int = 120) -> str:
    """Lower-case ASCII words joined by hyphens: ``"Microsoft Excel"`` -> ``"microsoft-excel"``.

    Signs that tell technologies apart are spelled out, so ``C``, ``C#`` and ``C++`` differ.

    >>> slug("C++ / Café")
    'c-plus-plus-cafe'
    """
    spelled = text.replace("+", " plus ").replace("#", " sharp ")
    ascii_text = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode()
    return _NOT_KEY.sub("-", ascii_text.lower()).strip("-")[:limit].strip("-")
