"""The deployment check of the image library: where its files go must take them."""

import os
from pathlib import Path

from django.core.checks import Error, Tags, register
from django.core.files.storage import FileSystemStorage, storages


@register(Tags.files, deploy=True)
def media_folder_is_writable(app_configs, **kwargs):
    """With images kept on this server, the folder (or the nearest folder above it, which makes it) is writable."""
    storage = storages["default"]
    if not isinstance(storage, FileSystemStorage):
        return []  # a bucket: django-storages reports its own errors on first use
    folder = Path(storage.location)
    existing = next(path for path in (folder, *folder.parents) if path.exists())
    if existing.is_dir() and os.access(existing, os.W_OK | os.X_OK):
        return []
    return [
        Error(
            f"The image library cannot keep files in {folder}: it cannot be written.",
            hint=(
                "Set DJANGO_MEDIA_ROOT to a folder the site can write (under systemd: /var/lib/clinic/media), "
                "or MEDIA_S3_BUCKET to the clinic's bucket."
            ),
            id="media_library.E001",
        )
    ]
