"""Load generators: wrk for GETs, Python threads for the waitlist POST stream (exact accounting)."""

import http.client
import re
import statistics
import subprocess
import threading
import time
import urllib.parse

from tests.support.client import Browser, waitlist_fields

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
    """Each client signs up distinct patients back to back; every response is counted."""
    results, lock = [], threading.Lock()
    deadline = time.monotonic() + seconds

    def client(number):
        visitor = Browser()
        page = f"{base_url}/waitlist/spravato/"
        token = visitor.csrf_token(page)  # one form load, then the POSTs are what is timed
        # Plain http.client from here on: the load generator shares the cores, so it should cost little.
        cookie = "; ".join(f"{c.name}={c.value}" for c in visitor.cookies)
        headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
        host = urllib.parse.urlsplit(base_url).netloc
        sent = 0
        while time.monotonic() < deadline:
            email = f"bench-{number}-{sent}@example.com"
            body = urllib.parse.urlencode({**waitlist_fields(email=email), "csrfmiddlewaretoken": token})
            started = time.perf_counter()
            connection = http.client.HTTPConnection(host, timeout=30)
            connection.request("POST", "/waitlist/spravato/", body, headers)
            response = connection.getresponse()
            response.read()
            status = response.status
            connection.close()
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                results.append((email, status, elapsed))
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
