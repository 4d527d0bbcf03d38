from django.urls import path

from wayfinder.sharing.views import collaboration, owner, viewer

app_name = "sharing"

urlpatterns = [
    # The owner's side: every share, a new one previewed first, one share's page and log.
    path("", owner.sharing, name="sharing"),
    path("new/", owner.share_new, name="share-new"),
    path("pack/", owner.share_pack_view, name="pack"),
    path("<int:share_id>/", owner.share_detail, name="share"),
    path("<int:share_id>/revoke/", owner.share_revoke_view, name="share-revoke"),
    path("<int:share_id>/extend/", owner.share_extend_view, name="share-extend"),
    path("<int:share_id>/sections/", owner.share_sections_view, name="share-sections"),
    # The viewer's side: the invitation, "Shared with me", each share read-only.
    path("accept/<str:token>/", viewer.accept, name="accept"),
    path("shared/", viewer.shared_with_me, name="shared-with-me"),
    path("shared/<int:share_id>/", viewer.share_page, name="viewer-share"),
    path(
        "shared/<int:share_id>/plan/compare/",
        viewer.plan_compare_page,
        name="viewer-plan-compare",
    ),
    # A viewer's comments and proposals (before the catch-all section page).
    path("shared/<int:share_id>/comment/", collaboration.comment_add_view, name="comment-add"),
    path("shared/<int:share_id>/propose/", collaboration.proposal_add_view, name="proposal-add"),
    path(
        "shared/<int:share_id>/conversations/<int:conversation_id>/agenda/",
        collaboration.agenda_point_add_view,
        name="agenda-point-add",
    ),
    path("shared/<int:share_id>/<str:section>/", viewer.section_page, name="viewer-section"),
    # Comments and proposals: the owner answers them, a viewer writes them.
    path("proposals/", collaboration.proposals, name="proposals"),
    path(
        "proposals/<int:proposal_id>/accept/",
        collaboration.proposal_accept_view,
        name="proposal-accept",
    ),
    path(
        "proposals/<int:proposal_id>/decline/",
        collaboration.proposal_decline_view,
        name="proposal-decline",
    ),
    path(
        "comments/<int:comment_id>/reply/", collaboration.comment_reply_view, name="comment-reply"
    ),
    path(
        "comments/<int:comment_id>/resolve/",
        collaboration.comment_resolve_view,
        name="comment-resolve",
    ),
    path(
        "comments/<int:comment_id>/delete/",
        collaboration.comment_delete_view,
        name="comment-delete",
    ),
    path(
        "agenda-points/<int:point_id>/delete/",
        collaboration.agenda_point_delete_view,
        name="agenda-point-delete",
    ),
]
