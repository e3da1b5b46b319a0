from __future__ import annotations

from pathlib import Path

import pytest

from storycheck.eval import checkworthy as cw


@pytest.fixture(scope="module")
def release(datasets: Path) -> list[cw.Transcript]:
    return cw.load_release(datasets)


def test_average_precision_follows_the_task_scorer() -> None:
    # Check-worthy at ranks 1 and 3 of 4: (1/1 + 2/3) / 2.
    assert cw.average_precision([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1]) == pytest.approx(5 / 6)
    # Ties keep transcript order, as the scorer's stable sort does.
    assert cw.average_precision([0, 1], [0.5, 0.5]) == pytest.approx(0.5)
    assert cw.average_precision([0, 0], [0.2, 0.1]) == 0.0
    assert cw.precision_at([1] * 3 + [0] * 12, list(range(15, 0, -1)), 10) == pytest.approx(0.3)


def test_release_reads_both_line_ends(release: list[cw.Transcript]) -> None:
    by_name = {t.name: t for t in release}
    assert len(release) == 59
    assert sum(len(t.sentences) for t in release) > 52_000
    assert sum(sum(t.labels) for t in release) == 750
    crlf = by_name["20190205_trump_state"]
    assert sum(crlf.labels) == 22
    assert not any(s.endswith("\r") for s in crlf.sentences)
    assert not any(
        s.startswith('"') and s.endswith('"') and '""' in s for t in release for s in t.sentences
    )


def test_duplicate_events_stay_together(release: list[cw.Transcript]) -> None:
    groups = {name: tuple(g) for g in cw.event_groups(release) for name in g}
    assert groups["20170216_Trump_press_conference"] == groups["20170216_trump_press"]
    assert groups["20170315_Trump_Nashville"] == groups["20170315_nashville"]
    assert groups["20170228_trump_address"] == groups["20170228_Trump_Congress_joint_session"]
    # Same debate under two dates.
    assert groups["20160225_GOP_texas"] == groups["20160226_10_gop"]
    assert groups["20160414_9dem"] == groups["20160415_NY_democratic_debate"]
    assert len(groups["20161019_3pres"]) == 1
    train, dev = cw.split(release)
    dev_names = {t.name for t in dev}
    assert set(cw.DEV_TRANSCRIPTS) | {"20160311_GOP_miami"} == dev_names
    assert not dev_names & {t.name for t in train}
    assert len(train) + len(dev) == len(release)


@pytest.mark.slow
def test_shipped_head_ranks_a_transcript(datasets: Path) -> None:
    from storycheck.analyzers.claims.train import TASK

    evaluation = TASK.evaluate([datasets / "checkworthy" / "20190108_oval_office.tsv"])
    assert evaluation.metric == "map"
    # 9 check-worthy lines of 71: a random ranking averages about 0.13.
    assert 0.3 < evaluation.value <= 1.0
    assert evaluation.last_line.startswith("checkworthy map=0.")
    assert evaluation.classes[0].support == 9
