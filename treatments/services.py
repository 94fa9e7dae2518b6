"""Treatment content: what the public may see, moved page addresses, and search-engine data."""

from django.db.models import Max, Prefetch

from clinic.staff_accounts import is_verified_staff

from .models import EducationSection, Faq, HistoricalTreatment, Route, Treatment, TreatmentSlugRedirect

PREVIEW_PERMISSION = "treatments.view_treatment"


def published_treatments():
    return Treatment.objects.filter(is_published=True)


def can_preview_drafts(*, user):
    # Staff as the admin sees them: with a verified second factor where one is required.
    return is_verified_staff(user=user) and user.has_perm(PREVIEW_PERMISSION)


def find_treatment(*, slug, include_drafts=False):
    """The treatment at `slug` with its published FAQs and routes loaded, or None."""
    treatments = Treatment.objects.all() if include_drafts else published_treatments()
    treatments = treatments.prefetch_related(
        Prefetch("faqs", queryset=Faq.objects.filter(is_published=True)),
        Prefetch("routes", queryset=Route.objects.filter(is_published=True)),
    )
    return treatments.filter(slug=slug).first()


def find_moved_treatment(*, old_slug, include_drafts=False):
    """The treatment that used to live at `old_slug`, or None.

    Recorded redirects come first; the change history catches renames made outside the admin.
    """
    treatments = Treatment.objects.all() if include_drafts else published_treatments()
    redirect = TreatmentSlugRedirect.objects.filter(old_slug=old_slug).values_list("treatment_id", flat=True).first()
    if redirect is None:
        redirect = HistoricalTreatment.objects.filter(slug=old_slug).order_by("-history_date").values_list("id", flat=True).first()
    if redirect is None:
        return None
    return treatments.exclude(slug=old_slug).filter(pk=redirect).first()


def record_slug_change(*, treatment, previous_slug):
    """Keep `previous_slug` answering with a redirect to `treatment`'s current address."""
    TreatmentSlugRedirect.objects.filter(old_slug=treatment.slug).delete()
    if not previous_slug or previous_slug == treatment.slug:
        return None
    redirect, _ = TreatmentSlugRedirect.objects.update_or_create(
        old_slug=previous_slug, defaults={"treatment": treatment}
    )
    return redirect


def comparison_routes():
    return Route.objects.filter(is_published=True).select_related("treatment")


def education_sections():
    return EducationSection.objects.filter(is_published=True)


def general_faqs():
    return Faq.objects.filter(is_published=True, treatment__isnull=True)


def latest_update(queryset):
    return queryset.aggregate(latest=Max("updated_at"))["latest"]


def treatment_seo(*, treatment):
    return {
        "title": treatment.seo_title or treatment.name,
        "description": treatment.seo_description or treatment.summary,
    }


def treatment_json_ld(*, treatment, url):
    """schema.org data for a treatment page: a MedicalTherapy, with its Drug when it is a branded medicine."""
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalTherapy",
        "name": treatment.name,
        "description": treatment.seo_description or treatment.summary,
        "url": url,
        "relevantSpecialty": "Psychiatric",
    }
    if treatment.last_reviewed:
        data["lastReviewed"] = treatment.last_reviewed.isoformat()
    if treatment.drug_name:
        drug = {"@type": "Drug", "name": treatment.drug_name}
        if treatment.drug_active_ingredient:
            drug["activeIngredient"] = treatment.drug_active_ingredient
            drug["nonProprietaryName"] = treatment.drug_active_ingredient
        data["drug"] = drug
    return data
