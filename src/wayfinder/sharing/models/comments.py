"""What viewers send back through a share: comments on items, and a supervisor's side of
the development conversation (agenda points, proposed actions and opportunities)."""

from __future__ import annotations

import functools
import operator

from django.conf import settings
from django.db import models
from django.utils.safestring import SafeString

from wayfinder.core.markdown import markdown_html
from wayfinder.core.models import OwnedModel, choice_constraint
from wayfinder.sharing.models.shares import SectionKey, Share


class ItemKind(models.TextChoices):
    """The items a viewer may comment on, each shown by one section of a share."""

    ACTION = "action", "Action"
    GOAL = "goal", "Goal"
    WIN = "win", "Win"
    EXPERIMENT = "experiment", "Experiment"
    CONVERSATION = "conversation", "Agenda"


# The section a share must allow for its viewer to see (and so comment on) an item.
SECTION_OF_KIND: dict[str, str] = {
    ItemKind.ACTION: SectionKey.PLAN,
    ItemKind.GOAL: SectionKey.GOALS,
    ItemKind.WIN: SectionKey.WINS,
    ItemKind.EXPERIMENT: SectionKey.EXPERIMENTS,
    ItemKind.CONVERSATION: SectionKey.CONVERSATIONS,
}


def _one_item() -> models.Q:
    """Exactly one of the item fields is set."""
    each = [
        models.Q(
            **{f"{kind}__isnull": False},
            **{f"{o}__isnull": True for o in ItemKind.values if o != kind},
        )
        for kind in ItemKind.values
    ]
    return functools.reduce(operator.or_, each)


class Comment(OwnedModel):
    """A viewer's comment on one item of the owner's record, or the owner's reply to it.

    The item is one foreign key per kind (each field is named as its kind), exactly one of
    them set: the export keeps the link, and deleting the item deletes its comments. It is
    checked against what the share shows when the comment is written.
    """

    share = models.ForeignKey(Share, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_owner = models.BooleanField(default=False)
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    action = models.ForeignKey(
        "plan.DevelopmentAction", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    goal = models.ForeignKey(
        "direction.Goal", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    win = models.ForeignKey(
        "wins.Win", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    experiment = models.ForeignKey(
        "experiments.Experiment",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    conversation = models.ForeignKey(
        "conversations.DevelopmentConversation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    body = models.TextField(help_text="Markdown: *emphasis*, lists and links work.")
    resolved_at = models.DateTimeField(null=True, blank=True)
    # The owner's replies, set where threads are read (sharing.collaboration_selectors).
    thread_replies: list[Comment]

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.CheckConstraint(condition=_one_item(), name="comment_on_one_item")]
        indexes = [models.Index(fields=["author", "created_at"], name="comment_by_author")]

    @property
    def item_kind(self) -> str:
        return next(kind for kind in ItemKind.values if getattr(self, f"{kind}_id") is not None)

    @property
    def item_id(self) -> int:
        return getattr(self, f"{self.item_kind}_id")

    def __str__(self) -> str:
        return f"Comment on {self.item_kind} {self.item_id}"

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None

    @property
    def body_html(self) -> SafeString:
        """The comment's Markdown, rendered safely (raw HTML shown as text)."""
        return markdown_html(self.body)

    @property
    def is_reply(self) -> bool:
        return self.reply_to_id is not None


class AgendaPoint(OwnedModel):
    """A point the supervisor wants to raise in a planned development conversation."""

    share = models.ForeignKey(Share, on_delete=models.CASCADE, related_name="agenda_points")
    conversation = models.ForeignKey(
        "conversations.DevelopmentConversation",
        on_delete=models.CASCADE,
        related_name="+",
    )
    text = models.CharField(max_length=500)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text


class ProposalKind(models.TextChoices):
    ACTION = "action", "Agreed action"
    OPPORTUNITY = "opportunity", "Opportunity"


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class Proposal(OwnedModel):
    """What a supervisor proposes through a share: an agreed action for a planned
    conversation, or a stretch opportunity. The owner accepts it into the plan or declines."""

    share = models.ForeignKey(Share, on_delete=models.CASCADE, related_name="proposals")
    kind = models.CharField(max_length=20, choices=ProposalKind.choices)
    conversation = models.ForeignKey(
        "conversations.DevelopmentConversation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )
    decided_on = models.DateField(null=True, blank=True)
    agreed_action = models.ForeignKey(
        "conversations.AgreedAction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opportunity = models.ForeignKey(
        "plan.Opportunity", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            choice_constraint("proposal", "kind", ProposalKind),
            choice_constraint("proposal", "status", ProposalStatus),
            models.CheckConstraint(
                condition=~models.Q(kind=ProposalKind.ACTION)
                | models.Q(conversation__isnull=False),
                name="proposal_action_in_a_conversation",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_proposed(self) -> bool:
        return self.status == ProposalStatus.PROPOSED

    @property
    def is_accepted(self) -> bool:
        return self.status == ProposalStatus.ACCEPTED

    @property
    def is_declined(self) -> bool:
        return self.status == ProposalStatus.DECLINED

    @property
    def is_action(self) -> bool:
        return self.kind == ProposalKind.ACTION
