"""Reads: the profiles patients may see, on the team page and on a treatment's page."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, QuerySet

from content.placeholders import is_placeholder
from content.search import Hit, Terms, records_matching
from translation.twins import ENGLISH, Localized, localized, missing_spanish
from treatments.models import Treatment

from .models import Provider
from .texts import language_key


@dataclass(frozen=True, kw_only=True)
class Profile:
    """A provider as patients read them: their words in the page's language (the English, marked as such, while the
    Spanish is not written yet or is still a placeholder)."""

    provider: Provider
    role: Localized
    bio: Localized

    @property
    def language_keys(self) -> list[str]:
        """The page texts that name the languages they speak."""
        return [language_key(code) for code in self.provider.language_codes]

    @property
    def treatments(self) -> list[Treatment]:
        """The published treatments they give, as loaded with them."""
        return list(self.provider.treatments.all())


def _published_providers() -> QuerySet[Provider]:
    return Provider.objects.published().select_related("photo")


def _words(provider: Provider, name: str) -> Localized:
    words = localized(provider, name)
    if words.language != ENGLISH and is_placeholder(words):
        return Localized(getattr(provider, name), ENGLISH)
    return words


def _profiles(providers: QuerySet[Provider]) -> list[Profile]:
    return [
        Profile(provider=provider, role=_words(provider, "role"), bio=_words(provider, "bio"))
        for provider in providers
        if not provider.is_placeholder
    ]


def team() -> list[Profile]:
    """Every published profile that is no placeholder, in staff's order, with the published treatments each gives."""
    providers = _published_providers().prefetch_related(
        Prefetch("treatments", queryset=Treatment.objects.published().only("pk", "slug", "name", "name_es"))
    )
    return _profiles(providers)


def providers_of(*, treatment: Treatment) -> list[Profile]:
    """The profiles shown on `treatment`'s page, in staff's order."""
    return _profiles(_published_providers().filter(treatments=treatment))


def team_spanish_missing(*, profiles: list[Profile]) -> bool:
    """Whether the Spanish team page still shows English words: search engines get the English page alone."""
    return any(
        missing_spanish(profile.provider) or profile.role.is_fallback or profile.bio.is_fallback for profile in profiles
    )


def latest_update(*, profiles: list[Profile]) -> datetime | None:
    return max((profile.provider.updated_at for profile in profiles), default=None)


def providers_matching(*, terms: Terms) -> list[Hit]:
    """For the admin's content search (TeamConfig.search_sources)."""
    return records_matching(records=Provider.objects.all(), fields=("name", "credentials", "role", "bio"), terms=terms)
