from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    name = "wayfinder.guidance"
    label = "guidance"

    def ready(self) -> None:
        from wayfinder.core.attention import attention_judge
        from wayfinder.core.thresholds import thresholds_reader
        from wayfinder.guidance.questions import gap_practices
        from wayfinder.guidance.report import report_for
        from wayfinder.guidance.selectors import thresholds_for

        # Practice pages ask core what guidance knows, so that none of them imports it:
        # the owner's thresholds, and which practices need attention (by the same report
        # the dashboard, `today` and the digest show).
        thresholds_reader(lambda owner: thresholds_for(owner=owner))
        attention_judge(
            lambda owner, today: gap_practices(report_for(owner=owner, today=today).indicators)
        )
