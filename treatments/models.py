from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


class Treatment(models.Model):
    class Status(models.TextChoices):
        AVAILABLE = "available", "Available"
        WAITLIST = "waitlist", "Waitlist"
        COMING_SOON = "coming_soon", "Coming soon"

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=80, unique=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.AVAILABLE)
    summary = models.CharField(max_length=300, help_text="One or two plain sentences for cards and lists.")
    body = models.TextField(blank=True, help_text="Markdown. HTML is removed for safety.")
    what_to_expect = models.TextField(blank=True, help_text="Markdown. HTML is removed for safety.")
    ordering = models.PositiveSmallIntegerField(default=0)
    is_published = models.BooleanField("published", default=False)
    seo_title = models.CharField("SEO title", max_length=70, blank=True)
    seo_description = models.CharField("SEO description", max_length=160, blank=True)
    last_reviewed = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["ordering", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("treatments:detail", kwargs={"slug": self.slug})
