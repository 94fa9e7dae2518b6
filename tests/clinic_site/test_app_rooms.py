"""The rooms of the project: each app imports only apps below it, never one that imports it back."""

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

from django.apps import apps

PROJECT = Path(__file__).resolve().parents[2]


def first_party_apps() -> dict[str, Path]:
    """{module name: folder} of every installed app that lives in this repository."""
    return {
        config.name: Path(config.path)
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(PROJECT) and "." not in config.name
    }


def imported_apps(folder: Path, names: set[str]) -> set[str]:
    """The other apps a folder's code imports (migrations included: they run as the app's code)."""
    found = set()
    for source in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(), filename=str(source))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
    return (found & names) - {folder.name}


def test_the_apps_import_each_other_in_one_direction_only():
    folders = first_party_apps()
    graph = {name: imported_apps(folder, set(folders)) for name, folder in folders.items()}
    assert {"content", "staff", "translation", "intake", "booking", "treatments", "publishing", "sitetext"} <= set(
        graph
    )
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as cycle:
        raise AssertionError(f"Apps import each other: {' -> '.join(cycle.args[1])}") from None
    assert order.index("treatments") < order.index("intake")  # intake builds on treatments, never the reverse
    assert order.index("intake") < order.index("booking")  # booking builds on intake's requests, never the reverse
    assert order.index("publishing") < order.index("sitetext")


def test_every_first_party_package_is_in_ruff_s_first_party_list():
    import tomllib

    settings = tomllib.loads((PROJECT / "pyproject.toml").read_text())
    known = set(settings["tool"]["ruff"]["lint"]["isort"]["known-first-party"])
    packages = {path.parent.name for path in PROJECT.glob("*/__init__.py")}
    assert packages <= known, packages - known
