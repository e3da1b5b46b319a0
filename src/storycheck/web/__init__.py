"""The web app: the HTTP API and the page, served by ``storycheck serve``."""

from storycheck.web.app import create_app
from storycheck.web.settings import Settings

__all__ = ["Settings", "create_app"]
