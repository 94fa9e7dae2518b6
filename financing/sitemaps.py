from django.db.models import Max

from translation.sitemaps import BilingualSitemap

from .models import FinancingPlan, FinancingProgram


class FinancingSitemap(BilingualSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return FinancingProgram.objects.filter(is_active=True)[:1]

    def lastmod(self, program):
        latest_plan = FinancingPlan.objects.filter(program=program).aggregate(latest=Max("updated_at"))["latest"]
        return max(filter(None, [program.updated_at, latest_plan]))
