"""Owed email: never sent inside a request, never lost while the mail server is away, never sent twice."""

import sqlite3
from datetime import timedelta
from email import message_from_string

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from intake.models import IntakeRequest
from jobs.models import RoutineRun
from jobs.registry import RoutineJob, routine_jobs
from jobs.services import run_routine_job, schedule_routine_jobs
from outbox import services
from outbox.models import OutgoingEmail
from tests.factories import waitlist_form_data
from tests.faults import silent_server
from tests.support.server import manage, production_env, task_worker
from tests.support.smtp import HoldingInbox, Inbox, smtp_server

pytestmark = pytest.mark.django_db


def make_due_now():
    """Skip the retry pause, as if it had passed."""
    DBTaskResult.objects.filter(run_after__isnull=False).update(run_after=timezone.now() - timedelta(seconds=1))


def test_mail_owed_during_an_outage_goes_out_exactly_once_when_the_server_returns(
    client, initial_content, run_worker, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_TIMEOUT = 0.5
    with silent_server() as silent:
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", silent.port
        assert client.post("/waitlist/spravato/", waitlist_form_data()).status_code == 302
        assert run_worker() == 1  # one task for both emails; both tries time out, the emails stay owed
    owed = OutgoingEmail.objects.all()
    assert [email.status for email in owed] == ["pending", "pending"]
    assert {email.last_error for email in owed} == {"SMTPServerDisconnected"}

    inbox = Inbox()
    with smtp_server(inbox) as port:  # the mail server answers again (where the settings now say it is)
        settings.EMAIL_PORT = port
        make_due_now()
        assert run_worker() == 2  # each email was asked for again on its own
        make_due_now()
        run_worker()  # nothing is left to send, and nothing is sent again
    recipients = sorted(rcpt for rcpt_tos, _ in inbox.messages for rcpt in rcpt_tos)
    assert recipients == sorted(["alex@example.com", settings.STAFF_NOTIFICATION_EMAIL])
    entry = IntakeRequest.objects.get()
    entry.confirmation_email.refresh_from_db()
    assert entry.confirmation_email.status == OutgoingEmail.Status.SENT
    assert entry.confirmation_email.body == ""  # the removal link is not kept once sent


def test_an_email_is_claimed_before_sending_so_it_is_never_sent_twice(initial_content, settings):
    with_link = services.record_email(purpose="test", recipient="a@example.com", subject="Hello", body="Body")
    assert services.deliver_all(email_ids=[with_link.pk]) == [OutgoingEmail.Status.SENT]
    assert services.deliver_all(email_ids=[with_link.pk]) == [None]  # a second task for the same email does nothing
    assert len(mail.outbox) == 1


def test_retry_pauses_grow_and_are_capped_at_a_minute():
    pauses = [services.retry_pause_seconds(attempts=attempt) for attempt in range(1, 8)]
    assert pauses == [5, 10, 20, 40, 60, 60, 60]


def test_an_email_still_failing_after_the_give_up_time_is_marked_for_coordinators(initial_content, settings):
    settings.EMAIL_BACKEND = "tests.intake.test_waitlist_services.BrokenMailBackend"
    email = services.record_email(purpose="test", recipient="a@example.com", subject="Hello", body="Body")
    OutgoingEmail.objects.filter(pk=email.pk).update(
        created_at=timezone.now() - timedelta(hours=settings.OUTBOX_GIVE_UP_HOURS + 1)
    )
    assert services.deliver_all(email_ids=[email.pk]) == [OutgoingEmail.Status.FAILED]


def test_an_email_left_sending_by_a_worker_that_died_is_asked_for_again(initial_content):
    email = services.record_email(purpose="test", recipient="a@example.com", subject="Hello", body="Body")
    assert not DBTaskResult.objects.exists()  # no task asks for it: it was lost with the worker
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=OutgoingEmail.Status.SENDING, next_attempt_at=timezone.now() - timedelta(seconds=1)
    )
    assert services.requeue_stalled_emails() == 1
    assert DBTaskResult.objects.count() == 1
    assert services.deliver_all(email_ids=[email.pk]) == [OutgoingEmail.Status.SENT]


def test_sent_emails_no_record_points_to_are_pruned_after_thirty_days(client, initial_content, run_worker):
    client.post("/waitlist/spravato/", waitlist_form_data())
    run_worker()
    OutgoingEmail.objects.update(created_at=timezone.now() - timedelta(days=31))
    assert services.prune_sent_emails() == 1  # the staff notice; the confirmation stays with its entry
    assert IntakeRequest.objects.get().confirmation_email is not None


def test_each_routine_job_runs_once_per_slot_and_queues_its_next_run(initial_content, run_worker, monkeypatch):
    tick = RoutineJob(function="outbox.services.requeue_stalled_emails", every_seconds=3600)
    monkeypatch.setattr("jobs.services.routine_jobs", lambda: {"tick": tick})
    schedule_routine_jobs()
    schedule_routine_jobs()  # a second worker starting: the same slot is queued twice
    assert run_worker() == 2
    (run,) = RoutineRun.objects.all()
    assert run.job == "tick" and run.finished_at is not None and run.result == "0"
    (next_run,) = DBTaskResult.objects.filter(status="READY")
    assert next_run.args_kwargs["kwargs"] == {"job": "tick", "slot": run.slot + 1}
    assert next_run.run_after.timestamp() == (run.slot + 1) * 3600
    assert run_routine_job(job="tick", slot=run.slot) == "already ran"


def test_the_waitlist_retention_purge_is_a_daily_routine_job():
    job = routine_jobs()["purge-waitlist"]
    assert job == RoutineJob(function="intake.services.retention.purge_expired_entries", every_seconds=24 * 3600)


def message_ids(inbox):
    return [message_from_string(content)["Message-ID"] for _, content in inbox.messages]


def test_an_email_goes_to_the_mail_server_once_with_the_message_id_it_was_recorded_with(initial_content, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.DEFAULT_FROM_EMAIL = "Resilience Integrative Wellness <no-reply@clinic.example.org>"
    owed = services.record_email(purpose="test", recipient="a@example.com", subject="Hello", body="Body")
    assert owed.message_id.startswith("<") and owed.message_id.endswith("@clinic.example.org>")
    inbox = Inbox()
    with smtp_server(inbox) as port:
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        assert services.deliver_all(email_ids=[owed.pk]) == [OutgoingEmail.Status.SENT]
        assert services.deliver_all(email_ids=[owed.pk]) == [None]
    assert message_ids(inbox) == [owed.message_id]


STALLED_AFTER_SECONDS = 20  # the shortest the settings allow with a 1-second mail-server timeout


def outbox_rows(database):
    with sqlite3.connect(database) as connection:
        return connection.execute("SELECT status, message_id FROM outbox_outgoingemail").fetchall()


RECORD_ONE = (
    "from outbox.services import record_email, send_soon; "
    "send_soon(emails=[record_email(purpose='test', recipient='a@example.com', subject='Hello', body='Body')])"
)


def claimed_sooner(database, *, seconds):
    """Move the claim's deadline back, instead of waiting for it."""
    with sqlite3.connect(database) as connection:
        connection.execute(
            "UPDATE outbox_outgoingemail SET next_attempt_at = datetime(next_attempt_at, ?)", (f"-{seconds} seconds",)
        )


REQUEUE = "from outbox.services import requeue_stalled_emails; print(requeue_stalled_emails())"


@pytest.mark.own_database
def test_a_worker_killed_while_the_server_holds_the_email_leaves_it_to_go_again_later_as_the_same_message(
    tmp_path, sqlite_sites
):
    database = sqlite_sites.copy(tmp_path / "outbox.sqlite3", content=False)
    inbox = HoldingInbox()
    with smtp_server(inbox) as port:
        env = production_env(
            database="unused",
            cache_url="locmemcache://",
            DATABASE_URL=f"sqlite:///{database}",
            EMAIL_URL=f"smtp://127.0.0.1:{port}",
            EMAIL_TIMEOUT="1",
            OUTBOX_STALLED_AFTER_SECONDS=str(STALLED_AFTER_SECONDS),
        )
        manage(env, "shell", "-v0", "-c", RECORD_ONE)
        with task_worker(env) as worker:
            assert inbox.holding.wait(timeout=60), "the worker never sent the email"
            worker.kill()  # SIGKILL: the mail server has the whole message, the worker never hears "accepted"
            worker.wait(timeout=10)
        inbox.release.set()
        [(status, message_id)] = outbox_rows(database)
        assert status == "sending"
        assert manage(env, "shell", "-v0", "-c", REQUEUE).strip() == "0"  # too soon: it may still be on its way

        claimed_sooner(database, seconds=STALLED_AFTER_SECONDS + 1)  # as if that long had passed
        assert manage(env, "shell", "-v0", "-c", REQUEUE).strip() == "1"
        manage(env, "worker", "--batch")
        assert outbox_rows(database) == [("sent", message_id)]
    assert message_ids(inbox) == [message_id, message_id]  # twice, as one message to the mail client
