"""On PostgreSQL the table itself refuses UPDATE, and DELETE of any entry not yet six years old.

Why age, not a switch the retention job turns on (a session variable): a switch is one more thing any code
on the connection could turn on, while the age rule holds whoever connects and needs nothing of the job but
to delete only old entries (access_record.services.purge_expired_entries). It guards against the
application's own mistakes and a misused admin; a database owner can still drop the trigger, which is what
database permissions and the database's own audit are for. TRUNCATE is not refused: the test suite empties
tables with it. SQLite gets no trigger (one app server, and its tests empty tables with DELETE).
"""

from django.db import migrations

from staff.roles import sync_roles

TABLE = "access_record_accessentry"
CREATE = f"""
CREATE FUNCTION access_record_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND OLD.at < now() - interval '6 years' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'The access record is append-only: % refused (only entries over 6 years old may be deleted)',
        TG_OP USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER access_record_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION access_record_append_only();
"""
DROP = f"""
DROP TRIGGER IF EXISTS access_record_append_only ON {TABLE};
DROP FUNCTION IF EXISTS access_record_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)  # no placeholders: RAISE uses % itself


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("access_record", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_trigger, drop_trigger),
        migrations.RunPython(sync_roles, migrations.RunPython.noop),
    ]
