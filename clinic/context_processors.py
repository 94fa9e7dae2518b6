from .selectors import legal_pages, menu_links
from .services import clinic_json_ld, get_clinic_details


def clinic(request):
    details = get_clinic_details()
    return {
        "clinic": details,
        "clinic_schema": clinic_json_ld(clinic=details, base_url=f"{request.scheme}://{request.get_host()}/"),
        "menu_links": menu_links(),
        "legal_pages": legal_pages(),
    }
