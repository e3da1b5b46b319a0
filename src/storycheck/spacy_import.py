"""spaCy imported without PyTorch.

thinc, which spaCy runs on, imports PyTorch whenever it is installed, and it
is installed here for training. That import is two of the three seconds spaCy
takes to load and about 180 MB of each process, paid by every analysis and
every batch worker, though no pipeline storycheck loads runs on PyTorch. So
the first import of spaCy in a process hides PyTorch from thinc; PyTorch
imports as usual afterwards (training does), but thinc keeps the answer it got.

A program that needs thinc's PyTorch layers (a transformer spaCy pipeline)
beside storycheck should import spaCy or PyTorch before its first analysis:
once either is imported, nothing is hidden.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType


def import_spacy(name: str = "spacy") -> ModuleType:
    """The module ``name`` (spaCy or one of its modules), with PyTorch hidden from thinc
    when neither spaCy nor PyTorch has been imported yet."""
    if "spacy" in sys.modules or "torch" in sys.modules:
        return importlib.import_module(name)
    # A None entry makes `import torch` raise ImportError, which thinc takes as "not installed".
    sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        return importlib.import_module(name)
    finally:
        del sys.modules["torch"]
