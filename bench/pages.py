"""The public pages every benchmark measures."""

ENGLISH_PAGES = {
    "home": "/",
    "treatments": "/treatments/",
    "treatment page": "/treatments/iv-ketamine-infusion/",
    "compare": "/treatments/compare/",
    "ketamine": "/ketamine/",
    "questions": "/questions/",
    "costs": "/costs/",
    "financing": "/financing/",
    "estimator": "/financing/?amount=1500&plan={plan}",
    "waitlist form": "/waitlist/spravato/",
    "privacy": "/privacy/",
}
# Every page again in Spanish: the same targets hold for the twins.
PAGES = {**ENGLISH_PAGES, **{f"{name} (es)": "/es" + path for name, path in ENGLISH_PAGES.items()}}
WAITLIST_FORMS = {PAGES["waitlist form"]: "en", PAGES["waitlist form (es)"]: "es"}
# Pages served from the page cache; the waitlist forms are personal (CSRF token) and never cached.
CACHED = [name for name, path in PAGES.items() if path not in WAITLIST_FORMS]


def resolve(path, *, plan_id):
    return path.format(plan=plan_id)
