"""Load generators: wrk for GETs, Python threads for the waitlist, call-back and booking POST streams (exact
accounting).

A POST stream starts once every client has loaded its form (one GET each, not counted); `cpu`, when given, is read
then and when the stream ends, so the server CPU a stream reports is its POSTs' alone."""

import http.client
import re
import statistics
import subprocess
import threading
import time
import urllib.parse

from tests.support.client import Browser, call_back_fields, waitlist_fields

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * UNITS[unit]


def wrk(url, *, seconds=10, connections=32, threads=2):
    output = subprocess.run(
        # Browsers ask for compressed responses; whitenoise then sends its pre-compressed files.
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-H",
            "Accept-Encoding: gzip, br",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1)),
        "p99": _ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1)),
        "errors": int(errors.group(1)) if errors else 0,
    }


def waitlist_post_stream(base_url, *, clients=50, seconds=30, cpu=None):
    """Each client signs up distinct patients (by email) on the Spravato waitlist back to back."""

    def fields(number, sent):
        email = f"bench-{number}-{sent}@example.com"
        return email, waitlist_fields(email=email)

    return _post_stream(base_url, path="/waitlist/spravato/", fields=fields, clients=clients, seconds=seconds, cpu=cpu)


def call_back_post_stream(base_url, *, clients=50, seconds=30, cpu=None):
    """Each client asks for call backs about IV ketamine for distinct people (by phone) back to back."""

    def fields(number, sent):
        exchange, line = 200 + number, sent % 10_000  # a valid San Diego number per POST
        return f"+1619{exchange:03d}{line:04d}", call_back_fields(
            phone=f"(619) {exchange:03d}-{line:04d}", email=f"bench-cb-{number}-{sent}@example.com"
        )

    path = "/treatments/iv-ketamine-infusion/request-a-call/"
    return _post_stream(base_url, path=path, fields=fields, clients=clients, seconds=seconds, cpu=cpu)


def _post_stream(base_url, *, path, fields, clients, seconds, cpu=None):
    """Every response is counted; `fields(client, sent)` gives the person's key and the form body."""
    results, lock = [], threading.Lock()
    marks = {}
    ready = threading.Barrier(clients, action=lambda: marks.update(_mark(cpu), deadline=time.monotonic() + seconds))

    def client(number):
        try:
            poster = _Poster(base_url, form_path=path)  # one form load, then the POSTs are what is timed
        except Exception:
            ready.abort()  # the others stop waiting; the stream fails below
            raise
        ready.wait()
        sent = 0
        while time.monotonic() < marks["deadline"]:
            key, form = fields(number, sent)
            status, _, _, elapsed = poster.post(path, form)
            with lock:
                results.append((key, status, elapsed))
            sent += 1

    _run(client, clients)
    if ready.broken:
        raise RuntimeError(f"A client could not load the form at {path}")
    end = _mark(cpu)
    latencies = sorted(elapsed for _, _, elapsed in results)
    return {
        "rps": len(results) / (end["at"] - marks["at"]),
        "p50": statistics.median(latencies),
        "p99": _p99(latencies),
        "errors": sum(1 for _, status, _ in results if status != 302),
        "accepted": [email for email, status, _ in results if status == 302],
        "cpu": end["cpu"] - marks["cpu"] if cpu else None,
    }


def booking_post_stream(base_url, *, patients, times, clients=50, together=10, seconds=30, cpu=None):
    """Many people booking calls at once. First the `together` soonest times, each chosen by every client at the
    same moment (a barrier): one person must get each time and every other be told it was just taken. Then the other
    times shared out among the clients, each chosen by one person, until all are booked or `seconds` pass.

    `patients`: [request id, choose-a-time path] of people without a call, at least the times and the clients;
    `times`: the free times' values, soonest first. A person whose booking succeeded is done, and the client takes
    the next person. Every response is counted: booked (a redirect to the call's own page), taken (the page again
    with the time's error), or an error (anything else, a timeout included)."""
    pool, lock = list(reversed(patients)), threading.Lock()
    results = []  # (part, request id, time, outcome, milliseconds)
    marks = {}

    def next_patient():
        with lock:
            return pool.pop()

    def mark(name):
        return lambda: marks.update({name: _mark(cpu)})

    # A client that stops (an exception) breaks the barriers, so the others stop too and the stream fails below.
    starting = threading.Barrier(clients, action=mark("together"), timeout=120)
    each_time = threading.Barrier(clients, timeout=120)
    sharing = threading.Barrier(clients, action=mark("shared"), timeout=120)
    barriers = (starting, each_time, sharing)
    raced, shared = times[:together], times[together:]

    stopped = []

    def client(number):
        try:
            book_times(number)
        except Exception:
            stopped.append(number)
            for barrier in barriers:
                barrier.abort()
            raise

    def book_times(number):
        patient = next_patient()
        poster = _Poster(base_url, form_path=patient[1])

        def book(part, value):
            nonlocal patient
            patient = patient or next_patient()
            status, location, body, elapsed = poster.post(patient[1], {"time": value, "website": ""})
            if status == 302 and "/book/call/" in location:
                outcome = "booked"
            elif status == 200 and 'id="time-error"' in body:
                outcome = "taken"
            else:
                outcome = "error"
            with lock:
                results.append((part, patient[0], value, outcome, elapsed))
            if outcome != "taken":  # booked, or unknown after an error: the next time is the next person's
                patient = None

        starting.wait()
        for value in raced:
            each_time.wait()  # every client sends this time at the same moment
            book("together", value)
        sharing.wait()
        deadline = time.monotonic() + seconds
        for value in shared[number::clients]:
            if time.monotonic() >= deadline:
                break
            book("shared", value)

    _run(client, clients)
    if stopped:
        raise RuntimeError("A booking client stopped before the end (see its exception above)")
    end = _mark(cpu)

    def part(name, until):
        rows = [row for row in results if row[0] == name]
        latencies = sorted(row[4] for row in rows)
        seconds_taken = until["at"] - marks[name]["at"]
        return {
            "requests": len(rows),
            "seconds": seconds_taken,
            "rps": len(rows) / seconds_taken,
            "p50": statistics.median(latencies) if latencies else 0.0,
            "p99": _p99(latencies),
            **{outcome: sum(1 for row in rows if row[3] == outcome) for outcome in ("booked", "taken", "error")},
            "cpu": until["cpu"] - marks[name]["cpu"] if cpu else None,
        }

    winners = {value: sum(1 for row in results if row[0] == "together" and row[2] == value and row[3] == "booked")
               for value in raced}  # fmt: skip
    return {
        "together": {**part("together", marks["shared"]), "times": len(raced), "clients": clients, "winners": winners},
        "shared": {**part("shared", end), "times": len(shared)},
        "errors": sum(1 for row in results if row[3] == "error"),
        "accepted": [(request_id, int(value)) for _, request_id, value, outcome, _ in results if outcome == "booked"],
    }


class _Poster:
    """One visitor's CSRF cookie and token (from one form load), then plain http.client POSTs: the load generator
    shares the cores, so it should cost little."""

    def __init__(self, base_url, *, form_path):
        visitor = Browser()
        self.token = visitor.csrf_token(base_url + form_path)
        cookie = "; ".join(f"{c.name}={c.value}" for c in visitor.cookies)
        self.headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
        self.host = urllib.parse.urlsplit(base_url).netloc

    def post(self, path, form):
        """(status, Location, body, milliseconds); status 0 when no answer came (refused, reset, timed out)."""
        body = urllib.parse.urlencode({**form, "csrfmiddlewaretoken": self.token})
        started = time.perf_counter()
        connection = http.client.HTTPConnection(self.host, timeout=30)
        try:
            connection.request("POST", path, body, self.headers)
            response = connection.getresponse()
            answer = response.read().decode(errors="replace")
            status, location = response.status, response.getheader("Location", "")
        except (OSError, http.client.HTTPException):
            status, location, answer = 0, "", ""
        finally:
            connection.close()
        return status, location, answer, (time.perf_counter() - started) * 1000


def _mark(cpu):
    return {"at": time.monotonic(), "cpu": cpu() if cpu else None}


def _run(client, clients):
    workers = [threading.Thread(target=client, args=(number,)) for number in range(clients)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()


def _p99(latencies):
    return latencies[max(int(len(latencies) * 0.99) - 1, 0)] if latencies else 0.0
