"""The REST API (``/api/v1``) and the app factory that also serves the dashboard."""

from .app import create_app, serve

__all__ = ["create_app", "serve"]
