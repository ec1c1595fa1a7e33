"""Who reads the indicators: the committee and the editors, nobody else."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

VIEW_PERMISSION = "stats.view_indicators"
FREEZE_PERMISSION = "stats.freeze_quarter"


def can_view_indicators(user) -> bool:
    return user.is_active and user.has_perm(VIEW_PERMISSION)


def can_freeze_quarter(user) -> bool:
    return user.is_active and user.has_perm(FREEZE_PERMISSION)


def check_can_view_indicators(user) -> None:
    if not can_view_indicators(user):
        raise PermissionDenied(
            _("The indicators are for the programming committee and the editors.")
        )


def check_can_freeze_quarter(user) -> None:
    if not can_freeze_quarter(user):
        raise PermissionDenied(_("Only the programming committee freezes a quarter."))
