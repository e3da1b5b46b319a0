"""Rumour threads in the PHEME / RumourEval folder layout.

A thread folder holds ``source-tweet/<id>.json``, ``replies/<id>.json`` and
``structure.json``, the reply tree as nested ids. The source tweet is the
story; the replies are its comment thread. The released data is not
consistent: structure.json names replies whose files were never collected
(deleted or protected tweets), and may name other tweets beside the source at
its top level. Such gaps cost a warning, never the thread, because the
replies that are there are what stance analysis needs.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from storycheck.errors import Problem, ReadError
from storycheck.model import Paragraph, Story, build_story, join_paragraphs, link_comments

SOURCE_DIR = "source-tweet"
REPLIES_DIR = "replies"
STRUCTURE_FILE = "structure.json"
OUTLET = "twitter.com"
# Twitter API v1.1 "created_at", e.g. "Tue Mar 24 11:03:24 +0000 2015".
TWITTER_TIME = "%a %b %d %H:%M:%S %z %Y"
UNKNOWN_LANGUAGE = "und"

_Flat = list[tuple[str, str | None, tuple[Paragraph, ...], str | None]]


def is_thread_folder(path: Path) -> bool:
    """Either half of the layout is enough, so an incomplete thread is reported, not skipped."""
    return path.is_dir() and ((path / SOURCE_DIR).is_dir() or (path / STRUCTURE_FILE).is_file())


def find_threads(root: Path) -> Iterator[Path]:
    """Thread folders at or under root in path order; nothing inside a thread is searched."""
    if is_thread_folder(root):
        yield root
        return
    if not root.is_dir():
        return
    for child in sorted(root.iterdir()):
        if child.is_dir() and not child.is_symlink():
            yield from find_threads(child)


def read_thread(folder: Path) -> Story:
    """The source tweet as a story whose thread is the reply tree of structure.json."""
    doc_id = str(folder)
    source_file = _source_file(folder)
    source = _load(source_file, doc_id)
    source_id = str(source.get("id_str") or source_file.stem)
    structure = _structure(folder, doc_id)
    replies, warnings = _load_replies(folder / REPLIES_DIR)

    tree = _ReplyTree(source_id, replies)
    tree.add_structure(structure)
    tree.add_unlisted()
    warnings.extend(tree.warnings)

    flat: _Flat = []
    published: dict[str, str] = {}
    for reply_id, parent in tree.preorder():
        tweet = replies[reply_id]
        text = _tweet_text(tweet)
        flat.append(
            (
                reply_id,
                _screen_name(tweet),
                join_paragraphs([(text, "text", None)]) if text else (),
                parent,
            )
        )
        when = _created_at(tweet)
        if when is not None:
            published[reply_id] = when.isoformat()

    text = _tweet_text(source)
    if not text:
        raise ReadError(doc_id, Problem.NO_TEXT, detail=f"{source_file.name} has no text")
    screen_name = _screen_name(source)
    created = _created_at(source)
    return build_story(
        source_id,
        text,
        (),
        thread=link_comments(flat, published=published),
        outlet=OUTLET,
        url=f"https://twitter.com/{screen_name or 'i/web'}/status/{source_id}",
        published=created.date() if created else None,
        language=str(source.get("lang") or UNKNOWN_LANGUAGE),
        authors=(screen_name,) if screen_name else (),
        source_format="rumour",
        warnings=tuple(warnings),
    )


class _ReplyTree:
    """Parents and reading order of the replies that have files.

    A reply named in structure.json without a file is skipped and its children
    move up to the nearest ancestor that has one, so the tree keeps every reply
    we can read and no reply points at a comment that is not there.
    """

    def __init__(self, source_id: str, replies: Mapping[str, Mapping[str, Any]]) -> None:
        self.source_id = source_id
        self.replies = replies
        self.children: dict[str | None, list[str]] = {None: []}
        self.parent: dict[str, str | None] = {}
        # Where the children of a reply without a file went instead.
        self.stand_in: dict[str, str | None] = {source_id: None}
        self.missing: list[str] = []
        self.warnings: list[str] = []

    def add_structure(self, structure: Mapping[str, object]) -> None:
        self._walk(structure, None)
        if self.missing:
            self.warnings.append(
                f"{len(self.missing)} repl{'y' if len(self.missing) == 1 else 'ies'} named in "
                f"{STRUCTURE_FILE} have no file ({', '.join(self.missing)}); "
                "any replies to them hang from the nearest tweet above them"
            )

    def add_unlisted(self) -> None:
        """Reply files structure.json leaves out, placed by the id they answer.

        Tweet ids grow with time, so in id order a reply comes after the tweet it
        answers and its parent is already placed.
        """
        unplaced: list[str] = []
        unlisted = set(self.replies) - set(self.parent) - {self.source_id}
        for reply_id in sorted(unlisted, key=_id_order):
            answers = str(self.replies[reply_id].get("in_reply_to_status_id_str") or "")
            if answers in self.parent:
                self._attach(reply_id, answers)
            elif answers in self.stand_in:
                self._attach(reply_id, self.stand_in[answers])
            else:
                unplaced.append(reply_id)
                self._attach(reply_id, None)
        if unplaced:
            self.warnings.append(
                f"{len(unplaced)} reply file(s) not in {STRUCTURE_FILE} answer no tweet of this "
                f"thread ({', '.join(unplaced)}); shown as direct replies to the source"
            )

    def preorder(self) -> Iterator[tuple[str, str | None]]:
        stack = list(reversed(self.children[None]))
        while stack:
            reply_id = stack.pop()
            yield reply_id, self.parent[reply_id]
            stack.extend(reversed(self.children[reply_id]))

    def _walk(self, node: object, parent: str | None) -> None:
        if isinstance(node, list):
            for item in node:
                self._walk(item if isinstance(item, dict | list) else {str(item): []}, parent)
            return
        if not isinstance(node, dict):
            return
        for key, subtree in node.items():
            tweet_id = str(key)
            if tweet_id == self.source_id:
                self._walk(subtree, None)
            elif tweet_id in self.parent or tweet_id in self.stand_in:
                self.warnings.append(f"{STRUCTURE_FILE} names {tweet_id} twice; kept the first")
            elif tweet_id in self.replies:
                self._attach(tweet_id, parent)
                self._walk(subtree, tweet_id)
            else:
                self.missing.append(tweet_id)
                self.stand_in[tweet_id] = parent
                self._walk(subtree, parent)

    def _attach(self, reply_id: str, parent: str | None) -> None:
        self.parent[reply_id] = parent
        self.children[parent].append(reply_id)
        self.children[reply_id] = []


def _source_file(folder: Path) -> Path:
    """The folder is named after its source tweet; a lone file under another name is accepted."""
    named = folder / SOURCE_DIR / f"{folder.name}.json"
    if named.is_file():
        return named
    found = sorted((folder / SOURCE_DIR).glob("*.json"))
    if len(found) != 1:
        what = "no" if not found else f"{len(found)}"
        raise ReadError(
            str(folder), Problem.BAD_THREAD, detail=f"{what} source tweet in {SOURCE_DIR}/"
        )
    return found[0]


def _structure(folder: Path, doc_id: str) -> Mapping[str, object]:
    path = folder / STRUCTURE_FILE
    if not path.is_file():
        raise ReadError(doc_id, Problem.BAD_THREAD, detail=f"no {STRUCTURE_FILE}")
    structure = _load(path, doc_id)
    if not structure:
        raise ReadError(doc_id, Problem.BAD_THREAD, detail=f"{STRUCTURE_FILE} is empty")
    return structure


def _load_replies(folder: Path) -> tuple[dict[str, Mapping[str, Any]], list[str]]:
    """Every readable reply by id; an unreadable one is a warning, as a missing one is."""
    replies: dict[str, Mapping[str, Any]] = {}
    warnings: list[str] = []
    if not folder.is_dir():
        return replies, warnings
    for path in sorted(folder.glob("*.json")):
        try:
            tweet = _load(path, path.stem)
        except ReadError as exc:
            warnings.append(f"reply {path.name} skipped: {exc.problem.format(**exc.fields)}")
            continue
        replies[str(tweet.get("id_str") or path.stem)] = tweet
    return replies, warnings


def _load(path: Path, doc_id: str) -> Mapping[str, Any]:
    try:
        obj = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ReadError(doc_id, Problem.BAD_THREAD, detail=f"{path.name}: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise ReadError(doc_id, Problem.BAD_JSON, detail=f"{path.name}: {exc}") from exc
    if not isinstance(obj, dict):
        raise ReadError(doc_id, Problem.BAD_THREAD, detail=f"{path.name} is not a JSON object")
    return obj


def _tweet_text(tweet: Mapping[str, Any]) -> str:
    """Extended tweets keep their text in full_text; text is then cut at 140 characters."""
    return str(tweet.get("full_text") or tweet.get("text") or "").strip()


def _screen_name(tweet: Mapping[str, Any]) -> str | None:
    user = tweet.get("user")
    name = user.get("screen_name") if isinstance(user, dict) else None
    return str(name) if name else None


def _created_at(tweet: Mapping[str, Any]) -> datetime | None:
    value = tweet.get("created_at")
    if not isinstance(value, str):
        return None
    try:
        return datetime.strptime(value, TWITTER_TIME)
    except ValueError:
        return None


def _id_order(tweet_id: str) -> tuple[int, str]:
    return (int(tweet_id), tweet_id) if tweet_id.isdigit() else (0, tweet_id)


__all__ = ["find_threads", "is_thread_folder", "read_thread"]
