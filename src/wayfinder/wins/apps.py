from django.apps import AppConfig


class WinsConfig(AppConfig):
    name = "wayfinder.wins"
    label = "wins"

    def ready(self) -> None:
        # wins sits above network: the person page shows wins through this hook, so
        # network imports nothing of wins.
        from wayfinder.network.person_page import PersonSection, person_section_register
        from wayfinder.wins.views.person import person_wins

        person_section_register(PersonSection(template="wins/_person_wins.html", read=person_wins))
        # Sponsor candidates rank by the top wins a leader knows, read the same way.
        from wayfinder.network.candidates import wins_known_reader
        from wayfinder.wins.selectors import top_wins_known

        wins_known_reader(top_wins_known)
