"""Full-analysis throughput on this machine, per stage, with peak memory per worker.

Stories: FakeNewsCorpus sample articles of about the corpus's median length,
each given a real comment thread (a RumourEval conversation's replies, in
order), because the corpora with news bodies carry no comments. Each run is a
fresh process, so its peak RSS is its own.

    python benchmarks/throughput.py                       # 40 stories, every analyzer, per stage
    python benchmarks/throughput.py --profile fast --stories 400   # the parse-free profile
    python benchmarks/throughput.py --stories 100 --batch   # whole batch runs: 1 and 2 local
                                                            # workers, then a Dask LocalCluster of 2
    python benchmarks/throughput.py --chunk 1               # each story parsed on its own

Per stage: the spaCy parse of story and comments and the sentence embeddings
are forced first and timed on their own; each analyzer is then timed on the
warm state, so its figure is its own work.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from storycheck.model import Story, build_story
from storycheck.pipeline import CHUNK
from storycheck.read.storyjson import story_to_dict


def stories(count: int) -> list[Story]:
    """``count`` articles nearest the median length, each with a real reply thread."""
    from storycheck.paths import datasets_dir
    from storycheck.read.rumour import find_threads, read_thread

    csv.field_size_limit(1 << 24)
    root = datasets_dir()
    with (root / "fakenewscorpus" / "news_sample.csv").open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["content"].strip()]
    median = statistics.median(len(r["content"]) for r in rows)
    rows.sort(key=lambda r: abs(len(r["content"]) - median))
    folders = sorted(find_threads(root / "rumoureval2017" / "train"))
    out = []
    for i, row in enumerate(rows[:count]):
        story = build_story(f"bench-{row['id']}", row["title"], row["content"].split("\n\n"))
        thread = read_thread(folders[i % len(folders)]).thread
        out.append(replace(story, outlet=row["domain"], thread=thread))
    return out


def stages(count: int, profile: str, chunk: int) -> dict[str, object]:
    """Per-stage seconds; the fast profile forces no parse and no embedding, as it needs none.

    Stories are parsed ``chunk`` at a time, as `storycheck batch` parses them.
    """
    from storycheck.analyzers import REGISTRY, resolve
    from storycheck.doc import Doc
    from storycheck.profiles import PROFILES

    data = stories(count)
    analyzers = [REGISTRY[name]() for name in resolve(PROFILES[profile])]
    full = profile == "full"
    warm = Doc(data[0])
    for analyzer in analyzers:
        warm.annotations.extend(analyzer(warm).annotations)
    seconds: dict[str, float] = defaultdict(float)
    began = time.perf_counter()
    for doc in (d for i in range(0, count, chunk) for d in Doc.chunk(data[i : i + chunk])):
        if full:
            t = time.perf_counter()
            doc.parse_all()
            seconds["parse"] += time.perf_counter() - t
            t = time.perf_counter()
            _ = doc.sentence_embeddings
            seconds["embed"] += time.perf_counter() - t
        for analyzer in analyzers:
            t = time.perf_counter()
            doc.annotations.extend(analyzer(doc).annotations)
            seconds[analyzer.name] += time.perf_counter() - t
    total = time.perf_counter() - began
    words = statistics.median(len(s.text.split()) for s in data)
    comments = statistics.median(len(s.thread) for s in data)
    return {
        "profile": profile,
        "stories": count,
        "chunk": chunk,
        "median_words": words,
        "median_comments": comments,
        "stories_per_second": round(count / total, 2),
        "seconds_per_story": {k: round(v / count, 4) for k, v in seconds.items()},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def through_batch(count: int, engine: list[str]) -> dict[str, object]:
    """One `storycheck batch` run over ``count`` stories with the ``engine`` options given."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "bench.jsonl"
        with corpus.open("w", encoding="utf-8") as fh:
            for story in stories(count):
                fh.write(json.dumps(story_to_dict(story)) + "\n")
        out = Path(tmp) / "out.duckdb"
        command = [sys.executable, "-m", "storycheck", "batch", str(corpus), "-o", str(out)]
        # Start-up, model loading and the first chunk's warm-up are part of the measurement.
        began = time.perf_counter()
        subprocess.run([*command, *engine], check=True, capture_output=True)
        total = time.perf_counter() - began
    return {"stories": count, "stories_per_second": round(count / total, 2)}


def _largest_child_mb() -> int:
    """Peak RSS of the largest finished child process so far: a batch run or a Dask worker."""
    return round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)


def _print_run(result: dict[str, object]) -> None:
    print(json.dumps({**result, "peak_rss_mb_largest_child_so_far": _largest_child_mb()}))


def through_dask(count: int, workers: int) -> dict[str, object]:
    """The same run on a Dask LocalCluster of ``workers`` single-threaded worker processes."""
    from dask.distributed import LocalCluster

    from storycheck import embedder
    from storycheck.batch.engines import THREAD_VARIABLES

    # What `--workers N` does for its own processes, a cluster's workers need from their
    # environment: one core's worth of threads each (docs/batch.md).
    for name in (*THREAD_VARIABLES, embedder.THREADS_ENV):
        os.environ[name] = str(max(1, (os.cpu_count() or 1) // workers))
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True) as cluster:  # type: ignore[no-untyped-call]
        address = cluster.scheduler_address
        result = through_batch(count, ["--engine", "dask", "--scheduler", address])
    return {"engine": f"dask LocalCluster, {workers} workers", **result}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=40)
    parser.add_argument("--batch", action="store_true", help="time whole `storycheck batch` runs")
    parser.add_argument("--profile", choices=["full", "fast"], default="full")
    parser.add_argument(
        "--chunk", type=int, default=CHUNK, help="stories parsed together (1: one by one)"
    )
    parser.add_argument("--child", choices=["stages"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "stages":
        print(json.dumps(stages(args.stories, args.profile, args.chunk)))
        return
    if args.batch:
        for workers in (1, 2):
            local = through_batch(args.stories, ["--workers", str(workers)])
            _print_run({"engine": f"local, {workers} workers", **local})
        _print_run(through_dask(args.stories, 2))
        return
    child = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            "stages",
            "--stories",
            str(args.stories),
            "--profile",
            args.profile,
            "--chunk",
            str(args.chunk),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    print(child.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
