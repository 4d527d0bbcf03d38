from django.urls import path

from wayfinder.accounts.views import owners, sessions, signin, signup

app_name = "accounts"

urlpatterns = [
    path("signin/", signin.signin, name="signin"),
    path("signin/link/<str:token>/", signin.signin_link, name="signin-link"),
    path("signout/", signin.signout, name="signout"),
    path("account/password/", signin.password, name="password"),
    path("account/sessions/", sessions.sessions, name="sessions"),
    path(
        "account/sessions/sign-out-everywhere/",
        sessions.sign_out_everywhere,
        name="sign-out-everywhere",
    ),
    path("signup/", signup.signup, name="signup"),
    path("signup/<str:token>/", signup.signup_invitation, name="signup-invitation"),
    path("account/notices/<int:notice_id>/dismiss/", signup.notice_dismiss, name="notice-dismiss"),
    # The instance administrator's pages: accounts and counts, never an owner's record.
    path("instance/owners/", owners.owners, name="owners"),
    path(
        "instance/owners/<int:user_id>/deactivate/",
        owners.owner_deactivate_view,
        name="owner-deactivate",
    ),
    path(
        "instance/owners/<int:user_id>/reactivate/",
        owners.owner_reactivate_view,
        name="owner-reactivate",
    ),
    path("instance/owners/<int:user_id>/delete/", owners.owner_delete_view, name="owner-delete"),
    path("instance/invitations/", owners.invitations, name="invitations"),
    path(
        "instance/invitations/<int:invitation_id>/send-again/",
        owners.invitation_renew,
        name="invitation-renew",
    ),
    path(
        "instance/invitations/<int:invitation_id>/cancel/",
        owners.invitation_cancel,
        name="invitation-cancel",
    ),
]
