"""The go-live checklist: what must be real before patients see the site.

Each app registers its own rules with `@go_live_check`, as Django system checks tagged "go_live" that
run with `manage.py check --deploy` (so `--fail-level WARNING` fails until the shipped placeholders
are replaced). The admin index shows staff the same list (`go_live_issues`), each item linked to its
fix: a message about one record (`obj=record`) links to its change form, one about a model
(`obj=Model`, a `GoLiveWarning`) to its change list, filtered by `changelist_query`. A rule reads the
database, so it is skipped while the database is not there or not migrated yet.
"""

import functools
import logging

from django.core import checks
from django.db import DatabaseError

GO_LIVE_TAG = "go_live"

logger = logging.getLogger(__name__)


class GoLiveWarning(checks.Warning):
    """A warning about many records of one model (`obj`), fixed from its change list narrowed to them."""

    def __init__(self, *args, changelist_query: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.changelist_query = changelist_query or {}


def go_live_check(rule=None, *, always: bool = False):
    """Register `rule(**kwargs) -> list[CheckMessage]` as a deployment check of the go-live checklist; with
    `always=True` (`@go_live_check(always=True)`), as a check every `manage.py check` runs, for a fault
    that is one on any site, not only before going live."""

    def register(rule):
        @functools.wraps(rule)
        def check(app_configs=None, **kwargs):
            try:
                return rule(**kwargs)
            except DatabaseError:
                logger.debug("Go-live check %s skipped: the database is not ready", rule.__name__)
                return []

        return checks.register(check, GO_LIVE_TAG, deploy=not always)

    return register(rule) if rule is not None else register


def go_live_issues() -> list[checks.CheckMessage]:
    return checks.run_checks(tags=[GO_LIVE_TAG], include_deployment_checks=True)
