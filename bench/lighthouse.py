"""`make lighthouse`: Lighthouse 12 on every public page, against the production-mode site, at the two widths the
browser tests check: a phone (390 px, Lighthouse's mobile settings: slow 4G and a slowed CPU) and a desktop
(1280 px, its desktop settings). The personal pages (a waitlist status page, a call-back's booking pages) are
made in the benchmark's database first (bench/personal_pages.py). A personal page asks search engines not to index it
(`noindex`), so Lighthouse's "Page is blocked from indexing" (`is-crawlable`) is expected there and reported apart.

`make lighthouse` measures every page; `python bench/lighthouse.py status booking` only the pages whose names
contain one of the words given (to measure again what a busy machine slowed down).

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
from tests.support.server import gunicorn, manage, prepare_site, production_env, recreate_database  # noqa: E402

DATABASE = "clinic_lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
MORE_PAGES = {
    "accessibility": "/accessibility/",
    "disclaimer": "/medical-disclaimer/",
    "language help": "/language-assistance/",
    "first visit": "/treatments/spravato/first-visit/",
    "team": "/team/",
    "visit": "/visit/",
}
NOT_INDEXED = "is-crawlable"
# Lighthouse's own settings for each form factor, at the widths the browser tests use.
FORM_FACTORS = {
    "390": ["--screenEmulation.width=390", "--screenEmulation.height=844", "--screenEmulation.deviceScaleFactor=3"],
    "1280": ["--preset=desktop", "--screenEmulation.width=1280", "--screenEmulation.height=900"],
}
PUBLIC_PAGES = {**PAGES, **MORE_PAGES, **{f"{name} (es)": "/es" + path for name, path in MORE_PAGES.items()}}


def run_lighthouse(lighthouse, url, report_path, *, form_factor, attempts=3):
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
                *FORM_FACTORS[form_factor],
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

    personal = json.loads(
        manage(env, "shell", "-c", "from bench.personal_pages import make; make()").strip().splitlines()[-1]
    )
    pages = {
        name: path
        for name, path in {**PUBLIC_PAGES, **personal}.items()
        if len(sys.argv) == 1 or any(word in name for word in sys.argv[1:])
    }

    print(f"{'page':<24}{'width':>6}" + "".join(f"{category:>16}" for category in CATEGORIES))
    below, not_indexed = {}, []
    with gunicorn(env, workers=2) as base_url:
        for name, path in pages.items():
            for form_factor in FORM_FACTORS:
                report = run_lighthouse(
                    lighthouse,
                    base_url + resolve(path, plan_id=plan_id),
                    tools / f"{name.replace(' ', '-')}-{form_factor}.json",
                    form_factor=form_factor,
                )
                scores = {category: round(report["categories"][category]["score"] * 100) for category in CATEGORIES}
                print(f"{name:<24}{form_factor:>6}" + "".join(f"{scores[category]:>16}" for category in CATEGORIES))
                for category in CATEGORIES:
                    if scores[category] < 100:
                        refs = report["categories"][category]["auditRefs"]
                        failing = [
                            ref["id"]
                            for ref in refs
                            if ref["weight"] and (report["audits"][ref["id"]]["score"] or 0) < 1
                        ]
                        if name in personal and failing == [NOT_INDEXED]:
                            not_indexed.append(f"{name} at {form_factor} px")
                        else:
                            below[f"{name} at {form_factor} px / {category}"] = failing
    for where in not_indexed:
        print(f"noindex, as a personal page must be — {where} / seo: {NOT_INDEXED}")
    for where, audits in below.items():
        print(f"below 100 — {where}: {', '.join(audits)}")
    if not below:
        print(
            "Every page scored 100 in all four at both widths"
            + (", but for the noindex above." if not_indexed else ".")
        )


if __name__ == "__main__":
    main()
