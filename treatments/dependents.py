"""What else on the site depends on a treatment, declared by the apps that depend on it.

Taking a treatment off the site (unpublishing or deleting it) must not leave anything pointing at nothing.
An app with pages of its own for a treatment registers their addresses with `@treatment_addresses` (content
that links to any of them stops the removal), and an app that keeps promises about a treatment registers a
rule with `@treatment_dependents`. Treatments names no other app, so the apps that build on it (intake) are
never imported back.
"""

from typing import Protocol

from .models import Treatment


class AddressesRule(Protocol):
    def __call__(self, *, slug: str) -> list[str]:
        """A slug the treatment has had -> the addresses of its pages there."""
        ...


class DependentsRule(Protocol):
    def __call__(self, *, treatment: Treatment) -> list[str]:
        """A treatment -> why it may not go, each a sentence."""
        ...


_addresses: list[AddressesRule] = []
_dependents: list[DependentsRule] = []


def treatment_addresses(rule: AddressesRule) -> AddressesRule:
    _addresses.append(rule)
    return rule


def treatment_dependents(rule: DependentsRule) -> DependentsRule:
    _dependents.append(rule)
    return rule


def addresses_of(*, treatment: Treatment) -> list[str]:
    return [path for slug in treatment.known_slugs() for rule in _addresses for path in rule(slug=slug)]


def dependents_of(*, treatment: Treatment) -> list[str]:
    return [problem for rule in _dependents for problem in rule(treatment=treatment)]
