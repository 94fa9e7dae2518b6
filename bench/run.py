"""`make bench`: load the site as production runs it and print figures against the targets.

gunicorn (production mode, whitenoise) on PostgreSQL with the Redis cache, loaded from a second
process with wrk on 127.0.0.1. The static CSS file is the ceiling every page is compared with,
measured in the same run.

`bench/run.py --streams booking` (or `waitlist`, `call-back`, several) runs only those POST streams, to try one
out; `BENCH_DATABASE` and `BENCH_REDIS_DB` name another PostgreSQL database and Redis database than the run's own
(`clinic_bench` and 2), for a try beside other work. Both are for trying a stream, not for recorded figures.
"""

import argparse
import json
import os
import platform
import re
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
from bench.load import booking_post_stream, call_back_post_stream, waitlist_post_stream, wrk  # noqa: E402
from bench.pages import CACHED, PAGES, resolve  # noqa: E402
from bench.weight import first_load  # noqa: E402
from intake.matching import email_hash, phone_hash  # noqa: E402
from tests.support.server import (  # noqa: E402
    PROJECT,
    PYTHON,
    descendants,
    gunicorn,
    prepare_site,
    production_env,
    recreate_database,
    static_root,
)

DATABASE = os.environ.get("BENCH_DATABASE", "clinic_bench")
REDIS_DB = os.environ.get("BENCH_REDIS_DB", "2")


def production_workers() -> int:
    """gunicorn's worker count as production runs it: the Procfile's default WEB_CONCURRENCY."""
    found = re.search(r"WEB_CONCURRENCY:-(\d+)", (PROJECT / "Procfile").read_text())
    if found is None:
        raise RuntimeError("The Procfile's web line names no default WEB_CONCURRENCY")
    return int(found.group(1))


WORKERS = production_workers()
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


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def app_server_cpu_seconds():
    """CPU time (user + system) the app servers have used so far: every gunicorn process this run started (the
    master and its workers), with the time of workers that have ended (kept in the master's children's time), from
    /proc. PostgreSQL, Redis and the load generator are not counted."""
    ticks = 0
    for pid in descendants(os.getpid()):
        try:
            if b"gunicorn" not in Path(f"/proc/{pid}/cmdline").read_bytes():
                continue
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        ticks += sum(int(field) for field in fields[11:15])  # utime, stime, cutime, cstime (proc(5) fields 14-17)
    return ticks / CLOCK_TICKS


def cpu_per(cpu_seconds, stored):
    return f"{cpu_seconds * 1000 / stored:.1f} ms" if stored else "n/a"


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
    stream = stream_function(base_url, clients=50, seconds=30, cpu=app_server_cpu_seconds)
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
    print(
        f"  app server CPU {stream['cpu']:.1f} s: {cpu_per(stream['cpu'], after - before)} per sign-up stored   (shown, not judged)"
    )
    owed = 2 * accepted  # a confirmation and a staff notice per request
    mail_ok = owed_email_report(owed=owed, sent=inbox.messages - sent_before, drained=drained)
    return ([] if ok else [f"{name} stream"]) + ([] if mail_ok else [f"{name} owed email"])


def owed_email_report(*, owed, sent, drained):
    mail_ok = drained is not None and sent == owed
    print(
        f"  emails: the worker sent {sent} of {owed} owed to the SMTP server, each once, "
        + (f"in {drained:.0f} s ({sent / max(drained, 1):.0f}/s)" if drained is not None else "not all")
        + f"   {verdict(mail_ok)}"
    )
    return mail_ok


BOOKING_CLIENTS, BOOKING_TOGETHER = 50, 10


def booking_stream_report(base_url, env, inbox):
    """The booking POST stream (bench/load.py): people choosing call times at once, the same time by every client
    at first. Then the rows are checked: every accepted booking stored, none lost, no time booked twice in a
    calendar and no person with two calls (the database's constraints), one confirmation email sent per booking."""
    prepared = subprocess.run(
        [PYTHON, "bench/booking_setup.py", str(2 * BOOKING_CLIENTS)],
        cwd=PROJECT, env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    setup = json.loads(prepared.strip().splitlines()[-1])
    booked = "FROM booking_booking WHERE status = 'booked'"
    before = database_rows(f"SELECT count(*) {booked}")[0][0]
    sent_before = inbox.messages
    stream = booking_post_stream(
        base_url, patients=setup["patients"], times=setup["times"], clients=BOOKING_CLIENTS,
        together=BOOKING_TOGETHER, seconds=30, cpu=app_server_cpu_seconds,
    )  # fmt: skip
    after = database_rows(f"SELECT count(*) {booked}")[0][0]
    with task_worker(env, PYTHON):
        drained = wait_for_owed_email(limit_seconds=300)
    stored = set(database_rows(f"SELECT request_id, extract(epoch FROM start)::bigint {booked}"))
    accepted = stream["accepted"]
    lost = sum(1 for booking in accepted if tuple(booking) not in stored)
    twice_per_time = database_rows(
        f"SELECT count(*) FROM (SELECT calendar, start {booked} GROUP BY 1, 2 HAVING count(*) > 1) d"
    )[0][0]
    twice_per_person = database_rows(
        f"SELECT count(*) FROM (SELECT request_id {booked} GROUP BY 1 HAVING count(*) > 1) d"
    )[0][0]
    together, shared = stream["together"], stream["shared"]
    one_each = all(count == 1 for count in together["winners"].values())
    ok = (
        stream["errors"] == 0
        and lost == 0
        and twice_per_time == 0
        and twice_per_person == 0
        and after - before == len(accepted)
        and one_each
    )
    print(
        f"\nBooking POST stream ({BOOKING_CLIENTS} clients, {len(setup['times'])} free times: 15-minute calls "
        "8:00–20:00 every day, 14 days ahead)"
    )
    print(
        f"  the same time at once: {together['times']} times, each sent by all {together['clients']} clients together: "
        f"booked {together['booked']} ({'one each' if one_each else 'NOT one each'}), told just taken {together['taken']}, "
        f"errors {together['error']}; p50 {together['p50']:.1f} ms, p99 {together['p99']:.1f} ms"
    )
    print(
        f"  then every other time, one client each: {shared['booked']} of {shared['times']} booked in "
        f"{shared['seconds']:.1f} s, {shared['rps']:.0f} requests/s, p50 {shared['p50']:.1f} ms, "
        f"p99 {shared['p99']:.1f} ms, told just taken {shared['taken']}, errors {shared['error']}"
    )
    print(
        f"  accepted {len(accepted)}, new rows {after - before}, lost {lost}, double-booked {twice_per_time} "
        f"(a person twice: {twice_per_person})   {verdict(ok)} (0 errors/lost/double bookings, one booking per time)"
    )
    print(
        f"  app server CPU: {cpu_per(shared['cpu'], shared['booked'])} per booking stored (every time one client's), "
        f"{cpu_per(together['cpu'], together['requests'])} per POST when all chose the same time   (shown, not judged)"
    )
    mail_ok = owed_email_report(owed=len(accepted), sent=inbox.messages - sent_before, drained=drained)
    return ([] if ok else ["Booking stream"]) + ([] if mail_ok else ["Booking owed email"])


def post_streams(names, base_url, env, inbox):
    """The named POST streams, in the order of STREAMS; returns what missed."""
    failures = []
    for stream_name, stream_function, kind, key, hashed in POST_STREAMS:
        if stream_name.lower() in names:
            failures += post_stream_report(stream_name, stream_function, kind, key, hashed, base_url, env, inbox)
    if "booking" in names:
        failures += booking_stream_report(base_url, env, inbox)
    return failures


def verdict(ok):
    return "PASS" if ok else "FAIL"


STREAMS = ["waitlist", "call-back", "booking"]


def main(mail, streams=None):
    """Everything, or (`streams`) only those POST streams."""
    print(
        f"Machine: {platform.platform()}, {subprocess.check_output(['nproc']).decode().strip()} cores, Python {platform.python_version()}"
    )
    probes = {"start": cpu_probe_ms()}
    recreate_database(DATABASE)
    subprocess.run(["redis-cli", "-n", REDIS_DB, "flushdb"], check=True, capture_output=True)
    email_url, inbox = mail  # a real SMTP server for the whole run
    env = production_env(
        database=DATABASE,
        cache_url=f"redis://127.0.0.1:6379/{REDIS_DB}",
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
        if streams:
            probes["before the POST streams"] = cpu_probe_ms()
            failures += post_streams(streams, base_url, env, inbox)
            probes["end"] = cpu_probe_ms()
            print("\nCPU probe: " + ", ".join(f"{when} {ms:.0f} ms" for when, ms in probes.items()))
            print("\nAll targets met." if not failures else f"\nMissed: {', '.join(failures)}")
            return
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
        failures += post_streams(STREAMS, base_url, env, inbox)

    probes["before the render"] = cpu_probe_ms()
    print("\nUncached render in-process (median of 30, each request as after an edit)")
    # Room for every page of every round: an edit leaves the old pages unreachable, not gone (as in Redis).
    render_env = {**env, "CACHE_URL": "locmemcache://bench?MAX_ENTRIES=100000"}
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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--streams", nargs="+", choices=STREAMS, help="run only these POST streams (a try, not a run)")
    arguments = parser.parse_args()
    with smtp_sink() as mail:
        main(mail, streams=arguments.streams)
