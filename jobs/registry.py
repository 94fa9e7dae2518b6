"""The routine jobs, declared by each app in its own AppConfig as `routine_jobs = {name: RoutineJob(...)}`."""

from dataclasses import dataclass

from django.apps import apps


@dataclass(frozen=True)
class RoutineJob:
    function: str  # dotted path of a function that takes no arguments and returns a short result to record
    every_seconds: int


def routine_jobs() -> dict[str, RoutineJob]:
    declared: dict[str, RoutineJob] = {}
    for config in apps.get_app_configs():
        for name, job in getattr(config, "routine_jobs", {}).items():
            if name in declared:
                raise ValueError(f"Two apps declare the routine job {name!r}")
            declared[name] = job
    return declared
