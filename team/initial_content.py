"""What a fresh site ships of the team: no person. The brief names none, so the one profile shipped is a
PLACEHOLDER that shows staff what to write; patients never see it, and the go-live checklist lists it until staff
write a real profile or delete it."""

from publishing.shipped import Shipped, load_shipped

from .models import Provider

SHIPPED = [
    Shipped(
        "provider:placeholder",
        Provider,
        words={
            "role": "PLACEHOLDER: what this person does at the clinic, such as Medical director",
            "bio": "PLACEHOLDER: two or three plain sentences that introduce this person. Patients do not see this "
            "profile until you write a real one.",
        },
        initial={"name": "PLACEHOLDER: the provider's name", "ordering": 10},
    ),
]


def load_initial_content():
    return load_shipped(SHIPPED)
