import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from staff.roles import CLINICAL_REVIEWERS, CONTENT_EDITORS, INTAKE_COORDINATORS, PRIVACY_OFFICERS

LOCAL_ACCOUNTS = [
    ("admin", None, "superuser"),
    ("editor", CONTENT_EDITORS, "content editor"),
    ("reviewer", CLINICAL_REVIEWERS, "clinical reviewer"),
    ("coordinator", INTAKE_COORDINATORS, "intake coordinator"),
    ("privacy", PRIVACY_OFFICERS, "privacy officer"),  # reads the access record, erases a person who asks
]
# The name a published clinical review shows on the page ("Reviewed by … on …").
LOCAL_FULL_NAMES = {"reviewer": ("Local", "Reviewer")}


class Command(BaseCommand):
    help = "Local development only: create or reset staff logins with a fresh password and print them."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("create_local_staff only runs with DJANGO_DEBUG=true.")
        password = secrets.token_urlsafe(12)
        User = get_user_model()
        for username, group_name, _ in LOCAL_ACCOUNTS:
            user, _ = User.objects.get_or_create(username=username)
            user.is_staff = True
            user.is_superuser = group_name is None
            user.first_name, user.last_name = LOCAL_FULL_NAMES.get(username, (user.first_name, user.last_name))
            user.set_password(password)
            user.save()
            if group_name:
                user.groups.set([Group.objects.get(name=group_name)])
        admin_url = f"http://127.0.0.1:8000/{settings.ADMIN_URL}"
        self.stdout.write(self.style.SUCCESS(f"\nStaff admin: {admin_url}"))
        for username, _, role in LOCAL_ACCOUNTS:
            self.stdout.write(f"  {role:<20} username: {username:<12} password: {password}")
        self.stdout.write("These local logins are reset every time `make run` starts.")
        if settings.ADMIN_REQUIRE_2FA:
            self.stdout.write(
                "A second factor is required (DJANGO_ADMIN_REQUIRE_2FA=true): set one up for each login with "
                "`.venv/bin/python manage.py enrol_staff_2fa USERNAME`.\n"
            )
        else:
            self.stdout.write(
                "Second factor: not required in debug mode, so these logins need only the password. "
                "Production also asks for a code from an authenticator app (README: Staff accounts).\n"
            )
