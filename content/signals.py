from django.db.models import ProtectedError
from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils.text import capfirst

from .page_cache import clear_public_pages
from .registry import content_models


def content_changed(sender, **kwargs):
    clear_public_pages()


def refuse_deletion(sender, instance, **kwargs):
    what = f"{capfirst(instance._meta.verbose_name)} “{instance}”"
    raise ProtectedError(f"{what} is needed by the site: edit it instead of deleting it.", {instance})


def connect_content_signals() -> None:
    """Any save or delete of a content model clears the public page cache (bulk updates: ContentQuerySet).

    A model with `required_record = True` (a page every footer links to, say) is never deleted, by admin,
    code or shell: the signal also stops a queryset's bulk delete.
    """
    for model in content_models():
        label = model._meta.label_lower
        post_save.connect(content_changed, sender=model, dispatch_uid=f"content-saved:{label}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"content-deleted:{label}")
        if getattr(model, "required_record", False):
            pre_delete.connect(refuse_deletion, sender=model, dispatch_uid=f"content-required:{label}")
