"""Sign-in and sign-out pages for local accounts and single sign-on."""

import logging

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.views.generic import TemplateView
from wagtail.admin.views import account as wagtail_account_views

from cms.ratelimit import rate_limited

from ..forms import EmailAuthenticationForm
from ..language import language_after_sign_in, url_in_language
from ..oidc import client as oidc_client

logger = logging.getLogger(__name__)

# Sign-in attempts per client address (or signed-in user) per minute. The
# lockout counts failures per account and per address over a longer window,
# so this limit only stops floods. A workshop room behind one NAT address can
# see 40 or more people sign in within a minute, which must pass.
SIGN_IN_RATE = {"limit": 120, "period": 60}
LOCKED_STATUS = 429


@method_decorator(rate_limited("sign_in", **SIGN_IN_RATE), name="dispatch")
class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sso"] = oidc_client.is_enabled()
        context["sso_provider_name"] = settings.OIDC["PROVIDER_NAME"]
        return context

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error("__all__", code="locked"):
            response.status_code = LOCKED_STATUS
        return response

    def form_valid(self, form):
        response = super().form_valid(form)
        user = self.request.user
        next_url = response["Location"]
        language = language_after_sign_in(user, next_url, self.request.path_info)
        logger.info("user %s signed in with a password, in %s", user.pk, language)
        return HttpResponseRedirect(url_in_language(self.request, next_url, language))


@method_decorator(rate_limited("sign_in", **SIGN_IN_RATE), name="dispatch")
class AdminSignInView(wagtail_account_views.LoginView):
    """Wagtail's admin sign-in page, with SignInView's rate limit and 429 lockout.

    It shares the ``sign_in`` rate-limit scope with ``SignInView``, so both
    pages count one client's attempts together. cms/urls.py serves it at
    Wagtail's own address, before the admin's URLs. When single sign-on is
    set up, the page offers it too, back to the admin afterwards.
    """

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sso"] = oidc_client.is_enabled()
        context["sso_provider_name"] = settings.OIDC["PROVIDER_NAME"]
        context["sso_next"] = self.get_redirect_url() or reverse("wagtailadmin_home")
        return context

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error("__all__", code="locked"):
            response.status_code = LOCKED_STATUS
        return response


class SignOutView(auth_views.LogoutView):
    """Sign out on POST only, then show the signed-out page.

    Django's ``LogoutView`` accepts no GET, so a link or a prefetch cannot
    sign anyone out. A person who came through single sign-on is also sent
    to the provider's logout endpoint when it has one.
    """

    next_page = reverse_lazy("accounts:signed_out")

    def post(self, request, *args, **kwargs):
        user_id = request.user.pk
        provider_logout_url = oidc_client.build_logout_url(request)
        response = super().post(request, *args, **kwargs)
        if user_id is not None:
            logger.info("user %s signed out", user_id)
        if provider_logout_url:
            return HttpResponseRedirect(provider_logout_url)
        return response


class SignedOutView(TemplateView):
    template_name = "accounts/logged_out.html"
