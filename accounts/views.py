import logging

from django.contrib.auth import views as auth_views

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
    template_name = "accounts/logged_out.html"
