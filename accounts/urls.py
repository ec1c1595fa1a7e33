from django.urls import path

from .views import invitations, oidc, sign_in

app_name = "accounts"

urlpatterns = [
    path("connexion/", sign_in.SignInView.as_view(), name="login"),
    path("deconnexion/", sign_in.SignOutView.as_view(), name="logout"),
    path("deconnecte/", sign_in.SignedOutView.as_view(), name="signed_out"),
    path("connexion/sso/", oidc.start, name="oidc_start"),
    path("connexion/sso/retour/", oidc.callback, name="oidc_callback"),
]

urlpatterns += [
    path("invitations/", invitations.invite, name="invite"),
    path("invitation/<str:token>/", invitations.accept, name="accept_invitation"),
]
