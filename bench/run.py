"""`make bench`: load the site as production runs it and print figures against the targets.

gunicorn (production mode, whitenoise) on PostgreSQL with the Redis cache, loaded from a second
process with wrk on 127.0.0.1. The static CSS file is the ceiling every page is compared with,
measured in the same run.
"""

import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# The test settings carry the field keys the benchmark's servers run with (tests.support.server), so this
# process can tell stored people apart by the keyed hashes of their email and phone (both are encrypted).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402
import psycopg  # noqa: E402

django.setup()

from bench.background import smtp_sink, task_worker  # noqa: E402
from bench.load import call_back_post_stream, waitlist_post_stream, wrk  # noqa: E402
from bench.pages import CACHED, PAGES, resolve  # noqa: E402
from bench.weight import first_load  # noqa: E402
from intake.matching import email_hash, phone_hash  # noqa: E402
from tests.support.server import (  # noqa: E402
    PROJECT,
    PYTHON,
    gunicorn,
    prepare_site,
    production_env,
    recreate_database,
    static_root,
)

DATABASE = "clinic_bench"
WORKERS = 4
ROUNDS = 3
SECONDS = 6
TARGETS = {"ratio": 0.8, "render_ms": 10.0, "total_kb": 100.0, "html_kb": 30.0, "post_p99_ms": 250.0}


def database_rows(sql):
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{DATABASE}") as connection:
        return connection.execute(sql).fetchall()


def cpu_probe_ms():
    """A fixed pure-Python loop. The VM's speed drifts with its neighbours; this lets runs be compared."""
    started = time.perf_counter()
    total = 0
    for number in range(5_000_000):
        total += number
    return (time.perf_counter() - started) * 1000


def wait_for_owed_email(*, limit_seconds):
    """Seconds until the outbox held no unsent email (the worker catching up after the stream), or None."""
    started = time.monotonic()
    while time.monotonic() - started < limit_seconds:
        if not database_rows("SELECT count(*) FROM outbox_outgoingemail WHERE status <> 'sent'")[0][0]:
            return time.monotonic() - started
        time.sleep(1)
    return None


# (title, load generator, intake kind, how a person is told apart: the keyed-hash column the one-open-request
# rule uses, and the function that makes it)
POST_STREAMS = [
    ("Waitlist", waitlist_post_stream, "waitlist", "email_hash", email_hash),
    ("Call-back", call_back_post_stream, "call_back", "phone_hash", phone_hash),
]


def post_stream_report(name, stream_function, kind, key, hashed, base_url, env, inbox):
    """Run one POST stream, then the worker, and check every accepted request was stored once and mailed."""
    rows = f"FROM waitlist_intakerequest WHERE kind = '{kind}'"
    before = database_rows(f"SELECT count(*) {rows}")[0][0]
    sent_before = inbox.messages
    # The requests alone: they only record the emails they owe, so their time does not depend
    # on the mail server. The worker then sends what the stream owes, timed on its own.
    stream = stream_function(base_url, clients=50, seconds=30)
    after = database_rows(f"SELECT count(*) {rows}")[0][0]
    with task_worker(env, PYTHON):
        drained = wait_for_owed_email(limit_seconds=300)
    duplicates = database_rows(
        f"SELECT count(*) FROM (SELECT {key} {rows} GROUP BY treatment_id, 1 HAVING count(*) > 1) d"
    )[0][0]
    accepted = len(stream["accepted"])
    stored = {row[0] for row in database_rows(f"SELECT {key} {rows}")}
    lost = sum(1 for person in stream["accepted"] if hashed(person) not in stored)
    ok = (
        stream["errors"] == 0
        and lost == 0
        and duplicates == 0
        and after - before == accepted
        and stream["p99"] <= TARGETS["post_p99_ms"]
    )
    print(f"\n{name} POST stream (50 clients, 30 s, every POST a new patient)")
    print(
        f"  {stream['rps']:.0f} requests/s, p50 {stream['p50']:.1f} ms, p99 {stream['p99']:.1f} ms, errors {stream['errors']}"
    )
    print(
        f"  accepted {accepted}, new rows {after - before}, lost {lost}, duplicated {duplicates}   {verdict(ok)} (0 errors/lost/duplicated, p99 ≤ 250 ms)"
    )
    owed = 2 * accepted  # a confirmation and a staff notice per request
    sent = inbox.messages - sent_before
    mail_ok = drained is not None and sent == owed
    print(
        f"  emails: the worker sent {sent} of {owed} owed to the SMTP server, each once, "
        + (f"in {drained:.0f} s ({sent / max(drained, 1):.0f}/s)" if drained is not None else "not all")
        + f"   {verdict(mail_ok)}"
    )
    return ([] if ok else [f"{name} stream"]) + ([] if mail_ok else [f"{name} owed email"])


def verdict(ok):
    return "PASS" if ok else "FAIL"


def main(mail):
    print(
        f"Machine: {platform.platform()}, {subprocess.check_output(['nproc']).decode().strip()} cores, Python {platform.python_version()}"
    )
    probes = {"start": cpu_probe_ms()}
    recreate_database(DATABASE)
    subprocess.run(["redis-cli", "-n", "2", "flushdb"], check=True, capture_output=True)
    email_url, inbox = mail  # a real SMTP server for the whole run
    env = production_env(
        database=DATABASE,
        cache_url="redis://127.0.0.1:6379/2",
        WAITLIST_RATE_LIMIT="",
        WAITLIST_POST_RATE_LIMIT="",
        EMAIL_URL=email_url,
    )
    prepare_site(env)
    manifest = json.loads((static_root() / "staticfiles.json").read_text())  # where prepare_site collected them
    css = "/static/" + manifest["paths"]["vendor/bootstrap/bootstrap.min.css"]
    (plan_id,) = database_rows(
        "SELECT id FROM financing_financingplan WHERE months = 12 AND kind = 'deferred_interest'"
    )[0]

    failures = []
    with gunicorn(env, workers=WORKERS) as base_url:
        urls = {name: base_url + resolve(path, plan_id=plan_id) for name, path in PAGES.items()}
        for url in urls.values():
            subprocess.run(["curl", "-s", "-o", "/dev/null", url], check=True)  # fill the page cache
        # Three rounds, each measuring the static file and then every page; medians even out the noise of
        # a load generator sharing two cores with the server.
        rounds = [
            {
                "static CSS": wrk(base_url + css, seconds=SECONDS),
                **{name: wrk(url, seconds=SECONDS) for name, url in urls.items()},
            }
            for _ in range(ROUNDS)
        ]
        medians = {
            name: sorted((run[name] for run in rounds), key=lambda figures: figures["rps"])[ROUNDS // 2]
            for name in rounds[0]
        }
        ceiling = medians.pop("static CSS")
        print(f"\nThroughput (median of {ROUNDS} rounds; {WORKERS} gunicorn workers, wrk -t2 -c32 -d{SECONDS}s)")
        print(f"{'page':<20}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'× static':>10}")
        print(
            f"{'static CSS':<20}{ceiling['rps']:>10.0f}{ceiling['p50']:>9.2f}{ceiling['p99']:>9.2f}{ceiling['errors']:>8}{1:>10.2f}"
        )
        for name, figures in medians.items():
            ratio = figures["rps"] / ceiling["rps"]
            target = (
                f"  {verdict(ratio >= TARGETS['ratio'])} ≥ {TARGETS['ratio']}×"
                if name in CACHED
                else "  (personal page, never cached)"
            )
            print(
                f"{name:<20}{figures['rps']:>10.0f}{figures['p50']:>9.2f}{figures['p99']:>9.2f}{figures['errors']:>8}{ratio:>10.2f}{target}"
            )
            if name in CACHED and ratio < TARGETS["ratio"] or figures["errors"]:
                failures.append(f"throughput {name}")

        print("\nFirst-load weight (gzip)")
        for name, url in urls.items():
            html, total = first_load(base_url, url.removeprefix(base_url))
            ok = total / 1024 <= TARGETS["total_kb"] and html / 1024 <= TARGETS["html_kb"]
            print(
                f"{name:<20} HTML {html / 1024:6.1f} KB   total {total / 1024:6.1f} KB   {verdict(ok)} (≤ 30 KB HTML, ≤ 100 KB total)"
            )
            if not ok:
                failures.append(f"weight {name}")

        probes["before the POST stream"] = cpu_probe_ms()
        for stream_name, stream_function, kind, key, hashed in POST_STREAMS:
            failures += post_stream_report(stream_name, stream_function, kind, key, hashed, base_url, env, inbox)

    probes["before the render"] = cpu_probe_ms()
    print("\nUncached render in-process (median of 30, empty cache each time)")
    render_env = {**env, "CACHE_URL": "locmemcache://bench"}
    output = subprocess.run(
        [PYTHON, "bench/render.py"], cwd=PROJECT, env=render_env, capture_output=True, text=True, check=True
    ).stdout
    for line in output.strip().splitlines():
        name, milliseconds, queries, kind = line.split("\t")
        ok = float(milliseconds) <= TARGETS["render_ms"]
        judgement = f"{verdict(ok)} (≤ 10 ms)" if kind == "target" else "(shown, not judged)"
        print(f"{name:<20}{float(milliseconds):>7.2f} ms {queries:>3} queries   {judgement}")
        if kind == "target" and not ok:
            failures.append(f"render {name}")

    probes["end"] = cpu_probe_ms()
    print(
        "\nCPU probe (a fixed Python loop; lower is a faster machine): "
        + ", ".join(f"{when} {ms:.0f} ms" for when, ms in probes.items())
    )
    print("\nAll targets met." if not failures else f"\nMissed: {', '.join(failures)}")


if __name__ == "__main__":
    with smtp_sink() as mail:
        main(mail)
