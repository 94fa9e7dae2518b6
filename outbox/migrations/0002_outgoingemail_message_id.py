from django.db import migrations, models

from outbox.services import new_message_id


def give_each_email_a_message_id(apps, schema_editor):
    OutgoingEmail = apps.get_model("outbox", "OutgoingEmail")
    for email in OutgoingEmail.objects.filter(message_id="").only("pk"):
        OutgoingEmail.objects.filter(pk=email.pk).update(message_id=new_message_id())


class Migration(migrations.Migration):
    dependencies = [("outbox", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="outgoingemail",
            name="message_id",
            field=models.CharField(
                default="", editable=False, help_text="The Message-ID header of every try.", max_length=255
            ),
            preserve_default=False,
        ),
        migrations.RunPython(give_each_email_a_message_id, migrations.RunPython.noop),
    ]
