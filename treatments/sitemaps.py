from django.conf import settings
from django.urls import reverse

from translation.sitemaps import BilingualSitemap

from . import selectors


class TreatmentPagesSitemap(BilingualSitemap):
    """The fixed pages of the treatments app, dated by the newest content they show."""

    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return [
            "treatments:home",
            "treatments:list",
            "treatments:compare",
            "treatments:ketamine",
            "treatments:questions",
            "treatments:costs",
        ]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        if name == "treatments:compare":
            return max((route.updated_at for route in selectors.comparison_routes()), default=None)
        if name == "treatments:questions":
            return selectors.latest_question_update()
        if name == "treatments:ketamine":
            return max(
                filter(
                    None,
                    [
                        selectors.latest_update(queryset=selectors.education_sections()),
                        selectors.latest_update(queryset=selectors.general_faqs()),
                    ],
                ),
                default=None,
            )
        return selectors.latest_update(queryset=selectors.published_treatments())


class TreatmentSitemap(BilingualSitemap):
    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return selectors.published_treatments()

    def lastmod(self, treatment):
        return treatment.updated_at


class FirstVisitSitemap(BilingualSitemap):
    """Each treatment's first-visit page (issue 23.3), in Spanish once its words are translated."""

    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return selectors.first_visit_pages()

    def location(self, treatment):
        return reverse("treatments:first_visit", kwargs={"slug": treatment.slug})

    def lastmod(self, treatment):
        sections = selectors.shown_first_visit_sections(treatment=treatment)
        return max([treatment.updated_at, *(section.updated_at for section in sections)])

    def get_languages_for_item(self, treatment):
        if selectors.first_visit_spanish_missing(treatment=treatment):
            return [settings.LANGUAGE_CODE]
        return super().get_languages_for_item(treatment)
