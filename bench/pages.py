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
    "call back form": "/treatments/iv-ketamine-infusion/request-a-call/",
    "privacy": "/privacy/",
}
# Every page again in Spanish: the same targets hold for the twins.
PAGES = {**ENGLISH_PAGES, **{f"{name} (es)": "/es" + path for name, path in ENGLISH_PAGES.items()}}
# Pages served from the page cache: every one, the blank forms too (their CSRF token filled in for each visitor).
CACHED = list(PAGES)


def resolve(path, *, plan_id):
    return path.format(plan=plan_id)
