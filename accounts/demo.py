"""Demo content of accounts: the legal facts of the site and one invitation.

Called by ``manage.py seed_demo`` after the core content. The legal facts
fill only the settings fields that are still empty, and the invitation is
created once: running it again changes nothing that exists.
"""

import datetime
import logging
import secrets

from django.utils import timezone
from wagtail.models import Site

from home.models import SiteSettings

from .models import Invitation

logger = logging.getLogger(__name__)

LEGAL_FACTS = {
    "accessibility_rate": 82,
    "accessibility_audit_date": datetime.date(2026, 9, 15),
    "accessibility_auditor": "Direction du numérique du Département",
    "accessibility_contact": "accessibilite@example.org",
    "publisher_name": "Département (démonstration)",
    "publisher_address": (
        "Hôtel du Département\n1 place de la Préfecture\n00000 Exemple"
    ),
    "publication_director": "Le président du conseil départemental",
    "host_name": "Direction du numérique du Département",
    "host_address": "Centre de données départemental\n00000 Exemple",
    "data_protection_officer_contact": "dpo@example.org",
}
DEMO_INVITATION_EMAIL = "invite.partenaire@example.org"


def seed(context) -> None:
    for site in Site.objects.all():
        context.command.fill_unset_fields(SiteSettings.for_site(site), LEGAL_FACTS)
    inviter = context.users.get("animateur@example.org")
    now = timezone.now()
    Invitation.objects.get_or_create(
        email=DEMO_INVITATION_EMAIL,
        defaults={
            "organisation": "Syndicat mixte du numérique (démonstration)",
            "invited_by": inviter,
            "secret": secrets.token_urlsafe(32),
            "expires_at": now + datetime.timedelta(days=14),
        },
    )
    context.command.log("accounts: legal facts and one pending invitation")
