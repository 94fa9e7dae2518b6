"""The encrypted backup file: a stream of AES-256-GCM chunks, so a dump of any size is never held in memory.

Layout (all integers big-endian):

    magic        b"CLINICBACKUP"  12 bytes
    version      1                 1 byte
    kind         b"S" SQLite file, b"P" pg_dump custom format   1 byte
    salt         random            16 bytes
    key check    HKDF(key, salt, "check")  16 bytes: tells a wrong key apart from a damaged file
    then chunks:  length of the ciphertext (4 bytes), ciphertext (plaintext of at most 1 MiB + 16-byte tag)

Each file has its own AES key, HKDF-SHA256(DJANGO_BACKUP_KEY, salt). Chunk n (from 0) is sealed with the
nonce n (11 bytes) + a final-chunk flag (1 byte) and the header as associated data (the STREAM construction),
so chunks cannot be reordered, dropped, or cut off after a chunk: the last chunk is flagged, and an empty
backup is still one flagged empty chunk.
"""

import base64
import binascii
import hmac
import struct
from collections.abc import Iterable, Iterator
from typing import IO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"CLINICBACKUP"
VERSION = 1
KINDS = {b"S": "sqlite", b"P": "postgresql"}
CHUNK_SIZE = 1024 * 1024
_TAG = 16
_HEADER = struct.Struct(">12sB1s16s16s")
_LENGTH = struct.Struct(">I")


class BackupKeyError(Exception):
    """DJANGO_BACKUP_KEY is missing, malformed, or not the key a backup was made with."""


class DamagedBackupError(Exception):
    """The file is not a backup of this site, or was changed or cut off after it was made."""


def parse_key(text: str) -> bytes:
    """The 32-byte key from its URL-safe base64 form (as `manage.py backup_database --new-key` prints)."""
    try:
        key = base64.urlsafe_b64decode(text.strip().encode("ascii"))
    except (binascii.Error, ValueError, UnicodeEncodeError):
        key = b""
    if len(key) != 32:
        raise BackupKeyError("DJANGO_BACKUP_KEY must be 32 random bytes in URL-safe base64 (44 characters).")
    return key


def new_key() -> str:
    return base64.urlsafe_b64encode(AESGCM.generate_key(bit_length=256)).decode("ascii")


def _derive(key: bytes, salt: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"clinic-backup " + purpose).derive(key)


def _nonce(counter: int, *, final: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if final else b"\x00")


def encrypt_stream(*, chunks: Iterable[bytes], key: bytes, kind: str, salt: bytes, output: IO[bytes]) -> int:
    """Write the encrypted form of the byte stream `chunks` to `output`; returns the bytes written."""
    kind_byte = next(code for code, name in KINDS.items() if name == kind)
    header = _HEADER.pack(MAGIC, VERSION, kind_byte, salt, _derive(key, salt, b"check")[:16])
    cipher = AESGCM(_derive(key, salt, b"encrypt"))
    output.write(header)
    written = len(header)
    counter = 0
    pending: bytes | None = None
    for piece in _rechunk(chunks):  # a chunk is sealed once the next one exists, so the last one is flagged
        if pending is not None:
            written += _write_chunk(output, cipher.encrypt(_nonce(counter, final=False), pending, header))
            counter += 1
        pending = piece
    written += _write_chunk(output, cipher.encrypt(_nonce(counter, final=True), pending or b"", header))
    return written


def _rechunk(chunks: Iterable[bytes]) -> Iterator[bytes]:
    buffer = bytearray()
    for piece in chunks:
        buffer += piece
        while len(buffer) >= CHUNK_SIZE:
            yield bytes(buffer[:CHUNK_SIZE])
            del buffer[:CHUNK_SIZE]
    if buffer:
        yield bytes(buffer)


def _write_chunk(output: IO[bytes], sealed: bytes) -> int:
    output.write(_LENGTH.pack(len(sealed)))
    output.write(sealed)
    return _LENGTH.size + len(sealed)


def read_kind(*, source: IO[bytes], key: bytes) -> str:
    """What the backup holds ("sqlite" or "postgresql"), once its header shows it was made with `key`;
    leaves `source` at the start."""
    header = source.read(_HEADER.size)
    source.seek(0)
    kind, salt, check = _parse_header(header)
    _check_key(key=key, salt=salt, check=check)
    return kind


def _check_key(*, key: bytes, salt: bytes, check: bytes) -> None:
    if not hmac.compare_digest(_derive(key, salt, b"check")[:16], check):
        raise BackupKeyError(
            "Wrong key: DJANGO_BACKUP_KEY is not the key this backup was made with. Nothing was restored."
        )


def _parse_header(header: bytes) -> tuple[str, bytes, bytes]:
    if len(header) != _HEADER.size:
        raise DamagedBackupError("This is not a backup made by backup_database (the file is too short).")
    magic, version, kind_byte, salt, check = _HEADER.unpack(header)
    if magic != MAGIC or kind_byte not in KINDS:
        raise DamagedBackupError("This is not a backup made by backup_database.")
    if version != VERSION:
        raise DamagedBackupError(f"This backup has format version {version}; this code reads version {VERSION}.")
    return KINDS[kind_byte], salt, check


def decrypt_stream(*, source: IO[bytes], key: bytes) -> Iterator[bytes]:
    """The plaintext of a backup, chunk by chunk, each one verified before it is given out."""
    header = source.read(_HEADER.size)
    _kind, salt, check = _parse_header(header)
    _check_key(key=key, salt=salt, check=check)
    cipher = AESGCM(_derive(key, salt, b"encrypt"))
    counter = 0
    while True:
        length_bytes = source.read(_LENGTH.size)
        if len(length_bytes) < _LENGTH.size:
            raise DamagedBackupError("The backup is cut off: its last part is missing.")
        (length,) = _LENGTH.unpack(length_bytes)
        if length > CHUNK_SIZE + _TAG:
            raise DamagedBackupError("The backup is damaged (a part has an impossible length).")
        sealed = source.read(length)
        final = _at_end(source)
        try:
            plain = cipher.decrypt(_nonce(counter, final=final), sealed, header)
        except InvalidTag:
            raise DamagedBackupError("The backup is damaged or was changed after it was made.") from None
        yield plain
        if final:
            return
        counter += 1


def _at_end(source: IO[bytes]) -> bool:
    position = source.tell()
    at_end = source.read(1) == b""
    source.seek(position)
    return at_end
