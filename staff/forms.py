"""The forms of a staff member's own account pages (the enrolment steps and new recovery codes), and the admin's
content search.

Every answer here is for someone who already holds a credential (the enrolment link, or a signed-in session
with a second factor), so it may say exactly what was wrong with a code. The sign-in page may not
(staff.sign_in_forms).
"""

from django import forms
from django.contrib.auth.forms import SetPasswordForm

from content.search import MAX_QUERY_LENGTH

from . import services

CODE_REQUIRED = "Type the 6-digit code your authenticator app shows for this account."
NOT_AN_APP_CODE = (
    "This step needs the 6-digit code from your authenticator app, not a recovery code: "
    "you receive new recovery codes after this step."
)
APP_CODE_SHAPE = "An app code has 6 digits. Type the one your app shows now."
APP_CODE_WRONG = (
    "That code is not right. Codes change every 30 seconds: type the one your app shows now. If it still does "
    "not work, check that your phone sets its clock automatically, or scan the QR code again."
)
PASSWORD_WRONG = "That is not the password you chose with this link. {tries} left before the link stops working."
ANY_CODE_REQUIRED = "Type the code your authenticator app shows now, or one of your recovery codes."
SIGNED_IN_CODE_ANSWERS = {
    services.CodeCheck.APP_CODE_WRONG: (
        "That app code is not right. Codes change every 30 seconds: type the one your app shows now."
    ),
    services.CodeCheck.RECOVERY_CODE_USED: (
        "That recovery code has already been used: each one works only once. Type the code your app shows now, "
        "or a recovery code you have not used."
    ),
    services.CodeCheck.RECOVERY_CODE_UNKNOWN: (
        "That is not one of your recovery codes. Codes from an earlier set stop working when a new set is made."
    ),
}


def _code_widget(**attrs: str) -> forms.TextInput:
    return forms.TextInput(
        attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false", **attrs}
    )


class ChoosePasswordForm(SetPasswordForm):
    """The new member's password, twice, checked by the site's password rules (AUTH_PASSWORD_VALIDATORS)."""

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields["new_password1"].label = "Choose a password"
        self.fields["new_password2"].label = "Type it again"
        self.fields["new_password2"].help_text = ""


class ContinuePasswordForm(forms.Form):
    """The password the member chose earlier with this link, to go on in another browser."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        help_text="The password you chose when you first opened this link.",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class AppCodeForm(forms.Form):
    """The code the newly set up authenticator app shows: proof that it was set up right."""

    code = forms.CharField(
        label="Code from the app",
        max_length=32,
        error_messages={"required": CODE_REQUIRED},
        widget=_code_widget(inputmode="numeric"),
    )

    def clean_code(self) -> str:
        code = services.normalised_code(self.cleaned_data["code"])
        if not services.APP_CODE.match(code):
            raise forms.ValidationError(APP_CODE_SHAPE if code.isdigit() else NOT_AN_APP_CODE, code="shape")
        return code


class ProveCodeForm(forms.Form):
    """A signed-in member proves a code again (app or recovery) before making new recovery codes."""

    code = forms.CharField(
        label="Authentication code",
        max_length=32,
        help_text="The 6-digit code from your authenticator app, or one of your recovery codes.",
        error_messages={"required": ANY_CODE_REQUIRED},
        widget=_code_widget(),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        answer = services.check_code(user=self.user, code=code)
        if answer is not services.CodeCheck.RIGHT:
            raise forms.ValidationError(SIGNED_IN_CODE_ANSWERS[answer], code=answer.value)
        return code


class ContentSearchForm(forms.Form):
    """The words to find in all content (content.search), sent in the address (GET): they are content's words.
    Drawn by admin/staff/content_search_form.html, which names its help and error for screen readers."""

    q = forms.CharField(
        label="Words to find",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        strip=True,
        error_messages={"max_length": f"Search for at most {MAX_QUERY_LENGTH} characters: a few words are enough."},
        help_text=(
            "Every word you type must be in what is found, in English or Spanish. Capitals and accents do not "
            "matter (“clinica” finds “Clínica”). Put words in quotes to find them together."
        ),
    )
