"""What search engines read about the team page: a schema.org Person for each profile shown, in the page's language."""

import html
from collections.abc import Callable
from typing import Any

from django.utils import translation
from django.utils.html import strip_tags

from content.markdown import render_markdown
from content.placeholders import without_placeholders
from media_library.selectors import responsive

from .selectors import Profile


def team_json_ld(*, profiles: list[Profile], url: str, clinic_name: str, absolute: Callable[[str], str]) -> dict | None:
    """schema.org data for the team page: each profile as a Person (job title, languages, photo), or None when no
    profile is shown. `absolute` makes a site path a full address. A placeholder is never in it."""
    if not profiles:
        return None
    language = translation.get_language()
    people = [_person(profile, url=url, clinic_name=clinic_name, absolute=absolute) for profile in profiles]
    page = {
        "@type": "AboutPage",
        "url": url,
        "inLanguage": language,
        "about": [{"@id": person["@id"]} for person in people],
    }
    return {"@context": "https://schema.org", "@graph": [page, *people]}


def _person(profile: Profile, *, url: str, clinic_name: str, absolute: Callable[[str], str]) -> dict:
    provider = profile.provider
    words: dict[str, Any] = {
        "@type": "Person",
        "name": provider.name,
        "honorificSuffix": provider.credentials,
        "jobTitle": str(profile.role),
        "knowsLanguage": provider.language_codes,
        "description": html.unescape(strip_tags(render_markdown(profile.bio))).strip(),
        "worksFor": {"@type": "MedicalClinic", "name": clinic_name},
    }
    # The site's own addresses go in after the placeholders are taken out: a local address is no placeholder.
    person = {**without_placeholders(words), "@id": f"{url}#{provider.anchor}", "url": f"{url}#{provider.anchor}"}
    if provider.photo is not None:
        person["image"] = absolute(responsive(image=provider.photo).src)
    return person
