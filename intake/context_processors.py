from .selectors import open_waitlists


def waitlists(request):
    """The open waitlists, which every page's menu links to."""
    return {"open_waitlists": open_waitlists()}
