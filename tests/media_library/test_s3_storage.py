"""The library on S3-compatible object storage (django-storages), against moto's local S3 server: an upload through
the admin lands in the bucket cleaned and private, the site serves it itself with its cache headers, and a deletion
empties the bucket. Production refuses an unsafe bucket configuration."""

import secrets
import socket
import uuid

import pytest
from django.core.files.storage import storages
from django.urls import reverse

from clinic_site.media_storage import s3_storage
from media_library.models import Image
from media_library.selectors import file_url
from media_library.services import STORAGE_DOWN
from tests.clinic_site.test_foundation_settings import PRODUCTION_ENV, run_django
from tests.markup import soup
from tests.media_library.admin_forms import field_errors, upload
from tests.media_library.pictures import camera_jpeg, metadata_of

moto_server = pytest.importorskip("moto.server", reason="moto[server] (a test dependency) is not installed")
boto3 = pytest.importorskip("boto3")

pytestmark = pytest.mark.django_db
KEYS = {"access_key": "media-test-key", "secret_key": "media-test-secret", "region": "us-east-1"}


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3-compatible server in a thread of this process, on a free port of this machine."""
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(settings, s3_endpoint):
    """A new bucket, made the site's default storage as MEDIA_S3_BUCKET and MEDIA_S3_ENDPOINT_URL would; its client."""
    name = f"clinic-media-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id=KEYS["access_key"],
        aws_secret_access_key=KEYS["secret_key"],
        region_name=KEYS["region"],
    )
    client.create_bucket(Bucket=name)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_storage(bucket=name, endpoint_url=s3_endpoint, prefix="site", **KEYS),
    }
    client.bucket_name = name
    return client


def keys_in(bucket):
    return sorted(item["Key"] for item in bucket.list_objects_v2(Bucket=bucket.bucket_name).get("Contents", []))


def test_an_upload_lands_in_the_bucket_cleaned_private_and_named_by_content(
    editor, client, bucket, django_capture_on_commit_callbacks
):
    assert type(storages["default"]).__name__ == "S3Storage"
    response = upload(editor, camera_jpeg())
    assert response.status_code == 302, field_errors(soup(response), "upload")
    image = Image.objects.get()
    assert keys_in(bucket) == sorted(f"site/{name}" for name in image.stored_names())

    for name in image.stored_names():
        stored = bucket.get_object(Bucket=bucket.bucket_name, Key=f"site/{name}")
        found = metadata_of(stored["Body"].read())
        assert found["exif"] == {} and found["gps"] == {} and found["xmp"] is None, name
        assert stored["CacheControl"] == "public, max-age=31536000, immutable"
        grants = bucket.get_object_acl(Bucket=bucket.bucket_name, Key=f"site/{name}")["Grants"]
        assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]  # the owner's only: nobody reads it

    # Pages link to the site, which reads the bucket: no visitor's browser ever asks the bucket.
    rendition = image.renditions[0]
    served = client.get(file_url(rendition["name"]))
    assert served.status_code == 200 and served["Cache-Control"] == "public, max-age=31536000, immutable"
    body = b"".join(served.streaming_content)
    assert body == bucket.get_object(Bucket=bucket.bucket_name, Key=f"site/{rendition['name']}")["Body"].read()
    assert client.get(file_url(rendition["name"].replace(rendition["name"][7:27], "0" * 20))).status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(reverse("admin:media_library_image_delete", args=[image.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert keys_in(bucket) == []


def test_a_bucket_that_does_not_answer_gets_an_error_next_to_the_field_and_a_503_for_its_files(
    editor, client, settings, s3_endpoint
):
    """Nothing listens where the bucket should be: the editor is told next to the picture and nothing is kept; a
    page's image answers 503 (the page itself does not touch the storage)."""
    with socket.socket() as probe:  # a port of this machine nobody listens on
        probe.bind(("127.0.0.1", 0))
        nowhere = f"http://127.0.0.1:{probe.getsockname()[1]}"
    settings.STORAGES = {**settings.STORAGES, "default": s3_storage(bucket="gone", endpoint_url=nowhere, **KEYS)}

    response = upload(editor, camera_jpeg())
    assert response.status_code == 200
    assert field_errors(soup(response), "upload") == [STORAGE_DOWN]
    assert not Image.objects.exists()

    missing = client.get(file_url(f"images/{'0' * 20}-640w.webp"))
    assert missing.status_code == 503 and missing["Cache-Control"] == "no-store"


PRODUCTION_BUCKET = {**PRODUCTION_ENV, "MEDIA_S3_BUCKET": "clinic-media"}
SHOW_STORAGE = (
    "from django.core.files.storage import storages; s = storages['default']; "
    "print(type(s).__name__, s.bucket_name, s.endpoint_url, s.default_acl)"
)


def test_production_uses_the_bucket_when_it_is_named():
    env = {**PRODUCTION_BUCKET, "MEDIA_S3_ENDPOINT_URL": "https://s3.example.org"}
    result = run_django(["manage.py", "shell", "--no-imports", "-c", SHOW_STORAGE], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["S3Storage", "clinic-media", "https://s3.example.org", "private"]
    show_kind = "from django.core.files.storage import storages; print(type(storages['default']).__name__)"
    result = run_django(["manage.py", "shell", "--no-imports", "-c", show_kind], PRODUCTION_ENV)
    assert result.stdout.split() == ["FileSystemStorage"]  # without a bucket: the folder MEDIA_ROOT


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        ({"MEDIA_S3_ENDPOINT_URL": "http://s3.example.org"}, "MEDIA_S3_ENDPOINT_URL"),
        ({"MEDIA_S3_ACCESS_KEY_ID": "only-the-key"}, "MEDIA_S3_SECRET_ACCESS_KEY"),
        ({"MEDIA_S3_SECRET_ACCESS_KEY": secrets.token_hex(8)}, "MEDIA_S3_ACCESS_KEY_ID"),
    ],
    ids=["plain-http", "key-without-secret", "secret-without-key"],
)
def test_production_refuses_an_unsafe_bucket_configuration(extra, named):
    result = run_django(["manage.py", "check"], {**PRODUCTION_BUCKET, **extra})
    assert result.returncode != 0
    assert named in result.stderr
