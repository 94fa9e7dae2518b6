"""Every word on the booking pages is editable data (page texts and content), in both languages; only Django's own
names of days and months and its "a.m."/"p.m." come from the locale."""

import re

import pytest

from booking import selectors, services
from tests.factories import CallBackRequestFactory
from tests.markup import soup
from tests.sitetext.test_page_texts_are_data import shouted, template_words  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db

LOCALE_WORDS = re.compile(
    r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
    r"August|September|October|November|December|lunes|martes|miércoles|jueves|viernes|sábado|domingo|enero|"
    r"febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|de)\b|[ap]\.m\."
)


def assert_all_words_are_data(response):
    """No piece of the page has lower-case words but the locale's; returns the pieces that had those."""
    pieces = template_words(soup(response))
    rest = [(where, words) for where, words in pieces if any(c.islower() for c in LOCALE_WORDS.sub("", words))]
    assert rest == [], "Words not from editable data:\n" + "\n".join(f"  {where}: {words}" for where, words in rest)
    return [(where, words) for where, words in pieces if LOCALE_WORDS.search(words)]


@pytest.mark.parametrize("prefix", ["", "/es"])
@pytest.mark.usefixtures("shouted")
def test_every_word_on_the_booking_pages_is_editable_data(client, team_hours, prefix):
    from treatments.models import Treatment

    entry = CallBackRequestFactory(treatment=Treatment.objects.get(slug="iv-ketamine-infusion"))
    choose = prefix + services.booking_path(request=entry)
    assert assert_all_words_are_data(client.get(choose))  # the days and times are there, in the locale's words
    later = selectors.times_by_day(selectors.free_times())[3].day
    assert assert_all_words_are_data(client.get(f"{choose}?from={later:%Y-%m-%d}"))  # with both links to other days
    assert_all_words_are_data(client.post(choose, {"time": "nonsense"}))  # with the error
    call = client.post(choose, {"time": selectors.free_times()[0].value})["Location"]
    assert_all_words_are_data(client.get(call))
    client.post(call.split("?")[0], {"action": "cancel"})
    assert_all_words_are_data(client.get(call.split("?")[0]))
    assert_all_words_are_data(client.get(prefix + "/book/call/not-a-token/"))
