"""Issue 22.9: the queue's search finds a phone number written in part, "555-0177" or "0177", through a keyed hash
of the number's last seven digits and one of its last four (intake.matching.phone_tail_hashes), filled here for the
requests already stored. Reading their numbers needs DJANGO_FIELD_ENCRYPTION_KEYS, as every page does."""

from django.db import migrations, models

from intake import matching


def fill_phone_tail_hashes(apps, schema_editor):
    IntakeRequest = apps.get_model("waitlist", "IntakeRequest")
    for request in IntakeRequest.objects.only("pk", "phone").iterator():
        IntakeRequest.objects.filter(pk=request.pk).update(phone_tail_hashes=matching.phone_tail_hashes(request.phone))


class Migration(migrations.Migration):
    dependencies = [
        ("waitlist", "0010_patient_withdrawal_erasure_and_stale_requests"),
    ]

    operations = [
        migrations.AddField(
            model_name="intakerequest",
            name="phone_tail_hashes",
            field=models.TextField(
                blank=True,
                editable=False,
                help_text="A hash of the phone number's last seven digits and one of its last four.",
            ),
        ),
        migrations.RunPython(fill_phone_tail_hashes, migrations.RunPython.noop),
    ]
