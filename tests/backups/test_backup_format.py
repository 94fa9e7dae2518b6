"""The encrypted file format (backups/encryption.py): streamed in chunks, and any change is detected."""

import io

import pytest

from backups import encryption
from backups.encryption import BackupKeyError, DamagedBackupError, decrypt_stream, encrypt_stream, new_key, parse_key


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    monkeypatch.setattr(encryption, "CHUNK_SIZE", 64)


KEY = parse_key(new_key())


def encrypted(data, *, pieces=7):
    output = io.BytesIO()
    chunks = [data[start : start + pieces] for start in range(0, len(data), pieces)]
    encrypt_stream(chunks=chunks, key=KEY, kind="sqlite", salt=b"s" * 16, output=output)
    return output.getvalue()


def decrypted(raw, key=KEY):
    return b"".join(decrypt_stream(source=io.BytesIO(raw), key=key))


@pytest.mark.parametrize("size", [0, 1, 63, 64, 65, 640, 1000])
def test_round_trip_of_any_size(size):
    data = bytes(range(256)) * 4
    data = data[:size]
    raw = encrypted(data)
    assert decrypted(raw) == data
    assert len(raw) < size + 100 + 20 * (size // 64 + 1)  # streamed: chunk overhead only


def test_a_wrong_key_says_so():
    with pytest.raises(BackupKeyError, match="Wrong key"):
        decrypted(encrypted(b"x" * 200), key=parse_key(new_key()))


def test_a_cut_off_backup_is_refused():
    raw = encrypted(b"x" * 640)
    last_chunk_starts = len(raw) - (4 + 16 + 64)
    for cut in (raw[:last_chunk_starts], raw[:-1], raw[:50]):
        with pytest.raises(DamagedBackupError):
            decrypted(cut)


def test_a_changed_or_extended_backup_is_refused():
    raw = bytearray(encrypted(b"x" * 300))
    raw[120] ^= 1
    with pytest.raises(DamagedBackupError, match="damaged or was changed"):
        decrypted(bytes(raw))
    with pytest.raises(DamagedBackupError):
        decrypted(encrypted(b"x" * 300) + b"more")


def test_something_else_is_not_taken_for_a_backup():
    with pytest.raises(DamagedBackupError, match="not a backup"):
        decrypted(b"SQLite format 3\x00" + b"\x00" * 100)


@pytest.mark.parametrize("text", ["", "short", "a" * 44, "!" * 44])
def test_a_malformed_key_is_refused(text):
    with pytest.raises(BackupKeyError, match="32 random bytes"):
        parse_key(text)
