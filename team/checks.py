"""The team's part of the go-live checklist (content.go_live): profiles still holding the shipped placeholder.

Patients never see such a profile (team.selectors.team), so the team page says only that they can meet the team
there soon until staff write a real one."""

from django.core.checks import Warning

from content.go_live import GoLiveWarning, go_live_check

from .models import Provider

WRITE_IT = "Write a real profile in the admin: Providers (or delete this one)."


@go_live_check
def provider_profiles_are_written(**kwargs):
    providers = list(Provider.objects.published())
    issues = []
    for provider in providers:
        if provider.is_placeholder:
            issues.append(
                Warning(
                    f"Provider profile “{provider}” is a placeholder, so patients do not see it.",
                    hint=WRITE_IT,
                    obj=provider,
                    id="team.W001",
                )
            )
        elif provider.spanish_is_placeholder:
            issues.append(
                Warning(
                    f"Provider profile “{provider}” still has a placeholder in Spanish, so the Spanish team page "
                    "shows it in English.",
                    hint=WRITE_IT,
                    obj=provider,
                    id="team.W002",
                )
            )
    if not providers:
        issues.append(
            GoLiveWarning(
                "No provider profile is published, so the team page introduces nobody.",
                hint="Add the clinic's providers in the admin: Providers.",
                obj=Provider,
                id="team.W003",
            )
        )
    return issues
