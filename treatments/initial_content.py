"""The treatment content a site ships with, written from the product brief (publishing.shipped): created when
missing, its words kept in step with these wherever staff have not changed them.
"""

from collections.abc import Callable
from typing import Any

from publishing.shipped import Shipped, load_shipped

from .models import EducationSection, Faq, FirstVisitSection, Route, Treatment
from .selectors import treatment_at

TREATMENTS: list[dict[str, Any]] = [
    {
        "slug": "iv-ketamine-infusion",
        "name": "IV ketamine infusion",
        "status": Treatment.Status.AVAILABLE,
        "ordering": 10,
        "summary": "Ketamine given through a thin tube into a vein.",
        "seo_title": "IV ketamine infusion in San Diego",
        "seo_description": "IV ketamine infusion for treatment-resistant depression, anxiety, PTSD and pain in San Diego. What it is, what to expect, and how to start.",
        "body": (
            "Ketamine is used to ease symptoms of depression, anxiety and PTSD that have not improved enough with other "
            "treatments. At our clinic, we also use it for pain.\n"
        ),
        "what_to_expect": (
            "- Your treatment happens in a calm, controlled clinic setting, with close supervision.\n"
            "- A licensed provider who is trained in ketamine and can prescribe it leads your care.\n"
            "- We check your vital signs, like heart rate and blood pressure, the whole time.\n"
        ),
    },
    {
        "slug": "intramuscular-ketamine",
        "name": "Intramuscular (IM) ketamine",
        "status": Treatment.Status.AVAILABLE,
        "ordering": 20,
        "summary": "Ketamine given as a shot into a muscle.",
        "seo_title": "Intramuscular (IM) ketamine in San Diego",
        "seo_description": "Intramuscular ketamine: a shot into a muscle that works quickly. How it compares with IV and what to expect at our San Diego clinic.",
        "body": (
            "Ketamine is used to ease symptoms of depression, anxiety and PTSD that have not improved enough with other "
            "treatments. At our clinic, we also use it for pain.\n"
        ),
        "what_to_expect": (
            "- A licensed provider who is trained in ketamine and can prescribe it leads your care.\n"
            "- We check your vital signs, like heart rate and blood pressure, the whole time.\n"
        ),
    },
    {
        "slug": "spravato",
        "name": "Spravato",
        "status": Treatment.Status.WAITLIST,
        "ordering": 30,
        "drug_name": "Spravato",
        "drug_active_ingredient": "esketamine",
        "summary": "A nasal spray (esketamine) for people who would like an option without an IV.",
        "seo_title": "Spravato (esketamine nasal spray) waitlist in San Diego",
        "seo_description": "Spravato is an FDA-approved esketamine nasal spray for adults. Learn who it is for, what a visit is like, and join our waitlist.",
        "body": (
            "Spravato is approved by the FDA for adults 18 and older:\n\n"
            "- with treatment-resistant depression. This means at least two antidepressants were tried "
            "without enough relief.\n"
            "- together with an antidepressant taken by mouth, for symptoms of depression in people with "
            "major depression who have thoughts of suicide or are acting on them right now.\n\n"
            "If you are thinking about suicide now, please do not wait for the waitlist: call or text [988](tel:988), "
            "or call [911](tel:911) in an emergency.\n"
        ),
        "what_to_expect": (
            "- Spravato is only given at a certified treatment center, one that is part of a drug safety program called REMS.\n"
            "- You use the spray yourself, while a health care provider watches.\n"
            "- We check your blood pressure.\n"
            "- You stay with us for at least 2 hours after the spray, so we can watch over you.\n"
        ),
    },
    {
        "slug": "ketamine-assisted-psychotherapy",
        "name": "Ketamine-assisted psychotherapy (KAP)",
        "status": Treatment.Status.COMING_SOON,
        "ordering": 40,
        "summary": "Ketamine treatment combined with talk therapy, guided by a professional.",
        "seo_title": "Ketamine-assisted psychotherapy (KAP): coming soon",
        "seo_description": "Ketamine-assisted psychotherapy combines ketamine with talk therapy, guided by a professional. It is coming soon to our San Diego clinic.",
        "body": "",
        "what_to_expect": "",
    },
]

# --- costs and insurance (issue 23.4) -----------------------------------------------------------------------
# No treatment ships a figure: the brief has none. Each starts "not decided yet" (patients read "ask us"; the
# go-live checklist asks staff to choose). Insurance words only where the brief has a fact: Spravato's.
COST_WORDS = ("price_note", "insurance")
COSTS: dict[str, dict[str, str]] = {
    "iv-ketamine-infusion": {"price_note": "", "insurance": ""},
    "intramuscular-ketamine": {"price_note": "", "insurance": ""},
    "spravato": {
        "price_note": "",
        "insurance": "Spravato is often covered by insurance, usually after prior authorization. This means your "
        "insurance company agrees to cover it before you start.",
    },
    "ketamine-assisted-psychotherapy": {"price_note": "", "insurance": ""},
}
for _treatment in TREATMENTS:
    _treatment.update(COSTS[_treatment["slug"]])
# --- end of costs and insurance --------------------------------------------------------------------------

ROUTES: list[dict[str, Any]] = [
    {
        "key": "iv",
        "name": "IV infusion",
        "treatment_slug": "iv-ketamine-infusion",
        "effectiveness": "Most effective: the full dose goes straight into the bloodstream",
        "onset": "Gradual start",
        "recovery": "Gradual recovery",
        "adjustable": "Yes: it can be slowed, reduced or stopped",
        "needle_sticks": "One",
        "notes": "Some patients say relief from IV lasts longer between treatments than relief from IM.",
    },
    {
        "key": "im",
        "name": "Intramuscular (IM) shot",
        "treatment_slug": "intramuscular-ketamine",
        "effectiveness": "Close to IV, with a fast, strong effect",
        "onset": "Fast start that can feel sudden",
        "recovery": "Slower recovery",
        "adjustable": "No: once given, it runs its course",
        "needle_sticks": "May need several in a session",
        "notes": (
            "You may need IM treatments more often than IV treatments. If a side effect happens, staff help you feel "
            "at ease. Sometimes they give another medicine to help."
        ),
    },
    {
        "key": "sublingual",
        "name": "Sublingual (under the tongue)",
        "treatment_slug": None,
        "effectiveness": "Less effective, but still useful for some patients",
        "onset": "Slower start",
        "recovery": "",
        "adjustable": "No",
        "needle_sticks": "None",
        "notes": "",
    },
    {
        "key": "oral",
        "name": "Oral (swallowed)",
        "treatment_slug": None,
        "effectiveness": "Less effective, because it passes through the digestive system first",
        "onset": "Slower start",
        "recovery": "",
        "adjustable": "No",
        "needle_sticks": "None",
        "notes": "",
    },
    {
        "key": "nasal-spray",
        "name": "Nasal spray (Spravato, esketamine)",
        "treatment_slug": "spravato",
        "effectiveness": "An FDA-approved nasal spray with similar antidepressant properties",
        "onset": "Fast start",
        "recovery": "",
        "adjustable": "No",
        "needle_sticks": "None",
        "notes": "",
    },
]

FAQS = [
    (
        "paying",
        None,
        "How can I pay for treatment?",
        "We partner with CareCredit, a health credit card, for flexible financing. "
        "[Read about financing](/financing/).",
    ),
    (
        "crisis",
        None,
        "What if I am in crisis right now?",
        "Please do not wait for an appointment or a waitlist. Call or text [988](tel:988) to reach the Suicide & Crisis "
        "Lifeline, any time. In an emergency, call [911](tel:911).",
    ),
    (
        "iv-first-difference",
        "iv-ketamine-infusion",
        "How soon might I notice a difference?",
        "Many patients notice a lift in mood soon after their first treatment. Everyone is different, "
        "so we cannot promise how you will feel.",
    ),
    (
        "iv-next-treatment",
        "iv-ketamine-infusion",
        "How is my next treatment planned?",
        "We plan your next treatment based on how you responded to the first one.",
    ),
    (
        "im-planning",
        "intramuscular-ketamine",
        "How are my IM treatments planned?",
        "We plan your next treatment based on how you responded to the first one.",
    ),
    (
        "spravato-driving",
        "spravato",
        "Can I drive home after Spravato?",
        "No. Do not drive until the next day, after a restful night's sleep. Please plan for someone to take you home.",
    ),
    (
        "spravato-insurance",
        "spravato",
        "Does insurance cover Spravato?",
        "It is often covered, usually after prior authorization. This means your insurance agrees to cover it before "
        "you start.",
    ),
    (
        "kap-start-date",
        "ketamine-assisted-psychotherapy",
        "When will ketamine-assisted psychotherapy start?",
        "We do not have a start date yet.",
    ),
]

SECTIONS = [
    (
        "what-it-is",
        "What ketamine treatment is",
        "Ketamine is a medicine used to ease symptoms of depression, anxiety and PTSD that have not improved with other "
        "treatments. At our clinic, we also use it for pain.\n\n"
        "Ketamine has long been used as an anesthetic in outpatient care and emergency departments, because of its strong "
        "safety record. Using it for mental health is a newer area of research, and early studies are promising.\n\n"
        "Ketamine often helps within hours or days. Common antidepressants can take weeks or months.",
    ),
    (
        "how-it-works",
        "How it works",
        "Ketamine blocks NMDA receptors. These are parts of brain cells involved in pain signals, mood and thinking.\n\n"
        "It also affects glutamate, serotonin and dopamine. These are chemical messengers in the brain that play a part "
        "in mood, motivation and reward.",
    ),
    (
        "ways-it-is-given",
        "Ways it can be given",
        "Ketamine can be given through a vein (IV), as a shot into a muscle (IM), under the tongue, by mouth, or as a "
        "nasal spray (Spravato). They differ in how well they work, how fast they start, and whether they can be "
        "stopped during a session.\n\n"
        "[Compare the ways ketamine is given](/treatments/compare/).",
    ),
    (
        "during-treatment",
        "What to expect during treatment",
        "- IV treatments happen in a calm, controlled clinic setting, with close supervision.\n"
        "- A licensed provider trained in ketamine leads your care.\n"
        "- We check your vital signs, like heart rate and blood pressure, the whole time.",
    ),
    (
        "after-treatment",
        "What to expect after treatment",
        "- Many patients notice a lift in mood soon after the first treatment. Everyone is different, so we cannot "
        "promise how you will feel.\n"
        "- We plan your next treatment based on how you responded to the first one.\n"
        "- After Spravato, you cannot drive until the next day, so you will need a ride home.",
    ),
]


# --- first visit (issue 23.3): each topic of a treatment's first-visit page, from the brief's facts only -------------
# Where the brief has no fact (what to bring, how long an IV or IM visit takes, getting home after IV or IM, what
# comes after Spravato), a PLACEHOLDER: patients never see it, and the go-live checklist lists it until staff
# write it. Ketamine-assisted psychotherapy is coming soon: no first-visit page.
Topic = FirstVisitSection.Topic
PROVIDER = "A licensed provider who is trained in ketamine and can prescribe it leads your care."
VITAL_SIGNS = "We check your vital signs, like heart rate and blood pressure, the whole time."
NEXT_TREATMENT = "We plan your next treatment based on how you responded to the first one."


def _placeholder(what: str) -> str:
    return f"PLACEHOLDER: {what}. Patients do not see this topic until you write it."


FIRST_VISIT: dict[str, list[tuple[str, str]]] = {
    "iv-ketamine-infusion": [
        (Topic.WHAT_TO_BRING, _placeholder("what to bring to a first IV visit")),
        (Topic.HOW_LONG, _placeholder("how long a first IV visit takes")),
        (
            Topic.WHAT_HAPPENS,
            "Your treatment happens in a controlled clinic setting, and staff watch over you closely.\n\n"
            "The ketamine goes into a vein through a thin tube. This takes one needle stick. "
            "During the session, the dose can be slowed, lowered or stopped.\n\n" + PROVIDER,
        ),
        (Topic.MONITORING, VITAL_SIGNS),
        (Topic.GETTING_HOME, _placeholder("how to get home after an IV visit")),
        (
            Topic.AFTERWARDS,
            NEXT_TREATMENT + "\n\nMany patients notice a lift in mood soon after the first treatment. "
            "Everyone is different, so we cannot promise how you will feel.",
        ),
    ],
    "intramuscular-ketamine": [
        (Topic.WHAT_TO_BRING, _placeholder("what to bring to a first IM visit")),
        (Topic.HOW_LONG, _placeholder("how long a first IM visit takes")),
        (
            Topic.WHAT_HAPPENS,
            "You get ketamine as a shot into a muscle. You may need more than one shot in a session.\n\n"
            "It starts fast, and the start can feel sudden. Once it is given, it runs its course.\n\n" + PROVIDER,
        ),
        (
            Topic.MONITORING,
            VITAL_SIGNS + "\n\nIf a side effect happens, staff help you feel at ease. "
            "Sometimes they give you another medicine to help.",
        ),
        (Topic.GETTING_HOME, _placeholder("how to get home after an IM visit")),
        (
            Topic.AFTERWARDS,
            NEXT_TREATMENT + "\n\nYou may need IM treatments more often than IV treatments.",
        ),
    ],
    "spravato": [
        (Topic.WHAT_TO_BRING, _placeholder("what to bring to a first Spravato visit")),
        (Topic.HOW_LONG, "Plan to stay with us for at least 2 hours after you use the spray."),
        (
            Topic.WHAT_HAPPENS,
            "Spravato is only given at a certified treatment center, one that is part of a drug safety program "
            "called REMS.\n\nYou use the nasal spray yourself, while a health care provider watches.",
        ),
        (Topic.MONITORING, "We check your blood pressure.\n\nWe watch over you for at least 2 hours after the spray."),
        (
            Topic.GETTING_HOME,
            "Do not drive until the next day, after a restful night's sleep. Please plan for someone to take you home.",
        ),
        (Topic.AFTERWARDS, _placeholder("what comes after a first Spravato visit")),
    ],
}
# --- end of first visit -------------------------------------------------------------------------------------------


def _treatment_for(slug: str | None) -> Treatment | None:
    """The treatment first shipped at `slug`, even under a new address staff gave it since."""
    return treatment_at(slug=slug, include_drafts=True)[0] if slug else None


TREATMENT_WORDS = ("name", "summary", "seo_title", "seo_description", "body", "what_to_expect", *COST_WORDS)
ROUTE_WORDS = ("name", "effectiveness", "onset", "recovery", "adjustable", "needle_sticks", "notes")


def _for(slug: str | None) -> Callable[[], Treatment | None]:
    """The treatment shipped as `slug`, looked up when it is needed (a record is created, or found)."""
    return lambda: _treatment_for(slug)


SHIPPED = [
    *(
        Shipped(
            f"treatment:{data['slug']}",
            Treatment,
            words={name: data[name] for name in TREATMENT_WORDS},
            initial={
                "is_published": True,
                **{name: value for name, value in data.items() if name not in TREATMENT_WORDS},
            },
            find=_for(data["slug"]),
        )
        for data in TREATMENTS
    ),
    *(
        Shipped(
            f"route:{data['key']}",
            Route,
            words={name: data[name] for name in ROUTE_WORDS},
            initial={"ordering": position * 10, "treatment": _for(data["treatment_slug"])},
            find={"name": data["name"]},
        )
        for position, data in enumerate(ROUTES, start=1)
    ),
    *(
        Shipped(
            f"faq:{key}",
            Faq,
            words={"question": question, "answer": answer},
            initial={"ordering": position * 10, "treatment": _for(treatment_slug)},
            find={"question": question},
        )
        for position, (key, treatment_slug, question, answer) in enumerate(FAQS, start=1)
    ),
    *(
        Shipped(
            f"education-section:{slug}",
            EducationSection,
            words={"heading": heading, "body": body},
            initial={"slug": slug, "ordering": position * 10},
            find={"slug": slug},
        )
        for position, (slug, heading, body) in enumerate(SECTIONS, start=1)
    ),
    *(
        Shipped(
            f"first-visit:{slug}:{topic}",
            FirstVisitSection,
            words={"body": body},
            initial={"treatment": _for(slug), "topic": topic, "ordering": position * 10},
        )
        for slug, sections in FIRST_VISIT.items()
        for position, (topic, body) in enumerate(sections, start=1)
    ),
]


def load_initial_content():
    return load_shipped(SHIPPED)
