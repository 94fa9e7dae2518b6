"""The clinic record, legal pages and menu links a site ships with (publishing.shipped): created when missing,
their words kept in step with these wherever staff have not changed them."""

from datetime import time

from publishing.shipped import Shipped, load_shipped

from .models import ClinicDetails, LegalPage, MenuLink, OpeningHours, VisitPage
from .services import PLACEHOLDER_CLINIC

PRIVACY = """\
This notice explains what this website collects, why, how we protect it and how long we keep it.
We keep it short on purpose.

## What we collect
**Browsing this site.** We do not use analytics, advertising trackers, social media pixels or
outside fonts. Every file on this site comes from our own server.

Our server keeps a short log of each request to keep the site working and safe. Each line
holds the time, the kind of request, the page address, whether it worked, its size, how long
it took, and the internet address (IP address) your device used. We leave out anything after
a "?" in a page address. We hide the private part of personal links, such as the link to
leave the waitlist or cancel a call back. The logs never hold your name, email, phone number
or what you type into forms. The server keeps these logs for a limited time.

**The waitlist and call backs.** If you join our waitlist or ask us to call you back, we store
what you give us in the form: your name, phone number and email, how and when you like to be
contacted, whether you are 18 or older, and your consent choices. Email is optional when you
ask for a call back. The waitlist also asks for your insurance type and how you heard about
us. We note which language you used, so our emails to you are in it. We do not ask for your
diagnosis, medications or symptoms, and we ask you not to type them into the form.

## Why we use it
Only to contact you about the waitlist or your call back, and about starting treatment with
us. We do not sell your information or share it for marketing.

## How we protect it
- Only our intake staff and our site administrators can see your request.
- Staff sign in with a password and a one-time code. They are signed out after 15 minutes
  without activity, and after 8 hours at most.
- We keep a record each time staff open, change or export a request, search our list of
  requests, or sign in. It notes which staff member, when, and from which internet address.
  It does not hold your contact details. If staff search for your name, the words they searched
  for are kept only encrypted. Only our privacy staff and site administrators can read it.
- Your name, email, phone number and our notes about contacting you are stored encrypted. This
  means they are scrambled, so only our system can read them.
- We back up our records every night, and the backups are encrypted too.

## How long we keep it
- If you leave the waitlist, cancel a call back or decide not to go ahead, we delete your
  request 180 days later. We do the same once we have finished with your request. This
  includes our notes about it and the emails we sent you.
- If your request is still open but we have had no contact with you for two years, our
  staff look at it and then delete it.
- We keep the record of staff access for six years.
- We keep only our 14 newest backups. Older ones are deleted.

## Your choices
- Every confirmation email has a link you can use to leave the waitlist or cancel your call
  back. The link works for 180 days. After that, call or email us.
- You can call or email us to see or correct your information.
- You can call or email us to ask us to erase your information. We then delete all your
  requests, their past versions, our notes about contacting you and the emails we sent you.
  We keep only a note that we erased someone's information. It does not say who.

## Cookies
We use no tracking or advertising cookies. When you open a form that sends us your details,
such as the waitlist, the site sets one security cookie. It is a random code that helps make
sure the form you send really comes from this website, and it holds nothing about you. Staff
who sign in to run the site also get a sign-in cookie.

## Questions
Call or email the clinic using the details at the bottom of every page.
"""

ACCESSIBILITY = """\
We want everyone to be able to use this website, including people who use screen readers,
keyboards, magnification or voice control.

## Our goal
We aim to meet the **Web Content Accessibility Guidelines (WCAG) 2.2, level AA**. We check
every public page with automated accessibility tests, at phone and desktop sizes.

## What we do
- A "skip to main content" link lets keyboard users go straight to the page's content.
- Text and buttons have strong color contrast.
- Form fields have labels. If a form has mistakes, a list at the top names each one and
  links to its field.

## Tell us about a problem
If something on this site is hard to use, please tell us. Call or email the clinic using the
details at the bottom of this page, and we will help you get the information or service
another way while we fix it.
"""

MEDICAL_DISCLAIMER = """\
The information on this website is for **education only**. It is not medical advice, and it
does not replace a visit with a licensed health care provider.

- Reading this site does not make you a patient of the clinic.
- Whether a treatment is right for you can only be decided with a provider who knows your
  health history.
- Results differ from person to person. No treatment works for everyone.

## If you are in crisis
Do not wait for a reply from us. Call or text **988** to reach the Suicide & Crisis Lifeline,
any time. In an emergency, call **911** or go to the nearest emergency room.
"""

LANGUAGE_ASSISTANCE = """\
Language help is free. You do not have to pay for it.

## Help in Spanish
Every page, form and email on this website is also in Spanish. To switch, use the
"Español" link at the top of any page.

If you would like to talk with us in Spanish, please call or email us and tell us. We will
help you in Spanish, at no cost to you.

## How to ask for help
Call or email the clinic using the details at the bottom of this page. Tell us which language
you prefer. You can also ask us for this notice in another format.
"""

LEGAL_PAGES = {
    LegalPage.Kind.PRIVACY: (
        "Privacy notice",
        "What this website collects, why, how we protect it, how long we keep it, and how to have it erased.",
        PRIVACY,
    ),
    LegalPage.Kind.ACCESSIBILITY: (
        "Accessibility statement",
        "Our accessibility goal (WCAG 2.2 AA) and how to tell us about a problem.",
        ACCESSIBILITY,
    ),
    LegalPage.Kind.MEDICAL_DISCLAIMER: (
        "Medical disclaimer",
        "This website is for education only and is not medical advice.",
        MEDICAL_DISCLAIMER,
    ),
    LegalPage.Kind.LANGUAGE_ASSISTANCE: (
        "Free language help",
        "Language help is free. How to get help in Spanish from our clinic.",
        LANGUAGE_ASSISTANCE,
    ),
}


# The main menu before the open waitlists, which it links by itself.
MENU_LINKS = [
    (MenuLink.Page.TREATMENTS, "Treatments"),
    (MenuLink.Page.KETAMINE, "About ketamine"),
    (MenuLink.Page.FINANCING, "Financing"),
    (MenuLink.Page.QUESTIONS, "Questions"),
]

# The Visit us page. Its details are facts only staff know, so they ship as placeholders the page leaves out.
VISIT_PAGE = {
    "title": "Visit us",
    "meta_description": "Where the clinic is, how to get here, and when we are open.",
    "intro": "Here is where to find us and when we are open.",
    "parking": "PLACEHOLDER: where to park, set in admin",
    "transit": "PLACEHOLDER: bus and trolley stops near the clinic, set in admin",
    "entrance": "PLACEHOLDER: how to find the entrance, set in admin",
    "step_free_access": "PLACEHOLDER: step-free access (ramps, lifts), set in admin",
}

# Example hours, Monday to Friday 9 am to 5 pm, so staff see how hours are entered. Patients never see them:
# ClinicDetails.hours_are_real stays unticked until staff enter the clinic's own (the go-live checklist says so).
EXAMPLE_WEEK = [(weekday, time(9), time(17)) for weekday in range(5)]


CLINIC_WORDS = ("short_description",)

SHIPPED = [
    Shipped(
        "clinic-details",
        ClinicDetails,
        words={name: PLACEHOLDER_CLINIC[name] for name in CLINIC_WORDS},
        initial={name: value for name, value in PLACEHOLDER_CLINIC.items() if name not in CLINIC_WORDS},
        find=lambda: ClinicDetails.objects.first(),
    ),
    *(
        Shipped(
            f"legal-page:{kind}",
            LegalPage,
            words={"title": title, "meta_description": description, "body": body},
            initial={"kind": kind},
            find={"kind": kind},
        )
        for kind, (title, description, body) in LEGAL_PAGES.items()
    ),
    *(
        Shipped(
            f"menu-link:{page}",
            MenuLink,
            words={"label": label},
            initial={"page": page, "ordering": ordering * 10},
            find={"page": page},
        )
        for ordering, (page, label) in enumerate(MENU_LINKS, start=1)
    ),
    Shipped("visit-page", VisitPage, words=VISIT_PAGE),
]


def load_initial_content():
    loaded = load_shipped(SHIPPED)
    add_example_hours()
    return loaded


def add_example_hours() -> None:
    """The example week, on a site whose hours staff have not entered yet (none, and not marked real)."""
    clinic = ClinicDetails.objects.filter(hours_are_real=False, opening_hours__isnull=True).first()
    if clinic is None:
        return
    for weekday, opens, closes in EXAMPLE_WEEK:
        OpeningHours.objects.create(clinic=clinic, weekday=weekday, opens=opens, closes=closes)  # saves clear the cache
