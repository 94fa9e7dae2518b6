"""`make test` hands a module marked `xdist_group` whole to one worker, so its servers start once.

pytest 9.2 silently undid this (pytest-xdist#1386): every test of such a module went to whichever worker was
free, and each worker started the module's servers again. This fails if a version of either comes back to that.
"""

import pytest

pytestmark = pytest.mark.xdist_group("grouping_check")


def test_a_grouped_test_is_handed_out_with_its_group(request):
    if not getattr(request.config.option, "loadgroup", False):  # set on the workers of --dist loadgroup
        pytest.skip("runs without pytest-xdist's --dist loadgroup")
    assert request.node.nodeid.endswith("@grouping_check"), request.node.nodeid
