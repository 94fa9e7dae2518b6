from django_tasks import task

from . import services


@task()
def send_email(*, email_id: int) -> str | None:
    status = services.deliver(email_id=email_id)
    return status and str(status)
