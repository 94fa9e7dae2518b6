from . import services


def page_deleted(sender, instance, **kwargs):
    services.forget_page(page=instance)
