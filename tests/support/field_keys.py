"""The fixed keys of encryption at rest in tests, so any test process can read a database another one wrote."""

TEST_FIELD_KEYS = {
    "DJANGO_FIELD_ENCRYPTION_KEYS": "dGVzdHMtb25seS1maWVsZC1lbmNyeXB0aW9uLWtleSE=",
    "DJANGO_FIELD_HASH_KEY": "tests-only-field-hash-key-" + "h" * 20,
}
