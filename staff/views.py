from typing import cast

from django.contrib import admin
from django.contrib.auth.models import User
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from content.search import search_content

from . import accounts, forms, idle_sign_out, services
from .admin_site import ClinicAdminSite
from .models import EnrolmentLink


@never_cache
@require_http_methods(["GET", "POST"])
@idle_sign_out.not_activity
def session_time_left(request):
    """For the admin's idle warning: GET answers the seconds left without refreshing them; POST ("Stay signed
    in") counts as activity first. Anyone not signed in to the admin gets 403 and 0 seconds."""
    if not admin.site.has_permission(request):
        return JsonResponse({"seconds_left": 0}, status=403)
    if request.method == "POST":
        idle_sign_out.note_activity(session=request.session)
    return JsonResponse({"seconds_left": idle_sign_out.seconds_left(session=request.session)})


# --- enrolment with a one-time link (staff.services) ------------------------------------------------------
# /<admin>/enrol/<token>/ only checks the link and keeps its id in this browser's session, then leads to
# /<admin>/enrol/, so the token never stays in the address bar, the history or a Referer. Opening the link
# changes nothing (mail scanners open links too): the password chosen there is the first change.

ENROLMENT_SESSION_KEY = "staff_enrolment"
LINK_PROBLEMS = {  # (status, heading)
    services.LinkProblem.UNKNOWN: (404, "This link does not work"),
    services.LinkProblem.EXPIRED: (410, "This link has expired"),
    services.LinkProblem.USED: (410, "This link has been used"),
}


@never_cache
@require_safe
def open_enrolment_link(request: HttpRequest, token: str) -> HttpResponse:
    try:
        link = services.link_for_token(token=token)
    except services.LinkNotValid as invalid:
        return _link_not_valid(request, invalid.problem)
    request.session[ENROLMENT_SESSION_KEY] = {"link": link.pk, "device": None}
    return redirect("staff_enrol")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def enrolment(request: HttpRequest) -> HttpResponse:
    """The steps of an enrolment opened in this browser: a password, then the authenticator app."""
    progress = request.session.get(ENROLMENT_SESSION_KEY)
    if not progress:
        return _link_not_valid(request, services.LinkProblem.UNKNOWN)
    try:
        link = services.link_by_id(link_id=progress["link"])
    except services.LinkNotValid as invalid:
        del request.session[ENROLMENT_SESSION_KEY]
        return _link_not_valid(request, invalid.problem)
    device = services.unconfirmed_device(link=link, device_id=progress["device"]) if progress["device"] else None
    if device is None:
        return _password_step(request, link, progress)
    return _app_step(request, link, device)


def _password_step(request: HttpRequest, link: EnrolmentLink, progress: dict) -> HttpResponse:
    new = services.needs_new_password(link=link)
    data = request.POST if request.method == "POST" and request.POST.get("step") == "password" else None
    form = forms.ChoosePasswordForm(link.user, data) if new else forms.ContinuePasswordForm(data)
    if data is not None and form.is_valid():
        if new:
            device = services.choose_password(link=link, password=form.cleaned_data["new_password1"])
        else:
            check = services.continue_with_password(link=link, password=form.cleaned_data["password"])
            if check.tries_left == 0:  # too many wrong passwords: the link has ended
                del request.session[ENROLMENT_SESSION_KEY]
                return _link_not_valid(request, services.LinkProblem.UNKNOWN)
            if check.device is None:
                tries = f"{check.tries_left} tr{'y' if check.tries_left == 1 else 'ies'}"
                form.add_error("password", forms.PASSWORD_WRONG.format(tries=tries))
            device = check.device
        if device is not None:
            request.session[ENROLMENT_SESSION_KEY] = {**progress, "device": device.pk}
            return redirect("staff_enrol")
    template = "staff/enrolment/choose_password.html" if new else "staff/enrolment/continue.html"
    return _page(request, template, form=form, link=link, step=1, title="Set up your staff account")


def _app_step(request: HttpRequest, link: EnrolmentLink, device) -> HttpResponse:
    data = request.POST if request.method == "POST" and request.POST.get("step") == "app" else None
    form = forms.AppCodeForm(data)
    if data is not None and form.is_valid():
        if services.app_code_is_right(device=device, code=form.cleaned_data["code"]):
            try:
                codes = services.finish_enrolment(link=link, device=device, request=request)
            except services.LinkNotValid as invalid:  # it ran out (or was replaced) while the page was open
                return _link_not_valid(request, invalid.problem)
            finally:
                del request.session[ENROLMENT_SESSION_KEY]
            done = "staff/enrolment/done.html"
            return _page(request, done, recovery_codes=codes, step=3, title="Your recovery codes")
        form.add_error("code", forms.APP_CODE_WRONG)
    setup = services.app_setup(device=device)
    return _page(request, "staff/enrolment/app.html", form=form, setup=setup, step=2, title="Set up your phone")


def _link_not_valid(request: HttpRequest, problem: services.LinkProblem) -> HttpResponse:
    status, heading = LINK_PROBLEMS[problem]
    template = "staff/enrolment/link_not_valid.html"
    return _page(request, template, status=status, problem=problem.value, hours=services.LINK_HOURS, title=heading)


def _page(request: HttpRequest, template: str, *, status: int = 200, **context) -> HttpResponse:
    """An enrolment page in the admin's look (its header needs the admin site's context)."""
    return render(request, template, {**admin.site.each_context(request), **context}, status=status)


# --- a signed-in member's own second factor (in the admin site: ClinicAdminSite.get_urls) -----------------


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def own_second_factor(request: HttpRequest) -> HttpResponse:
    """How many recovery codes are left, and a new set after proving a code again."""
    user = cast(User, request.user)  # admin_view lets only signed-in, verified staff in
    form = forms.ProveCodeForm(request.POST if request.method == "POST" else None, user=user)
    context = {
        **admin.site.each_context(request),
        "title": "Your second factor",
        "form": form,
        "has_app": accounts.has_second_factor(user=user),
        "codes_left": services.recovery_codes_left(user=user),
    }
    if request.method == "POST" and form.is_valid():
        context["recovery_codes"] = services.renew_recovery_codes(user=user, request=request)
        context["codes_left"] = len(context["recovery_codes"])
    return render(request, "admin/staff/own_second_factor.html", context)


# --- the search across all content (content.search; in the admin site: ClinicAdminSite.get_urls) -------------


@require_safe
def content_search(request: HttpRequest) -> HttpResponse:
    """Every record the staff member may open whose words (either language) hold every term typed, each linked to
    its change page. Nothing a patient sent is searched: only content apps declare sources."""
    form = forms.ContentSearchForm(request.GET if "q" in request.GET else None)
    models = cast(ClinicAdminSite, admin.site).searchable_models(request)
    results = None
    if form.is_valid() and form.cleaned_data["q"]:
        results = search_content(typed=form.cleaned_data["q"], searchable=models)
    context = {
        **admin.site.each_context(request),
        "title": "Find content",
        "form": form,
        "results": results,
        "found": [(hit, _change_url(hit.record)) for hit in results.hits] if results else [],
        "searched_models": models,
        "searched_kinds": [capfirst(str(model._meta.verbose_name_plural)) for model in models],
    }
    return render(request, "admin/staff/content_search.html", context)


def _change_url(record: Model) -> str:
    return reverse(f"admin:{record._meta.app_label}_{record._meta.model_name}_change", args=[record.pk])
