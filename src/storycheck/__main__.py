"""``python -m storycheck``: the same as the ``storycheck`` command."""

from storycheck.cli import app

app(prog_name="storycheck")
