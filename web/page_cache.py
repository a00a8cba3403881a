"""A short-lived cache of rendered pages per signed-in session.

A page is served from the cache only while nothing in the database has changed since it was
rendered (``data_version``), for at most ``PAGE_CACHE_SECONDS``; pages shown with flash messages
are never cached. The key holds the account (with its password tag), the session's CSRF token and
the full path, so nobody ever sees a page rendered for someone else.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass
from threading import Lock

from flask import Flask
from flask import Response
from flask import g
from flask import request
from flask import session as cookie_session
from flask_login import current_user

from skills_graph.versioning import data_version
from web import database

SKIPPED_PREFIXES = ("/api/", "/auth/", "/static/")


@dataclass(frozen=True)
class CachedPage:
    version: int
    stored_at: float
    body: bytes
    mimetype: str


class PageCache:
    """A bounded, thread-safe LRU of rendered pages."""

    def __init__(self, size: int, seconds: float) -> None:
        self.size, self.seconds = size, seconds
        self._pages: OrderedDict[tuple[str, ...], CachedPage] = OrderedDict()
        self._lock = Lock()

    def get(self, key: tuple[str, ...], version: int) -> CachedPage | None:
        with self._lock:
            page = self._pages.get(key)
            if page is None or page.version != version or time.monotonic() - page.stored_at > self.seconds:
                return None
            self._pages.move_to_end(key)
            return page

    def put(self, key: tuple[str, ...], page: CachedPage) -> None:
        with self._lock:
            self._pages[key] = page
            self._pages.move_to_end(key)
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)


def init_app(app: Flask) -> None:
    """Serve repeated GETs of pages from the cache (disable with PAGE_CACHE_SECONDS = 0)."""
    seconds = float(app.config.get("PAGE_CACHE_SECONDS", 30))
    if seconds <= 0:
        return
    app.extensions["reskill_pages"] = PageCache(int(app.config.get("PAGE_CACHE_SIZE", 2048)), seconds)
    app.before_request(_serve_cached)
    app.after_request(_store)


def _key() -> tuple[str, ...] | None:
    if request.method != "GET" or request.path.startswith(SKIPPED_PREFIXES):
        return None
    if "_flashes" in cookie_session or not current_user.is_authenticated:
        return None
    return (current_user.get_id(), str(cookie_session.get("csrf_token", "")), request.full_path)


def _serve_cached() -> Response | None:
    key = _key()
    if key is None:
        return None
    g.page_key, g.page_version = key, data_version(database.session())
    cache: PageCache = _cache()
    page = cache.get(key, g.page_version)
    if page is None:
        return None
    g.page_key = None
    return Response(page.body, mimetype=page.mimetype)


def _store(response: Response) -> Response:
    key = g.get("page_key")
    if key is not None and response.status_code == 200 and response.mimetype == "text/html" \
            and "_flashes" not in cookie_session and key[1] == str(cookie_session.get("csrf_token", "")):
        _cache().put(key, CachedPage(g.page_version, time.monotonic(), response.get_data(),
                                     response.mimetype))
    return response


def _cache() -> PageCache:
    from flask import current_app

    cache: PageCache = current_app.extensions["reskill_pages"]
    return cache
