from __future__ import annotations

import subprocess
import sys


def _fresh(code: str) -> list[str]:
    """What a fresh interpreter prints, one item a line: this one has imported spaCy already."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_a_parse_loads_no_pytorch_and_pytorch_still_imports_after_it() -> None:
    code = (
        "import sys; from storycheck import language, nlp; "
        "print(len(nlp.spacy_pipeline()('The harbour closes. Who said so?'))); "
        "print(language.english_share('the harbour is closed')[0] > 0); "
        "import thinc.compat; print('torch' in sys.modules, thinc.compat.has_torch); "
        "import torch; print(torch.tensor([2]).item())"
    )
    assert _fresh(code) == ["8", "True", "False", "False", "2"]


def test_nothing_is_hidden_once_pytorch_is_imported() -> None:
    code = (
        "import torch; from storycheck import nlp; nlp.spacy_pipeline(); "
        "import thinc.compat; print(thinc.compat.has_torch)"
    )
    assert _fresh(code) == ["True"]
