"""Who may do what in the Smart Store: one place for every check."""

from accounts.groups import STORE_STAFF

from .errors import StoreError


def is_store_staff(user) -> bool:
    """Return True for members of the store staff group and superusers."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=STORE_STAFF).exists()


def can_use_agent_services(user) -> bool:
    """Return True when ``user`` may reserve equipment and ask for help.

    Pages use it to offer those actions only to people that ``check_agent``
    lets through.
    """
    return (
        user.is_authenticated
        and user.is_active
        and not getattr(user, "is_partner", False)
    )


def check_agent(user) -> None:
    """Raise unless ``user`` is a signed-in, active staff member of the département.

    External partners see no internal service, so they cannot reserve or ask
    for help.
    """
    if not user.is_authenticated:
        raise StoreError("sign_in_required")
    if not user.is_active or getattr(user, "is_partner", False):
        raise StoreError("forbidden")


def check_store_staff(user) -> None:
    if not user.is_authenticated:
        raise StoreError("sign_in_required")
    if not is_store_staff(user):
        raise StoreError("forbidden")
