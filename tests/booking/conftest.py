from datetime import time

import pytest

from booking.models import AvailabilityRule, Weekday


def team_rule(**settings):
    """The team's hours (shipped switched off and empty) switched on with these settings, and still empty."""
    rule, _ = AvailabilityRule.objects.update_or_create(coordinator=None, defaults={"is_active": True, **settings})
    rule.weekly_hours.all().delete()
    return rule


@pytest.fixture
def team_hours(db):
    """The team takes 30-minute calls 9:00–12:00 and 13:00–17:00 every day, 24 hours' notice, 14 days ahead."""
    rule = team_rule(slot_minutes=30, min_notice_hours=24, days_ahead=14)
    for weekday in Weekday:
        rule.weekly_hours.create(weekday=weekday, start=time(9), end=time(12))
        rule.weekly_hours.create(weekday=weekday, start=time(13), end=time(17))
    return rule


@pytest.fixture
def coordinator(staff_client):
    """An intake coordinator, signed in."""
    from staff.roles import INTAKE_COORDINATORS

    return staff_client(INTAKE_COORDINATORS)
