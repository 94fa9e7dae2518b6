from django.core.management import call_command
from django.core.management.base import BaseCommand

from jobs.services import schedule_routine_jobs


class Command(BaseCommand):
    help = "Run the task worker: owed emails and the routine jobs (make serve and production run it)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Run what is due now, then stop.")

    def handle(self, *args, batch, **options):
        schedule_routine_jobs()
        call_command("db_worker", batch=batch, interval=1.0, verbosity=options["verbosity"])
