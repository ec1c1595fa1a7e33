"""Helpers shared by the store views."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from ..errors import StoreError
from ..permissions import check_agent, check_store_staff


def render_page_or_partial(request, template, partial, context, status=200):
    """Render a named partial for htmx requests, else the whole page."""
    is_fragment = request.htmx and not request.htmx.history_restore_request
    name = f"{template}#{partial}" if is_fragment else template
    response = TemplateResponse(request, name, context, status=status)
    if is_fragment and status >= 400:
        # site.js lets htmx swap error responses that are written as fragments.
        response["HX-Reswap"] = "outerHTML"
    response["Vary"] = "HX-Request, Cookie"
    return response


def require_agent(view):
    """Send anonymous visitors to sign in, and return 403 to partners."""

    def wrapper(request, *args, **kwargs):
        try:
            check_agent(request.user)
        except StoreError as error:
            if error.code == "sign_in_required":
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied(error.message) from None
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def require_store_staff(view):
    """Send anonymous visitors to sign in, and return 403 to all but staff."""

    def wrapper(request, *args, **kwargs):
        try:
            check_store_staff(request.user)
        except StoreError as error:
            if error.code == "sign_in_required":
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied(error.message) from None
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def add_store_error(form, error: StoreError) -> None:
    """Attach a service error to its field, or to the whole form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)
