"""The two staff roles from the brief, as exact permission sets.

Content editors change every public text; intake coordinators work the
waitlist. Neither can do the other's work. Migrations call `sync_roles` so a
fresh database gets the groups; when a model is added, a new migration calls
it again.
"""

from django.contrib.auth.management import create_permissions

CONTENT_EDITORS = "Content editors"
INTAKE_COORDINATORS = "Intake coordinators"

CONTENT_APPS = ["clinic", "treatments", "financing"]
ALL_ACTIONS = ["add", "change", "delete", "view"]

# Coordinators update entries and their status; they never add or delete them by hand.
# Deletion is the retention command's job.
COORDINATOR_PERMISSIONS = {"waitlist": ["change", "view"]}


def role_permissions(apps):
    """Map each group name to the (app_label, codename) pairs it should hold."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    editor, coordinator = set(), set()
    for content_type in ContentType.objects.filter(app_label__in=CONTENT_APPS + list(COORDINATOR_PERMISSIONS)):
        model = content_type.model
        if content_type.app_label in CONTENT_APPS:
            editor.update((content_type.app_label, f"{action}_{model}") for action in ALL_ACTIONS)
        else:
            actions = COORDINATOR_PERMISSIONS[content_type.app_label]
            coordinator.update((content_type.app_label, f"{action}_{model}") for action in actions)
    return {CONTENT_EDITORS: editor, INTAKE_COORDINATORS: coordinator}


def sync_roles(apps, schema_editor=None):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
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
