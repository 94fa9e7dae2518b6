"""The Spanish pages say the most sensitive facts plainly and exactly (issue 23.8), read through their structure."""

import pytest

from tests.markup import soup, text

pytestmark = pytest.mark.django_db


def test_the_spravato_page_gives_the_fda_indication_exactly_in_both_languages(client, initial_content):
    items = {}
    for prefix in ("", "/es"):
        body = soup(client.get(prefix + "/treatments/spravato/")).select_one("#treatment-content .prose")
        items[prefix] = [text(item) for item in body.ul.find_all("li", recursive=False)]
        lead = text(body.p)
    assert len(items["/es"]) == len(items[""]) == 2  # the same two uses, one bullet each
    assert lead.startswith("Spravato está aprobado por la FDA para adultos de 18 años o más")
    resistant, suicidal = items["/es"]
    assert "depresión resistente al tratamiento" in resistant and "al menos dos antidepresivos" in resistant
    assert "depresión mayor" in suicidal and "pensamientos o conductas suicidas" in suicidal
    assert "junto con un antidepresivo que se toma por la boca" in suicidal
    assert "para tratar los síntomas de depresión" in suicidal


@pytest.mark.parametrize("slug", ["iv-ketamine-infusion", "intramuscular-ketamine"])
def test_a_planning_answer_names_what_it_plans_under_either_question(client, initial_content, slug):
    faqs = soup(client.get(f"/es/treatments/{slug}/")).select_one(".faq-list")
    (question,) = [heading for heading in faqs.find_all("h3") if "planea" in text(heading)]
    answer = text(question.find_next_sibling("p"))
    assert answer == "Planeamos su próximo tratamiento según cómo le fue con el primero."
