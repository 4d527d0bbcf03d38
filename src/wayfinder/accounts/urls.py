from django.urls import path

from wayfinder.accounts.views import signin

app_name = "accounts"

urlpatterns = [
    path("signin/", signin.signin, name="signin"),
    path("signin/link/<str:token>/", signin.signin_link, name="signin-link"),
    path("signout/", signin.signout, name="signout"),
    path("account/password/", signin.password, name="password"),
]
