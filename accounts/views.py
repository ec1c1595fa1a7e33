"""Sign-in and sign-out pages for local accounts."""

import logging

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.views.generic import TemplateView

from .forms import EmailAuthenticationForm

logger = logging.getLogger(__name__)


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        logger.info("user %s signed in", self.request.user.pk)
        return response


class SignOutView(auth_views.LogoutView):
    """Sign out on POST only, then redirect to the signed-out page.

    Django's ``LogoutView`` accepts no GET, so a link or a prefetch cannot
    sign anyone out.
    """

    next_page = reverse_lazy("accounts:signed_out")

    def post(self, request, *args, **kwargs):
        user_id = request.user.pk
        response = super().post(request, *args, **kwargs)
        if user_id is not None:
            logger.info("user %s signed out", user_id)
        return response


class SignedOutView(TemplateView):
    template_name = "accounts/logged_out.html"
