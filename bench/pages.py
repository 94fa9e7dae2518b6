"""The public pages every benchmark measures."""

PAGES = {
    "home": "/",
    "treatments": "/treatments/",
    "treatment page": "/treatments/iv-ketamine-infusion/",
    "compare": "/treatments/compare/",
    "ketamine": "/ketamine/",
    "financing": "/financing/",
    "estimator": "/financing/?amount=1500&plan={plan}",
    "waitlist form": "/waitlist/spravato/",
    "privacy": "/privacy/",
}
# Pages served from the page cache; the waitlist form is personal (CSRF token) and never cached.
CACHED = [name for name in PAGES if name != "waitlist form"]


def resolve(path, *, plan_id):
    return path.format(plan=plan_id)
