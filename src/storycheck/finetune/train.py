"""Training the upper layers on token states the frozen layers computed once.

The frozen layers' states of every training text are computed once and kept
in memory (float16), so an epoch only runs the two trainable layers: a few
minutes on two CPU cores for a few thousand texts. The recipe below was
first measured on the fallacy task (docs/fallacies.md); the number of epochs
is each task's to choose on data it holds out of training, never on dev.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from storycheck import embedder
from storycheck.finetune import lower
from storycheck.finetune.top import top_model

if TYPE_CHECKING:
    import torch
    from rich.progress import Progress

States = Sequence[npt.NDArray[np.float16]]
# Called after each epoch with its number (from 1) and the model as it stands.
EpochHook = Callable[[int, "torch.nn.Module"], None]


@dataclass(frozen=True)
class Recipe:
    epochs: int = 8
    batch_size: int = 32
    lr_layers: float = 1e-4
    lr_head: float = 2e-3
    warmup: float = 0.1
    label_smoothing: float = 0.05
    dropout: float = 0.1
    seed: int = 7
    # The packaged layers left frozen below the trained ones (``lower.CUTS``).
    frozen: int = lower.FROZEN_LAYERS
    # Forward passes under bfloat16 autocast: on CPUs with AMX units the matrix products of a
    # 768-wide encoder run five times as fast (docs/profile.md); the weights stay float32.
    bfloat16: bool = False

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def class_weights(labels: npt.NDArray[np.intp], classes: int) -> npt.NDArray[np.float32]:
    """√(n / n_c): lifts rare classes without letting a handful of examples dominate."""
    counts = np.bincount(labels, minlength=classes).astype(np.float64)
    weights = np.sqrt(len(labels) / np.maximum(counts, 1.0))
    return np.asarray(weights / weights.mean(), dtype=np.float32)


def fit(
    states: States,
    labels: npt.NDArray[np.intp],
    classes: int,
    recipe: Recipe,
    on_epoch: EpochHook | None = None,
    description: str = "fine-tuning",
) -> torch.nn.Module:
    """The upper layers and classifier trained on ``states``; returns the model in eval mode."""
    import torch

    torch.manual_seed(recipe.seed)
    model = top_model(classes, recipe.dropout, recipe.frozen)
    loss_fn = torch.nn.CrossEntropyLoss(
        weight=torch.from_numpy(class_weights(labels, classes)),
        label_smoothing=recipe.label_smoothing,
    )

    def loss(rows: npt.NDArray[np.intp], hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        output: torch.Tensor = loss_fn(model(hidden, mask), torch.from_numpy(labels[rows]))
        return output

    return train_model(model, states, loss, recipe, on_epoch, description)


# The loss of one batch: its rows of ``states``, their padded states and their mask.
BatchLoss = Callable[[npt.NDArray[np.intp], "torch.Tensor", "torch.Tensor"], "torch.Tensor"]


def train_model(
    model: torch.nn.Module,
    states: States,
    loss: BatchLoss,
    recipe: Recipe,
    on_epoch: EpochHook | None = None,
    description: str = "fine-tuning",
) -> torch.nn.Module:
    """AdamW with warm-up and linear decay over shuffled, length-bucketed batches.

    The parameters named ``classifier*`` are new and learn at ``lr_head``; the
    packaged layers move at ``lr_layers``. Minutes of work on two cores, so a
    progress bar with an ETA goes to a terminal's stderr (nothing when stderr
    is not a terminal). The caller seeds torch before it builds the model.
    """
    import torch

    torch.set_num_threads(embedder.default_threads())
    rng = np.random.default_rng(recipe.seed)
    head = [p for n, p in model.named_parameters() if n.startswith("classifier")]
    layers = [p for n, p in model.named_parameters() if not n.startswith("classifier")]
    optimiser = torch.optim.AdamW(
        [{"params": layers, "lr": recipe.lr_layers}, {"params": head, "lr": recipe.lr_head}],
        weight_decay=0.01,
    )
    steps = recipe.epochs * -(-len(states) // recipe.batch_size)
    warmup = max(1, int(recipe.warmup * steps))

    def schedule(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (steps - step) / max(1, steps - warmup))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimiser, schedule)
    with _progress() as progress:
        bar = progress.add_task(description, total=steps)
        for epoch in range(1, recipe.epochs + 1):
            model.train()
            for rows in _batches(states, recipe.batch_size, rng):
                hidden, mask = padded(states, rows)
                with torch.autocast("cpu", dtype=torch.bfloat16, enabled=recipe.bfloat16):
                    value = loss(rows, hidden, mask)
                optimiser.zero_grad()
                value.backward()  # type: ignore[no-untyped-call]
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                optimiser.step()
                scheduler.step()
                progress.advance(bar)
            model.eval()
            if on_epoch is not None:
                on_epoch(epoch, model)
    return model


def _progress() -> Progress:
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TimeRemainingColumn

    console = Console(stderr=True)
    return Progress(
        "{task.description}",
        BarColumn(),
        "{task.completed}/{task.total} batches",
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )


def predict(model: torch.nn.Module, states: States) -> npt.NDArray[np.float64]:
    """Class probabilities from the torch model, as the exported graph would give them."""
    import torch

    order = np.argsort([len(s) for s in states], kind="stable")
    out: npt.NDArray[np.float64] | None = None
    with torch.no_grad():
        for start in range(0, len(order), 64):
            rows = order[start : start + 64]
            hidden, mask = padded(states, rows)
            probabilities = torch.softmax(model(hidden, mask), dim=-1).numpy()
            if out is None:
                out = np.zeros((len(states), probabilities.shape[1]))
            out[rows] = probabilities
    if out is None:
        raise ValueError("no texts to predict")
    return out


def _batches(states: States, size: int, rng: np.random.Generator) -> list[npt.NDArray[np.intp]]:
    """Shuffled batches of similar length: sorted inside windows of 50 batches, then shuffled."""
    order = rng.permutation(len(states))
    window = size * 50
    batches: list[npt.NDArray[np.intp]] = []
    for start in range(0, len(order), window):
        chunk = order[start : start + window]
        chunk = chunk[np.argsort([len(states[i]) for i in chunk], kind="stable")]
        batches += [chunk[k : k + size] for k in range(0, len(chunk), size)]
    return [batches[i] for i in rng.permutation(len(batches))]


def padded(states: States, rows: npt.NDArray[np.intp]) -> tuple[torch.Tensor, torch.Tensor]:
    import torch

    width = max(len(states[i]) for i in rows)
    hidden = np.zeros((len(rows), width, states[rows[0]].shape[1]), dtype=np.float32)
    mask = np.zeros((len(rows), width), dtype=np.int64)
    for k, i in enumerate(rows):
        hidden[k, : len(states[i])] = states[i]
        mask[k, : len(states[i])] = 1
    return torch.from_numpy(hidden), torch.from_numpy(mask)


def out_of_fold(
    states: States,
    labels: npt.NDArray[np.intp],
    folds: npt.NDArray[np.intp],
    classes: int,
    recipe: Recipe,
) -> npt.NDArray[np.float64]:
    """Probabilities for every text after each epoch, from models that never saw its fold.

    Shape (epochs, texts, classes): what a task needs to choose how long to
    train, and how much to trust the fine-tuned model, without looking at dev.
    """
    out = np.zeros((recipe.epochs, len(states), classes))
    names = np.unique(folds)
    for k, fold in enumerate(names, start=1):
        held = np.flatnonzero(folds == fold)
        kept = np.flatnonzero(folds != fold)
        record = _recorder(out, held, [states[i] for i in held.tolist()])
        kept_states = [states[i] for i in kept.tolist()]
        description = f"fine-tuning, fold {k}/{len(names)}"
        fit(kept_states, labels[kept], classes, recipe, record, description)
    return out


def _recorder(out: npt.NDArray[np.float64], rows: npt.NDArray[np.intp], held: States) -> EpochHook:
    def record(epoch: int, model: torch.nn.Module) -> None:
        out[epoch - 1, rows] = predict(model, held)

    return record
