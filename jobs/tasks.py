from django_tasks import task

from . import services


@task()
def routine_job(*, job: str, slot: int) -> str:
    return services.run_routine_job(job=job, slot=slot)
