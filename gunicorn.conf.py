"""Gunicorn settings for production (`make serve` and the README's deployment command).

Bind address and worker count stay on the command line. Logs go to stdout (access) and stderr
(errors) for the process manager to collect. Patient data never reaches them: the access log
records time, client address, method, path without query string (personal links masked),
status, size and duration, and nothing else (see clinic_site/gunicorn_logging.py).
"""

wsgi_app = "clinic_site.wsgi"
logger_class = "clinic_site.gunicorn_logging.PrivateLogger"
accesslog = "-"
errorlog = "-"
# %(U)s is the path without its query string; never use %(r)s-as-sent, %(q)s, %(f)s or %(a)s.
access_log_format = '%(t)s %(h)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'
# The gunicornc control socket (gunicorn 25.1+) is not used; one socket fewer.
control_socket_disable = True
