"""Issue 21, erasure and retention.

- A request the patient withdrew with their own link (withdrawn_at set) stays withdrawn: a check constraint.
  A site where staff reopened such a request before this rule existed gets it back to withdrawn first, as the
  patient asked (its updated_at is left alone, so retention counts from the last real change).
- Privacy officers (and superusers) may erase a person: a permission, given by the roles (staff.roles).
- stale_since: when the daily retention job found an open request with no activity for WAITLIST_STALE_DAYS.
"""

from django.db import migrations, models

from staff.roles import sync_roles


def back_to_withdrawn(apps, schema_editor):
    IntakeRequest = apps.get_model("waitlist", "IntakeRequest")
    IntakeRequest.objects.filter(withdrawn_at__isnull=False).exclude(status="withdrawn").update(status="withdrawn")


class Migration(migrations.Migration):
    dependencies = [
        ("outbox", "0003_encrypted_contact_details"),
        ("treatments", "0008_shipped_words"),
        ("waitlist", "0009_encrypted_contact_details"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="intakerequest",
            options={
                "ordering": ["created_at"],
                "permissions": [
                    ("erase_intakerequest", "Can erase a person: every request, its history and emails")
                ],
                "verbose_name": "intake request",
                "verbose_name_plural": "intake requests",
            },
        ),
        migrations.RunPython(sync_roles, migrations.RunPython.noop),
        migrations.AddField(
            model_name="intakerequest",
            name="stale_since",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(back_to_withdrawn, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="intakerequest",
            constraint=models.CheckConstraint(
                condition=models.Q(("withdrawn_at__isnull", True), ("status", "withdrawn"), _connector="OR"),
                name="intake_patient_withdrawal_stays_withdrawn",
                violation_error_message="The patient withdrew this request with their own link, so it stays withdrawn.",
            ),
        ),
    ]
