import io
import logging

import pytest


@pytest.fixture
def console_output():
    """What Django's configured console handler writes (the log as production prints it), captured."""
    (handler,) = [handler for handler in logging.getLogger().handlers if handler.get_name() == "console"]
    captured = io.StringIO()
    previous = handler.setStream(captured)
    yield captured
    handler.setStream(previous)
