"""The staff roles from the brief, as exact permission sets.

Content editors change every public text: every permission on the models of every content app
(content.registry). Clinical reviewers view and change the same content, and an app may grant them more
(the publishing app: publishing a page that needs a clinical review). Intake coordinators work the
waitlist: the permissions an app grants them in its own AppConfig
(`role_permissions = {INTAKE_COORDINATORS: ["change", "view"]}`). Privacy officers read the access record
and erase a person who asks for it (intake's "erase" permission), nothing else. Editors and coordinators cannot do
each other's work. Migrations call `sync_roles`, so a fresh database gets the groups; when a model is
added, a new migration calls it again.
"""

from django.apps import apps as installed_apps

CONTENT_EDITORS = "Content editors"
INTAKE_COORDINATORS = "Intake coordinators"
CLINICAL_REVIEWERS = "Clinical reviewers"
PRIVACY_OFFICERS = "Privacy officers"  # read the access record; erase a person on request (intake)
# What each role may do, in the words the user pages show beside the choice of role.
ROLE_DESCRIPTIONS = {
    CONTENT_EDITORS: (
        "Change every public text: treatments, FAQs, financing, clinic details, legal pages and page texts. "
        "Cannot see waitlist entries or call-back requests."
    ),
    CLINICAL_REVIEWERS: (
        "Check and change the same content, and alone may publish a page marked as needing a clinical review."
    ),
    INTAKE_COORDINATORS: (
        "Work the waitlist and call-back requests: statuses, the contact log and exports. "
        "Cannot change the site's content."
    ),
    PRIVACY_OFFICERS: (
        "Read and export the access record (who saw or changed which patient's record), and erase a person's "
        "requests when they ask. Cannot open the requests themselves."
    ),
}
ALL_ACTIONS = ["add", "change", "delete", "view"]
REVIEWER_CONTENT_ACTIONS = ["change", "view"]


def declared_actions() -> dict[str, dict[str, list[str]]]:
    """{app label: {group name: actions}}, as the installed apps declare them."""
    from content.registry import ContentAppConfig

    declared = {}
    for config in installed_apps.get_app_configs():
        roles = dict(getattr(config, "role_permissions", {}))
        if isinstance(config, ContentAppConfig):
            roles.setdefault(CONTENT_EDITORS, ALL_ACTIONS)
            roles.setdefault(CLINICAL_REVIEWERS, REVIEWER_CONTENT_ACTIONS)
        if roles:
            declared[config.label] = roles
    return declared


def role_permissions(apps) -> dict[str, set[tuple[str, str]]]:
    """Map each group name to the (app_label, codename) pairs it should hold."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    declared = declared_actions()
    wanted: dict[str, set[tuple[str, str]]] = {
        CONTENT_EDITORS: set(),
        INTAKE_COORDINATORS: set(),
        CLINICAL_REVIEWERS: set(),
        PRIVACY_OFFICERS: set(),
    }
    for content_type in ContentType.objects.filter(app_label__in=list(declared)):
        for group, actions in declared[content_type.app_label].items():
            wanted.setdefault(group, set()).update(
                (content_type.app_label, f"{action}_{content_type.model}") for action in actions
            )
    return wanted


def sync_roles(apps, schema_editor=None) -> None:
    """From a migration: create the permissions of every model so far, then the groups (`sync_groups`)."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    sync_groups(apps)


def sync_groups(apps) -> None:
    """Create each role's group, or set it back, with exactly its permissions (which must exist)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in role_permissions(apps).items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = [
            permission
            for permission in Permission.objects.select_related("content_type")
            if (permission.content_type.app_label, permission.codename) in wanted
        ]
        group.permissions.set(permissions)
