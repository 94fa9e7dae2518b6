"""Load generators: wrk for GETs, Python threads for the waitlist and call-back POST streams (exact accounting)."""

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


def waitlist_post_stream(base_url, *, clients=50, seconds=30):
    """Each client signs up distinct patients (by email) on the Spravato waitlist back to back."""

    def fields(number, sent):
        email = f"bench-{number}-{sent}@example.com"
        return email, waitlist_fields(email=email)

    return _post_stream(base_url, path="/waitlist/spravato/", fields=fields, clients=clients, seconds=seconds)


def call_back_post_stream(base_url, *, clients=50, seconds=30):
    """Each client asks for call backs about IV ketamine for distinct people (by phone) back to back."""

    def fields(number, sent):
        exchange, line = 200 + number, sent % 10_000  # a valid San Diego number per POST
        return f"+1619{exchange:03d}{line:04d}", call_back_fields(
            phone=f"(619) {exchange:03d}-{line:04d}", email=f"bench-cb-{number}-{sent}@example.com"
        )

    path = "/treatments/iv-ketamine-infusion/request-a-call/"
    return _post_stream(base_url, path=path, fields=fields, clients=clients, seconds=seconds)


def _post_stream(base_url, *, path, fields, clients, seconds):
    """Every response is counted; `fields(client, sent)` gives the person's key and the form body."""
    results, lock = [], threading.Lock()
    deadline = time.monotonic() + seconds

    def client(number):
        visitor = Browser()
        token = visitor.csrf_token(base_url + path)  # one form load, then the POSTs are what is timed
        # Plain http.client from here on: the load generator shares the cores, so it should cost little.
        cookie = "; ".join(f"{c.name}={c.value}" for c in visitor.cookies)
        headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
        host = urllib.parse.urlsplit(base_url).netloc
        sent = 0
        while time.monotonic() < deadline:
            key, form = fields(number, sent)
            body = urllib.parse.urlencode({**form, "csrfmiddlewaretoken": token})
            started = time.perf_counter()
            connection = http.client.HTTPConnection(host, timeout=30)
            connection.request("POST", path, body, headers)
            response = connection.getresponse()
            response.read()
            status = response.status
            connection.close()
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                results.append((key, status, elapsed))
            sent += 1

    workers = [threading.Thread(target=client, args=(number,)) for number in range(clients)]
    started = time.monotonic()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    duration = time.monotonic() - started
    latencies = sorted(elapsed for _, _, elapsed in results)
    return {
        "rps": len(results) / duration,
        "p50": statistics.median(latencies),
        "p99": latencies[int(len(latencies) * 0.99) - 1],
        "errors": sum(1 for _, status, _ in results if status != 302),
        "accepted": [email for email, status, _ in results if status == 302],
    }
