from django_tasks import task

from . import services


@task()
def send_emails(*, email_ids: list[int]) -> list[str | None]:
    return [status and str(status) for status in services.deliver_all(email_ids=email_ids)]
