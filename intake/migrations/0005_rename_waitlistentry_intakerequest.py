from django.db import migrations


class Migration(migrations.Migration):
    """Waitlist entries become intake requests: one table for waitlist places and call-backs."""

    dependencies = [
        ("waitlist", "0004_phone_e164_field"),
        ("outbox", "0001_initial"),
        ("treatments", "0001_initial"),
    ]

    operations = [
        migrations.RenameModel("WaitlistEntry", "IntakeRequest"),
        migrations.RenameModel("HistoricalWaitlistEntry", "HistoricalIntakeRequest"),
    ]
