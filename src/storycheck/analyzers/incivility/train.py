"""``storycheck eval incivility``: the lexicon against our hand-labelled sample.

The task follows the train/eval contract so that ``storycheck tasks`` lists it
and ``eval`` ends with ``incivility mean_auc=...``; ``train`` has nothing to
fit, writes nothing, and says so in the title of the table it prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from storycheck.analyzers.incivility import THRESHOLD
from storycheck.analyzers.incivility.lexicon import score
from storycheck.eval import incivility as benchmark
from storycheck.tasks import Evaluation


def _score_texts(texts: list[str]) -> list[dict[str, float]]:
    return [score(text).values for text in texts]


class IncivilityTask:
    name = benchmark.TASK
    metric = benchmark.METRIC
    description = "incivility labels of comments (lexicon, our labelled sample, mean ROC-AUC)"

    def train(self, datasets: Path) -> Evaluation:
        """Nothing to fit: the lexicon is written by hand. Scores it, and says so in the split."""
        return benchmark.evaluate(
            _score_texts,
            [benchmark.DEFAULT_SAMPLE],
            THRESHOLD,
            f"{benchmark.DEFAULT_SAMPLE.name} (a hand-written lexicon: nothing to train, "
            "no artefact written; this is `storycheck eval incivility`)",
        )

    def evaluate(self, data: Sequence[Path]) -> Evaluation:
        return benchmark.evaluate(_score_texts, list(data) or [benchmark.DEFAULT_SAMPLE], THRESHOLD)


TASK = IncivilityTask()
