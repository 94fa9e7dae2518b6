"""Parts of a treatment's page that apps built on treatments add, declared by those apps.

An app above treatments (team: the providers who give a treatment) registers a rule with `@treatment_page_section`;
the treatment page draws each part's template where such parts go, and its review line covers the records each part
shows. Treatments names no other app, so it never imports one back.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from django.db.models import Model

from .models import Treatment


@dataclass(frozen=True)
class PageSection:
    template: str  # drawn with `section` (this part) in its context
    context: Mapping[str, object] = field(default_factory=dict)
    shown: Sequence[Model] = ()  # the records whose words it shows: "Reviewed by …" covers them


class SectionRule(Protocol):
    def __call__(self, *, treatment: Treatment) -> PageSection | None:
        """A treatment -> its part of the page, or None when it has nothing to show there."""
        ...


_rules: list[SectionRule] = []


def treatment_page_section(rule: SectionRule) -> SectionRule:
    _rules.append(rule)
    return rule


def sections_of(*, treatment: Treatment) -> list[PageSection]:
    return [section for rule in _rules if (section := rule(treatment=treatment)) is not None]
