from django.urls import path

from wayfinder.accounts.views import sessions, signin

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
]
