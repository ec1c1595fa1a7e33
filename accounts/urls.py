from django.urls import path

from .views import invitations, oidc, personal_data, profile, sign_in

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

urlpatterns += [
    path("profil/", profile.profile, name="profile"),
    path("mes-donnees/", personal_data.export_data, name="export_data"),
    path("mes-donnees/supprimer/", personal_data.erase, name="erase_account"),
]
