from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "wayfinder.plan"
    label = "plan"

    def ready(self) -> None:
        # plan sits above network: mentor candidates are matched on the plan's skills
        # through this reader, so network imports nothing of plan.
        from wayfinder.network.candidates import skill_needs_reader
        from wayfinder.plan.selectors import skill_needs

        skill_needs_reader(skill_needs)
