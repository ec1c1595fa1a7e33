"""Template tags of the Smart Lab used outside its own pages."""

from django import template

from ideation.notifications import unread_count

register = template.Library()


@register.inclusion_tag("ideation/includes/bell.html", takes_context=True)
def lab_notification_bell(context):
    """Render the link to the person's Smart Lab news with the unread count."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return {"show": False}
    return {"show": True, "unread": unread_count(user)}
