from django.db import migrations

from staff.roles import sync_roles


def notes_to_log(apps, schema_editor):
    """Each entry's old notes box becomes the first line of its contact log, dated when the entry last changed."""
    IntakeRequest = apps.get_model("waitlist", "IntakeRequest")
    ContactAttempt = apps.get_model("waitlist", "ContactAttempt")
    ContactAttempt.objects.bulk_create(
        ContactAttempt(request=entry, outcome="note", note=entry.staff_notes, made_at=entry.updated_at)
        for entry in IntakeRequest.objects.exclude(staff_notes="")
    )


def log_to_notes(apps, schema_editor):
    IntakeRequest = apps.get_model("waitlist", "IntakeRequest")
    for entry in IntakeRequest.objects.filter(contact_attempts__isnull=False).distinct():
        lines = [f"{a.made_at:%Y-%m-%d} {a.outcome}: {a.note}" for a in entry.contact_attempts.order_by("made_at")]
        IntakeRequest.objects.filter(pk=entry.pk).update(staff_notes="\n".join(lines))


class Migration(migrations.Migration):
    dependencies = [
        ("waitlist", "0006_intake_kinds_and_contact_log"),
        # Syncing the roles after every content app exists, so the result does not depend on migration order.
        ("sitetext", "0001_site_text"),
    ]

    operations = [
        migrations.RunPython(notes_to_log, log_to_notes),
        migrations.RemoveField(model_name="historicalintakerequest", name="staff_notes"),
        migrations.RemoveField(model_name="intakerequest", name="staff_notes"),
        # The renamed and new models get their permission names; coordinators get them.
        migrations.RunPython(sync_roles, migrations.RunPython.noop),
    ]
