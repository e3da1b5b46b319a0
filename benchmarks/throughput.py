"""Full-analysis throughput on this machine, per stage, with peak memory per worker.

Stories: FakeNewsCorpus sample articles of about the corpus's median length,
each given a real comment thread (a RumourEval conversation's replies, in
order), because the corpora with news bodies carry no comments. Each run is a
fresh process, so its peak RSS is its own.

    python benchmarks/throughput.py                       # 40 stories, every analyzer, per stage
    python benchmarks/throughput.py --profile fast --stories 400   # the parse-free profile
    python benchmarks/throughput.py --stories 100 --batch   # whole batch runs, 1 and 2 workers
    python benchmarks/throughput.py --chunk 1               # each story parsed on its own

Per stage: the spaCy parse of story and comments and the sentence embeddings
are forced first and timed on their own; each analyzer is then timed on the
warm state, so its figure is its own work.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from storycheck.batch.run import DEFAULT_CHUNK
from storycheck.model import Story, build_story
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


def through_batch(count: int, workers: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "bench.jsonl"
        with corpus.open("w", encoding="utf-8") as fh:
            for story in stories(count):
                fh.write(json.dumps(story_to_dict(story)) + "\n")
        out = Path(tmp) / "out.duckdb"
        command = [
            sys.executable,
            "-m",
            "storycheck",
            "batch",
            str(corpus),
            "-o",
            str(out),
            "--workers",
            str(workers),
        ]
        # Warm-up (model export, caches) is not part of the measurement.
        began = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        total = time.perf_counter() - began
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "workers": workers,
        "stories": count,
        "stories_per_second": round(count / total, 2),
        "peak_rss_mb_largest_process": round(children),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=40)
    parser.add_argument("--batch", action="store_true", help="time whole `storycheck batch` runs")
    parser.add_argument("--profile", choices=["full", "fast"], default="full")
    parser.add_argument(
        "--chunk", type=int, default=DEFAULT_CHUNK, help="stories parsed together (1: one by one)"
    )
    parser.add_argument("--child", choices=["stages"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "stages":
        print(json.dumps(stages(args.stories, args.profile, args.chunk)))
        return
    if args.batch:
        for workers in (1, 2):
            print(json.dumps(through_batch(args.stories, workers)))
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
