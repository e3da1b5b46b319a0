"""Story-level stance (FNC-1): how an article body stands toward a headline or claim.

Used by ``storycheck compare`` rather than by a per-story analyzer: the stance
is a relation between two articles, not a property of one.
"""
