"""Gunicorn's logger with patient data kept out of the access and error logs.

gunicorn.conf.py selects it (logger_class). The access log gets only the atoms listed in
ALLOWED_ATOMS, with the path masked by clinic_site.log_privacy; every other atom, including
query strings, referers, user agents, cookies and any request or response header, is "-"
whatever access_log_format asks for. The error log (e.g. "Error handling request <uri>")
passes through the same filter as Django's log.
"""

from types import SimpleNamespace

from gunicorn.glogging import Logger

from clinic_site.log_privacy import PersonalDataFilter, loggable_path

# time, client address, method, path, protocol, status, size, duration, worker pid
ALLOWED_ATOMS = {"t", "h", "m", "U", "H", "s", "b", "B", "T", "D", "M", "L", "p"}


class PrivateLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        if not any(isinstance(existing, PersonalDataFilter) for existing in self.error_log.filters):
            self.error_log.addFilter(PersonalDataFilter())

    def atoms(self, resp, req, environ, request_time):
        atoms = {
            name: value
            for name, value in super().atoms(resp, req, environ, request_time).items()
            if name in ALLOWED_ATOMS
        }
        atoms["U"] = loggable_path(environ.get("PATH_INFO") or "")
        # The visitor's address as the app sees it (behind DJANGO_PROXY_COUNT proxies), not the proxy's.
        atoms["h"] = _client_address(environ) or atoms.get("h", "-")
        # The request line, for formats that ask for it: method, masked path, protocol; no query string.
        atoms["r"] = f"{environ.get('REQUEST_METHOD')} {atoms['U']} {environ.get('SERVER_PROTOCOL')}"
        return atoms


def _client_address(environ):
    from clinic_site.client_address import client_address  # needs Django's settings, loaded with the app

    try:
        return client_address(SimpleNamespace(META=environ))
    except Exception:  # never lose a log line over the address
        return None
