from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "wayfinder.sharing"
    label = "sharing"

    def ready(self) -> None:
        # sharing sits above the practice apps and guidance: what viewers send back shows
        # on the items' own pages and in the owner's week through these hooks, so neither
        # the practice apps nor guidance import sharing.
        from django.contrib.auth.signals import user_logged_in

        from wayfinder.core.item_page import ItemSection, item_section_register
        from wayfinder.core.navigation import account_links_register
        from wayfinder.core.owner_removal import owner_removal_register
        from wayfinder.guidance.selectors import week_source_register
        from wayfinder.sharing.collaboration_selectors import item_page_section, week_items
        from wayfinder.sharing.navigation import shared_with_me_links, shared_with_me_warm
        from wayfinder.sharing.owner_removal import shares_end_for_owner_removal

        item_section_register(
            ItemSection(template="sharing/_item_comments.html", read=item_page_section)
        )
        week_source_register(week_items)
        # An owner deleted from the instance: their shares end and viewers are told first.
        owner_removal_register(shares_end_for_owner_removal)
        # An owner who is someone else's viewer: "Shared with me" beside Sharing.
        account_links_register(shared_with_me_links)
        user_logged_in.connect(shared_with_me_warm, dispatch_uid="sharing.shared_with_me_warm")
