"""Record domain events in the audit trail: ``audit.record("x.y", actor=…)``."""

import logging

logger = logging.getLogger(__name__)


def record(name: str, *, actor=None, target=None, **data):
    """Add one event to the audit trail and return it.

    ``name`` is a dotted verb such as ``ideation.idea.posted``. ``actor`` is
    the user who acted, or None for the system or an anonymous guest.
    ``target`` is the model instance acted on, and ``data`` contains
    JSON-friendly details (ids, old and new values), never passwords or
    tokens. Call it inside the service's transaction.
    """
    from django.contrib.contenttypes.models import ContentType

    from audit.models import AuditEvent

    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    event = AuditEvent(name=name, actor=actor, data=data)
    if target is not None:
        event.target_type = ContentType.objects.get_for_model(
            target, for_concrete_model=False
        )
        event.target_id = str(target.pk)
    event.save()
    logger.info(
        "audit %s by user %s on %s %s",
        name,
        getattr(actor, "pk", None),
        event.target_type_id,
        event.target_id,
    )
    return event
