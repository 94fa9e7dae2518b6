from .selectors import page_frame
from .services import clinic_json_ld


def clinic(request):
    details, menu_links, legal_pages = page_frame()
    return {
        "clinic": details,
        "clinic_schema": clinic_json_ld(clinic=details, base_url=f"{request.scheme}://{request.get_host()}/"),
        "menu_links": menu_links,
        "legal_pages": legal_pages,
    }
