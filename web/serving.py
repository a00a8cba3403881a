"""Production serving with gunicorn (Flask's development server is only for ``--debug``)."""

from __future__ import annotations

from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication


class GunicornServer(BaseApplication):  # type: ignore[misc]
    """Run ``app`` in gunicorn with the given settings, without a config file."""

    def __init__(self, app: Flask, options: dict[str, Any]) -> None:
        self.application = app
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return self.application


def serve_production(app: Flask, host: str, port: int, workers: int, threads: int = 2) -> None:
    """Serve with ``workers`` processes of ``threads`` threads each."""
    GunicornServer(app, {
        "bind": f"{host}:{port}", "workers": workers, "threads": threads,
        "worker_class": "gthread", "accesslog": None, "timeout": 60, "keepalive": 30,
        # Import the heavy scientific stack once, before forking, so no first request pays for it.
        "preload_app": True,
    }).run()
