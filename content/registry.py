"""Which apps hold the public content, declared by each app in its own AppConfig.

A content app's models are what patients read: saving any of them clears the public page cache
(content.signals), content editors get every permission on them (staff.roles), its initial content is
loaded by `manage.py load_initial_content`, and staff find its records in the admin's content search
(`search_sources`). An app that staff work in but the public never sees (the waitlist) declares its role
permissions instead. Nothing in this app names another.
"""

from collections.abc import Iterator
from typing import ClassVar

from django.apps import AppConfig, apps
from django.db import models


class ContentAppConfig(AppConfig):
    """AppConfig of an app whose models are public content."""

    #: Dotted path of a function that creates the app's missing shipped content and brings its untouched words
    #: to the shipped ones (publishing.shipped), returning what it did (`Loaded`); it never changes staff's words.
    initial_content: str | None = None
    #: What staff find in the admin's content search (content.search): {"app_label.Model": dotted path of a
    #: selector that takes `terms` and returns a hit for each of its records holding every term}. Only content
    #: apps declare sources, so the search never reads what patients sent.
    search_sources: ClassVar[dict[str, str]] = {}


def content_apps() -> list[ContentAppConfig]:
    return [config for config in apps.get_app_configs() if isinstance(config, ContentAppConfig)]


def content_models() -> Iterator[type[models.Model]]:
    """Every concrete model of the content apps; their change-history copies are not content."""
    from simple_history.models import HistoricalChanges  # not importable while apps load

    for config in content_apps():
        for model in config.get_models():
            if not issubclass(model, HistoricalChanges):
                yield model
