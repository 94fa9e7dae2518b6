from django.contrib.admin.apps import AdminConfig


class ClinicAdminConfig(AdminConfig):
    """django.contrib.admin with the clinic's admin site (second factor) as `admin.site`."""

    default_site = "staff.admin_site.ClinicAdminSite"
