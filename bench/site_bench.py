"""Site and recommender figures with a real taxonomy loaded (ESCO, optionally O*NET too).

Run: ``.venv/bin/python bench/site_bench.py [--onet] [--requests 60]`` from the project root.
Builds a fresh SQLite database with the demo organisation plus ESCO from ../shared/data, then
prints: the graph build time and its memory (tracemalloc peak), the time to rank every imported
role for one employee, and p50/p95 of the main pages rendered through the app (page cache off,
so every request renders; signed in as the L&D admin, the manager for /team/).
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import Session

from recommender.ranking import TargetIndex
from recommender.ranking import rank_targets
from skills_graph import models as m
from skills_graph.accounts import seed_demo_accounts
from skills_graph.build import build_graph
from skills_graph.db import make_engine
from skills_graph.db import make_session_factory
from skills_graph.importers.esco import import_esco
from skills_graph.importers.onet import import_onet
from skills_graph.loader import load_seed
from skills_graph.queries import all_profiles
from skills_graph.schema import upgrade
from skills_graph.versioning import before_flush
from web import create_app

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def timed(label: str, action: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = action()
    print(f"{label:<52} {time.perf_counter() - start:8.2f} s")
    return result


def build_database(url: str, with_onet: bool) -> None:
    engine = make_engine(url)
    upgrade(engine)
    sessions = make_session_factory(engine)
    event.listen(sessions, "before_flush", before_flush)
    with sessions() as session:
        load_seed(session)
        seed_demo_accounts(session)
        session.commit()
        timed("import esco-1.1.1", lambda: import_esco(session, DATA / "esco-1.1.1"))
        session.commit()
        if with_onet:
            timed("import onet-29.3 (no exposure model)", lambda: import_onet(session, DATA / "onet-29.3"))
            session.commit()
    engine.dispose()


def graph_figures(session: Session) -> None:
    start = time.perf_counter()
    G = build_graph(session)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    build_graph(session)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{'graph build':<52} {seconds:8.2f} s   peak {peak / 2**20:6.1f} MB (tracemalloc)   "
          f"{G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges")
    index = timed("target index over every current role (once per graph)",
                  lambda: TargetIndex.from_graph(G, kinds=("current",)))
    profiles = all_profiles(session)
    for top, label in ((20, "score all, keep the best 20"), (None, "score all, a record for each")):
        start = time.perf_counter()
        for profile in profiles:
            rank_targets(index, profile, top=top)
        per = (time.perf_counter() - start) / len(profiles) * 1000
        print(f"{f'rank {len(index.roles):,} roles for one employee ({label})':<52} {per:8.2f} ms "
              f"(mean of {len(profiles)})")


def signed_in(app: Flask, email: str, password: str) -> FlaskClient:
    client = app.test_client()
    page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    data = {"email": email, "password": password, "csrf_token": token.group(1) if token else ""}
    assert client.post("/auth/login", data=data).status_code == 302
    return client


def page_figures(app: Flask, session: Session, requests: int) -> None:
    """Time the main pages; no app context may be pushed here, or requests would share ``g``."""
    lnd = signed_in(app, "isabel.navarro@northwind.example", "northwind-lnd")
    manager = signed_in(app, "aiko.tanaka@northwind.example", "northwind-manager")
    busiest_skill = session.scalars(
        select(m.Skill.key).join(m.RoleSkill).group_by(m.Skill.key)
        .order_by(func.count().desc()).limit(1)).one()
    esco_role = session.scalars(select(m.Role.key).where(m.Role.key.like("esco:%")).limit(1)).one()
    pages = [(lnd, "/roles/"), (lnd, "/roles/?q=engineer"), (lnd, f"/roles/{esco_role}"),
             (lnd, "/skills/"), (lnd, f"/skills/{busiest_skill}"), (lnd, "/courses/"),
             (lnd, "/employees/emp:lucia-ferreira"), (manager, "/team/"), (lnd, "/lnd/review")]
    for client, url in pages:
        assert client.get(url).status_code == 200, url
        times = []
        for _ in range(requests):
            start = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        p95 = statistics.quantiles(times, n=20)[-1]
        print(f"  {url[:50]:<50} p50 {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--onet", action="store_true", help="Import O*NET too.")
    parser.add_argument("--requests", type=int, default=60, help="Requests per page.")
    args = parser.parse_args()
    if not (DATA / "esco-1.1.1").exists():
        raise SystemExit(f"needs {DATA / 'esco-1.1.1'} (see ../shared/data/README.md)")
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.db"
        build_database(url, args.onet)
        app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "PAGE_CACHE_SECONDS": 0})
        session = app.extensions["reskill_db"].sessions()
        graph_figures(session)
        print(f"pages, {args.requests} requests each after one warm-up (page cache off):")
        page_figures(app, session, args.requests)
        session.close()
        app.extensions["reskill_db"].engine.dispose()


if __name__ == "__main__":
    main()
