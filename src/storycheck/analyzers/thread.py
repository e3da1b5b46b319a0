"""The shape of the comment thread: size, depth, who takes part, who answers whom.

A moderator's first questions about a thread: how big, how deep, how many
speak without a name, and whether it is a conversation or two people going
back and forth.
"""

from __future__ import annotations

from collections import Counter
from typing import ClassVar

from storycheck.analyzers.base import register
from storycheck.annotation import Annotation, Findings
from storycheck.doc import Doc
from storycheck.model import Comment, Thread

ANONYMOUS = "(anonymous)"
STORY = "(story)"


@register
class ThreadSummary:
    name: ClassVar[str] = "thread"
    version: ClassVar[str] = "1.0"
    requires: ClassVar[tuple[str, ...]] = ()
    description: ClassVar[str] = "thread size, depth, participants and reply graph"

    def __call__(self, doc: Doc) -> Findings:
        thread = doc.story.thread
        annotations = tuple(self._annotate(thread, c) for c in thread)
        authors = Counter(c.author or ANONYMOUS for c in thread)
        replies = Counter((c.author or ANONYMOUS, _speaker(thread, c.parent)) for c in thread)
        summary = {
            "comments": len(thread),
            "top_level": len(thread.roots),
            "max_depth": thread.max_depth,
            "anonymous": sum(1 for c in thread if c.author is None),
            "participants": len({c.author for c in thread if c.author is not None}),
            "comments_by_author": dict(authors.most_common()),
            "reply_graph": [
                {"from": source, "to": target, "replies": count}
                for (source, target), count in replies.most_common()
            ],
            "words": sum(len(c.text.split()) for c in thread),
        }
        return Findings(annotations, summary)

    def _annotate(self, thread: Thread, comment: Comment) -> Annotation:
        replied_to = _speaker(thread, comment.parent)
        return Annotation(
            analyzer=self.name,
            kind="comment",
            label="reply" if comment.parent else "top-level",
            explanation=(
                f"{comment.author or 'an anonymous reader'} replies to {replied_to} "
                f"at depth {comment.depth}, with {len(comment.children)} direct replies"
            ),
            target=comment.id,
            attrs={
                "depth": comment.depth,
                "replies": len(comment.children),
                "replies_to": replied_to,
                "words": len(comment.text.split()),
            },
        )


def _speaker(thread: Thread, comment_id: str | None) -> str:
    if comment_id is None:
        return STORY
    return thread[comment_id].author or ANONYMOUS
