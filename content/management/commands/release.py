import io

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Everything a new release needs before its processes start, in one process: migrate the database, load "
        "the initial content (never overwriting staff's words) and collect the static files. Safe to run again."
    )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=verbosity, stdout=self.stdout)
        call_command("load_initial_content", stdout=self.stdout if verbosity else io.StringIO())
        call_command("collectstatic", interactive=False, verbosity=verbosity, stdout=self.stdout)
