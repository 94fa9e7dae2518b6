"""The accessibility helper every browser test leans on finds what it is there to find."""

import pytest

from tests.browser import assert_accessible, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_axe_reports_an_unlabelled_field_and_passes_the_same_field_labelled(page):
    page.set_content('<html lang="en"><title>t</title><main><h1>Form</h1><input type="text" id="name"></main></html>')
    assert [violation.split(":")[0] for violation in axe_violations(page)] == ["label"]

    page.set_content(
        '<html lang="en"><title>t</title><main><h1>Form</h1><label for="name">Name</label>'
        '<input type="text" id="name"></main></html>'
    )
    assert_accessible(page)
