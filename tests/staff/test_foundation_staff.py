"""Admin location, brute-force lockout and the two staff roles."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.urls import reverse

from clinic.models import LegalPage
from staff import accounts as staff_accounts
from staff.roles import CLINICAL_REVIEWERS, CONTENT_EDITORS, INTAKE_COORDINATORS, PRIVACY_OFFICERS
from tests.staff.second_factor import current_code

pytestmark = pytest.mark.django_db
ADMIN = f"/{settings.ADMIN_URL}"


def enrolled_staffer(username="staffer"):
    """A staff user with the password "the-right-password-123" and an authenticator app; returns its TOTP device."""
    user = User.objects.create_user(username=username, password="the-right-password-123", is_staff=True)
    return staff_accounts.enrol(user=user).totp_device


def right_login(device):
    return {"username": device.user.username, "password": "the-right-password-123", "otp_token": current_code(device)}


def wrong_login(username):
    """A wrong password with a code: the form checks nothing until all three fields are filled in."""
    return {"username": username, "password": "wrong", "otp_token": "000000"}


def test_admin_lives_at_the_configured_path(client):
    assert reverse("admin:index") == ADMIN
    response = client.get(ADMIN)
    assert response.status_code == 302 and response["Location"].startswith(f"{ADMIN}login/")


def test_admin_login_locks_out_after_repeated_failures(client):
    device = enrolled_staffer()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(f"{ADMIN}login/", wrong_login("staffer"))
        assert response.status_code == 200
    assert client.post(f"{ADMIN}login/", wrong_login("staffer")).status_code == 429
    response = client.post(f"{ADMIN}login/", right_login(device))
    assert response.status_code == 429
    assert "Sign-in is locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_admin_login_still_works_below_the_limit(client):
    device = enrolled_staffer()
    client.post(f"{ADMIN}login/", wrong_login("staffer"))
    response = client.post(f"{ADMIN}login/", right_login(device))
    assert response.status_code == 302
    assert client.session["_auth_user_id"]
    assert client.get(ADMIN).status_code == 200


def test_roles_are_created_by_migrations_with_disjoint_permissions():
    editor_apps = set(
        Group.objects.get(name=CONTENT_EDITORS).permissions.values_list("content_type__app_label", flat=True)
    )
    coordinator_apps = set(
        Group.objects.get(name=INTAKE_COORDINATORS).permissions.values_list("content_type__app_label", flat=True)
    )
    assert editor_apps == {"sitetext", "clinic", "treatments", "financing", "publishing", "media_library", "team"}
    assert coordinator_apps == {"waitlist", "booking"}


def test_clinical_reviewers_change_content_and_alone_may_publish_what_needs_a_review():
    reviewers = Group.objects.get(name=CLINICAL_REVIEWERS).permissions
    editors = Group.objects.get(name=CONTENT_EDITORS).permissions
    assert set(reviewers.values_list("content_type__app_label", flat=True)) == {
        "sitetext", "clinic", "treatments", "financing", "publishing", "media_library", "team"
    }  # fmt: skip
    assert reviewers.filter(codename__in=["change_treatment", "view_legalpage"]).count() == 2
    assert not reviewers.filter(codename__in=["add_treatment", "delete_treatment"]).exists()
    assert reviewers.filter(codename="review_pagechange").exists()
    assert not editors.filter(codename="review_pagechange").exists()


def test_content_editor_can_edit_legal_pages_and_clinic_details(initial_content, staff_client):
    client = staff_client(CONTENT_EDITORS)
    assert client.get(reverse("admin:clinic_legalpage_changelist")).status_code == 200
    page_url = reverse("admin:clinic_legalpage_change", args=[LegalPage.objects.get(kind="privacy").pk])
    assert client.get(page_url).status_code == 200
    assert client.get(reverse("admin:clinic_clinicdetails_changelist")).status_code == 200


def test_intake_coordinator_cannot_edit_site_content(initial_content, staff_client):
    client = staff_client(INTAKE_COORDINATORS)
    assert client.get(reverse("admin:clinic_legalpage_changelist")).status_code == 403
    assert client.get(reverse("admin:clinic_clinicdetails_changelist")).status_code == 403


def test_local_staff_logins_are_only_made_in_debug_mode(settings):
    import io

    from django.core.management import CommandError, call_command

    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("create_local_staff", stdout=io.StringIO())
    assert not User.objects.exists()

    settings.DEBUG = True
    output = io.StringIO()
    call_command("create_local_staff", stdout=output)
    call_command("create_local_staff", stdout=output)  # again, as every `make run` does
    assert User.objects.count() == 5
    assert set(User.objects.get(username="editor").groups.values_list("name", flat=True)) == {CONTENT_EDITORS}
    reviewer = User.objects.get(username="reviewer")
    assert set(reviewer.groups.values_list("name", flat=True)) == {CLINICAL_REVIEWERS}
    assert reviewer.get_full_name() == "Local Reviewer"  # the name a published review shows
    assert set(User.objects.get(username="coordinator").groups.values_list("name", flat=True)) == {INTAKE_COORDINATORS}
    assert set(User.objects.get(username="privacy").groups.values_list("name", flat=True)) == {PRIVACY_OFFICERS}
    assert User.objects.get(username="admin").is_superuser
    assert "password:" in output.getvalue()
    assert "A second factor is required" in output.getvalue()  # these test settings are production's


def test_local_staff_command_says_when_no_second_factor_is_needed(settings):
    import io

    from django.core.management import call_command

    settings.DEBUG = True
    settings.ADMIN_REQUIRE_2FA = False
    output = io.StringIO()
    call_command("create_local_staff", stdout=output)
    assert "Second factor: not required in debug mode" in output.getvalue()


def test_failures_from_many_addresses_never_lock_a_colleague_out(client, settings):
    """Behind one proxy: six wrong passwords for X from six addresses, then X signs in from a seventh."""
    settings.PROXY_COUNT = 1
    device = enrolled_staffer("colleague")
    for number in range(6):
        response = client.post(
            f"{ADMIN}login/",
            wrong_login("colleague"),
            HTTP_X_FORWARDED_FOR=f"1.2.3.4, 198.51.100.{number + 1}",
        )
        assert response.status_code == 200  # each address has failed once: nobody is locked
    response = client.post(f"{ADMIN}login/", right_login(device), HTTP_X_FORWARDED_FOR="203.0.113.77")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(username="colleague").pk)


def test_one_address_guessing_many_accounts_is_locked_out(client, settings):
    settings.PROXY_COUNT = 1
    device = enrolled_staffer()
    guesser = {"HTTP_X_FORWARDED_FOR": "198.51.100.66"}
    for number in range(settings.AXES_FAILURE_LIMIT):
        client.post(f"{ADMIN}login/", wrong_login(f"guess-{number}"), **guesser)
    # The address is locked, even for an account it never tried and the right password.
    response = client.post(f"{ADMIN}login/", right_login(device), **guesser)
    assert response.status_code == 429 and "_auth_user_id" not in client.session
    # Forging a different address on the left of the header does not help: the proxy's entry counts.
    spoofed = {"HTTP_X_FORWARDED_FOR": "203.0.113.5, 198.51.100.66"}
    assert client.post(f"{ADMIN}login/", right_login(device), **spoofed).status_code == 429
    # The same account from anywhere else is fine.
    elsewhere = {"HTTP_X_FORWARDED_FOR": "203.0.113.77"}
    assert client.post(f"{ADMIN}login/", right_login(device), **elsewhere).status_code == 302
