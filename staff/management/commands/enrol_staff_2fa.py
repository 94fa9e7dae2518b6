"""Set up (or replace) a staff member's second factor: an authenticator app and ten recovery codes."""

import io

import segno
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from staff import accounts as staff_accounts


class Command(BaseCommand):
    help = (
        "Give a staff user an authenticator-app secret (printed as an otpauth:// link and a QR code) and "
        "ten one-time recovery codes. --reset replaces existing ones, e.g. after a lost phone."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--reset", action="store_true", help="replace the user's app and recovery codes")
        parser.add_argument("--no-qr", action="store_true", help="print the otpauth:// link only, no QR code")

    def handle(self, *args, username, reset, no_qr, **options):
        User = get_user_model()
        try:
            user = User._default_manager.get_by_natural_key(username)
        except User.DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        if not user.is_staff:
            raise CommandError(f"{username!r} is not a staff account; give it staff status first.")
        try:
            enrolment = staff_accounts.enrol(user=user, reset=reset)
        except staff_accounts.AlreadyEnrolled:
            raise CommandError(
                f"{username!r} already has a second factor. Use --reset to replace it "
                "(their old app codes and recovery codes stop working)."
            ) from None

        write = self.stdout.write
        write(self.style.SUCCESS(f"Second factor {'replaced' if reset else 'set up'} for {username}."))
        write("\n1. In an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password...), add an")
        write("   account by scanning this QR code, or by opening or pasting this link:\n")
        write(f"   {enrolment.config_url}\n")
        if not no_qr:
            qr_code = io.StringIO()  # whole, since self.stdout would end each of segno's writes with a newline
            segno.make(enrolment.config_url, error="m").terminal(out=qr_code, compact=True)
            write(qr_code.getvalue(), ending="")
        write("2. Recovery codes: each works once, instead of an app code. Print them or keep them in a")
        write("   password manager, away from the phone:\n")
        for code in enrolment.recovery_codes:
            write(f"   {code}")
        write("\nThe link, QR code and recovery codes are shown only now; they are credentials, so do not")
        write("email them or keep this output. Run again with --reset to replace them.")
