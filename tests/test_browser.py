"""A person's path through the site in Debian's Chromium, driven by Playwright."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from signing import TEST_PASSWORD
from signing import TINY_ACCOUNTS
from signing import add_accounts
from werkzeug.serving import make_server

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture()
def live_url(tiny_db_url: str, tmp_path: Path, make_app: Callable[..., Flask]) -> Iterator[str]:
    app = make_app(tiny_db_url, tmp_path, WTF_CSRF_ENABLED=True)
    add_accounts(app, TINY_ACCOUNTS)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()
    app.extensions["reskill_db"].engine.dispose()


@pytest.fixture()
def page(tmp_path: Path):  # type: ignore[no-untyped-def]
    if not CHROMIUM.exists():
        if os.environ.get("RESKILL_REQUIRE_BROWSER"):
            pytest.fail("RESKILL_REQUIRE_BROWSER is set but /usr/bin/chromium is missing")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        context = browser.new_context(viewport={"width": 390, "height": 844})
        yield context.new_page()
        context.close()
        browser.close()


def test_employee_picks_a_target_and_logs_progress(live_url: str, page) -> None:  # type: ignore[no-untyped-def]
    requests_outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(live_url) else requests_outside.append(r.url))
    console_errors: list[str] = []  # a Content-Security-Policy violation shows up here
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    page.goto(live_url + "/")
    assert page.get_by_role("heading", level=1).inner_text() == "Sign in"
    page.get_by_label("Email").fill(TINY_ACCOUNTS["employee"][0])
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="My plan").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Tom Berg"
    assert page.get_by_text("Plan into AI trainer").is_visible()

    page.get_by_role("button", name="Choose Client relations manager").click()
    assert page.get_by_role("status").inner_text() == "Target set to Client relations manager."
    assert page.get_by_text("Plan into Client relations manager").is_visible()

    page.get_by_label("Progress on Listening deeply").select_option("done")
    page.get_by_role("button", name="Save").click()
    assert "Listening deeply: marked done. 1 skill level(s) went up." in page.get_by_role("status").inner_text()
    assert page.get_by_text("You already meet every requirement that courses can teach.").is_visible()
    assert requests_outside == [] and console_errors == []

    page.get_by_role("button", name="Sign out").click()
    assert page.get_by_role("status").inner_text() == "You are signed out."
    page.goto(live_url + "/employees/emp:tom-berg")
    assert page.get_by_role("heading", level=1).inner_text() == "Sign in"
