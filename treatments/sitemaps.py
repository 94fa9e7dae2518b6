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
            return selectors.latest_update(queryset=selectors.comparison_routes())
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
