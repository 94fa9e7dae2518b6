from django.db import models


class RoutineRun(models.Model):
    """One run of a routine job in one time slot; the unique pair lets exactly one worker run it."""

    job = models.CharField(max_length=60)
    slot = models.BigIntegerField(help_text="Seconds since 1970 divided by the job's interval.")
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    result = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [models.UniqueConstraint("job", "slot", name="jobs_one_run_per_slot")]

    def __str__(self):
        return f"{self.job} at {self.started_at:%Y-%m-%d %H:%M}"
