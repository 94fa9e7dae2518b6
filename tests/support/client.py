"""A small HTTP client for the benchmarks and the production-mode tests: cookies, CSRF, no redirects."""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One visitor: keeps its own cookies, sees redirects as they are."""

    def __init__(self, *, client_ip=None):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect)
        self.headers = {"X-Forwarded-For": client_ip} if client_ip else {}

    def request(self, url, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers=self.headers)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), dict(error.headers)

    def get(self, url):
        return self.request(url)

    def csrf_token(self, page_url):
        status, html, _ = self.get(page_url)
        token = CSRF_INPUT.search(html)
        if status != 200 or token is None:
            raise RuntimeError(f"No form with a CSRF token at {page_url} (status {status})")
        return token.group(1)

    def post_form(self, page_url, fields, post_url=None):
        """GET the form for its CSRF token, then POST the fields with it."""
        token = self.csrf_token(page_url)
        return self.request(post_url or page_url, {**fields, "csrfmiddlewaretoken": token})


def call_back_fields(*, phone, email):
    return {
        "first_name": "Bench",
        "last_name": "Patient",
        "email": email,
        "phone": phone,
        "preferred_contact": "phone",
        "best_time": "any",
        "is_adult": "on",
        "contact_consent": "on",
        "website": "",
    }


def waitlist_fields(*, email):
    return {
        "first_name": "Bench",
        "last_name": "Patient",
        "email": email,
        "phone": "(619) 555-0142",
        "preferred_contact": "email",
        "best_time": "any",
        "insurance": "not_sure",
        "referral": "",
        "is_adult": "on",
        "contact_consent": "on",
        "website": "",
    }
