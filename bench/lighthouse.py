"""`make lighthouse`: Lighthouse 12 (mobile) on every public page, against the production-mode site.

Lighthouse is installed from the npm registry into a temporary folder each run; nothing is committed.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psycopg  # noqa: E402

from bench.pages import PAGES, resolve  # noqa: E402
from tests.support.server import gunicorn, prepare_site, production_env, recreate_database  # noqa: E402

DATABASE = "clinic_lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
MORE_PAGES = {
    "accessibility": "/accessibility/",
    "disclaimer": "/medical-disclaimer/",
    "language help": "/language-assistance/",
    "first visit": "/treatments/spravato/first-visit/",
    "team": "/team/",
}
PUBLIC_PAGES = {**PAGES, **MORE_PAGES, **{f"{name} (es)": "/es" + path for name, path in MORE_PAGES.items()}}


def run_lighthouse(lighthouse, url, report_path, attempts=3):
    """One report; Chromium now and then fails to record a trace (NO_NAVSTART) on a busy machine, so retry."""
    for attempt in range(1, attempts + 1):
        result = subprocess.run(
            [
                str(lighthouse),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report_path}",
                f"--chrome-flags={CHROME_FLAGS}",
            ],
            env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
        )
        if result.returncode == 0:
            return json.loads(report_path.read_text())
        print(f"  (Lighthouse failed on {url}, attempt {attempt} of {attempts})", file=sys.stderr)
    raise RuntimeError(f"Lighthouse could not measure {url}")


def main():
    tools = Path(tempfile.mkdtemp(prefix="lighthouse-"))
    subprocess.run(
        ["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(tools), "lighthouse@12"], check=True
    )
    lighthouse = tools / "node_modules" / ".bin" / "lighthouse"

    recreate_database(DATABASE)
    env = production_env(database=DATABASE, cache_url="redis://127.0.0.1:6379/4")
    prepare_site(env)
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{DATABASE}") as connection:
        (plan_id,) = connection.execute(
            "SELECT id FROM financing_financingplan WHERE months = 12 AND kind = 'deferred_interest'"
        ).fetchone()

    print(f"{'page':<24}" + "".join(f"{category:>16}" for category in CATEGORIES))
    below = {}
    with gunicorn(env, workers=2) as base_url:
        for name, path in PUBLIC_PAGES.items():
            report = run_lighthouse(
                lighthouse, base_url + resolve(path, plan_id=plan_id), tools / f"{name.replace(' ', '-')}.json"
            )
            scores = {category: round(report["categories"][category]["score"] * 100) for category in CATEGORIES}
            print(f"{name:<24}" + "".join(f"{scores[category]:>16}" for category in CATEGORIES))
            for category in CATEGORIES:
                if scores[category] < 100:
                    refs = report["categories"][category]["auditRefs"]
                    failing = [
                        ref["id"] for ref in refs if ref["weight"] and (report["audits"][ref["id"]]["score"] or 0) < 1
                    ]
                    below[f"{name} / {category}"] = failing
    for where, audits in below.items():
        print(f"below 100 — {where}: {', '.join(audits)}")
    print("Every page scored 100 in all four." if not below else "")


if __name__ == "__main__":
    main()
