"""Where uploaded images are kept: the settings of django-storages' S3 backend for the clinic's own bucket.

Read by the settings when MEDIA_S3_BUCKET is set (and by the tests, against a local S3-compatible server). It
fails closed: an endpoint spoken to in plain HTTP outside this machine, or half a pair of credentials, stops the
site from starting.
"""

from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
FOREVER = "public, max-age=31536000, immutable"


def s3_storage(
    *,
    bucket: str,
    endpoint_url: str = "",
    region: str = "",
    access_key: str = "",
    secret_key: str = "",
    prefix: str = "",
    debug: bool = False,
) -> dict[str, Any]:
    """The `STORAGES["default"]` entry for the bucket."""
    if bool(access_key) != bool(secret_key):
        raise ImproperlyConfigured(
            "Set both MEDIA_S3_ACCESS_KEY_ID and MEDIA_S3_SECRET_ACCESS_KEY, or neither (then the server's own "
            "credentials are used: an instance role, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)."
        )
    host = urlsplit(endpoint_url).hostname or ""
    if endpoint_url and not (endpoint_url.startswith("https://") or debug or host in LOOPBACK_HOSTS):
        raise ImproperlyConfigured(
            "MEDIA_S3_ENDPOINT_URL must start with https:// in production (plain http only to this machine)."
        )
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url or None,
            "region_name": region or None,
            "access_key": access_key or None,
            "secret_key": secret_key or None,
            "location": prefix,
            "default_acl": "private",  # read by this server only (media_library.views), never linked from a page
            "file_overwrite": True,  # names are content hashes: the same name always holds the same bytes
            "object_parameters": {"CacheControl": FOREVER},
        },
    }
