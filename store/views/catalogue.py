"""The single action of a catalogue service, counted as demand."""

import logging

from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from cms.ratelimit import client_key

from ..catalogue import count_demand_once
from ..models import ServicePage
from ..models.catalogue import ServiceAction

logger = logging.getLogger(__name__)


def get_action_url(request, service: ServicePage) -> str | None:
    """Return where the service's action leads, or None when it has no target."""
    key = str(service.translation_key)
    if service.action == ServiceAction.RESERVE and service.equipment_type_id:
        query = urlencode({"type": service.equipment_type_id, "service": key})
        return f"{reverse('store:reserve')}?{query}"
    if service.action == ServiceAction.HELP:
        return f"{reverse('store:help_new')}?{urlencode({'service': key})}"
    if service.action == ServiceAction.TRAINING and service.training_event_id:
        event = service.training_event.localized
        return event.get_url(request) if event.live else None
    if service.action == ServiceAction.EXTERNAL and service.external_url:
        return service.external_url
    return None


@require_GET
def service_action(request, service_key):
    """Follow a service's action. Trainings and external links count here;
    reservations and help requests count when they are made."""
    service = (
        ServicePage.objects.live().public().filter(translation_key=service_key).first()
    )
    if service is None:
        raise Http404("no live service has this key")
    service = service.localized.specific
    url = get_action_url(request, service)
    if url is None:
        raise Http404("this service has no action target")
    if service.action in (ServiceAction.TRAINING, ServiceAction.EXTERNAL):
        counted = count_demand_once(service.translation_key, client_key(request))
        logger.info(
            "service %s action %s followed (counted: %s)",
            service.pk,
            service.action,
            counted,
        )
    return HttpResponseRedirect(url)
