"""The coaching questions, in the product's own words, with the moments they fit.

Keys are stable: journal entries store them, so a key is never renamed or reused.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MOMENTS = {
    "first_run": "Getting started",
    "quarterly_review": "Quarterly review",
    "before_supervisor_conversation": "Before a supervisor conversation",
    "after_experiment": "After an experiment",
    "after_win": "After a win",
}

PRACTICES = {
    "direction": "Direction",
    "horizons": "Goals on three horizons",
    "plan": "Development plan",
    "supervisor": "Supervisor conversations",
    "mentors": "Mentors",
    "sponsor": "Sponsorship",
    "network": "Network",
    "visibility": "Visibility",
    "self_advocacy": "Self-advocacy",
    "experiments": "Experiments",
    "reflection": "Reflection",
}
# The practices whose names are plural, for "your mentors need attention".
PLURAL_PRACTICES = {"horizons", "supervisor", "mentors", "experiments"}


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    practice: str
    moments: tuple[str, ...]

    @property
    def practice_label(self) -> str:
        return PRACTICES[self.practice]

    @property
    def needs_attention(self) -> str:
        """ "your mentors need attention now", with the verb that fits the practice."""
        verb = "need" if self.practice in PLURAL_PRACTICES else "needs"
        return f"your {self.practice_label.lower()} {verb} attention now"


FIRST = "first_run"
QUARTERLY = "quarterly_review"
SUPERVISOR = "before_supervisor_conversation"
EXPERIMENT = "after_experiment"
WIN = "after_win"

QUESTIONS: tuple[Question, ...] = (
    # direction
    Question(
        "career-direction",
        "Where do you see your career going? If you can't answer confidently, what do you "
        "need to do to get a good answer?",
        "direction",
        (FIRST, QUARTERLY, SUPERVISOR),
    ),
    Question("problems", "What kind of problems do you want to solve?", "direction", (FIRST,)),
    Question("impact-to-have", "What impact do you want to have?", "direction", (FIRST,)),
    Question("more-of", "What do you want to do more of?", "direction", (FIRST, QUARTERLY)),
    Question("less-of", "What do you want to do less of?", "direction", (FIRST,)),
    Question(
        "ambition-still-true",
        "Reading your ambition today, what still rings true and what has moved?",
        "direction",
        (QUARTERLY,),
    ),
    Question(
        "path-ruled-out",
        "Which path did you rule out lately? Would the reason still hold if it did not feel "
        "too big or unknown?",
        "direction",
        (EXPERIMENT,),
    ),
    # horizons
    Question(
        "horizon-missing",
        "Which horizon has no goal right now: the next few months, the next year or two, or "
        "three to five years out?",
        "horizons",
        (FIRST, QUARTERLY),
    ),
    Question(
        "five-years-proud",
        "Five years from now, what would you be proud to say you had done?",
        "horizons",
        (FIRST,),
    ),
    # plan
    Question(
        "plan-actions",
        "Do you have a personal development plan with clear development actions?",
        "plan",
        (FIRST,),
    ),
    Question(
        "plan-slipping",
        "Which development action keeps slipping? Will you reschedule it, drop it or finish it?",
        "plan",
        (QUARTERLY, SUPERVISOR),
    ),
    Question(
        "stretch-next",
        "Which stretch assignment would teach you the most in the next six months?",
        "plan",
        (SUPERVISOR,),
    ),
    # supervisor
    Question(
        "development-conversations",
        "Are you having regular development conversations with your supervisor?",
        "supervisor",
        (FIRST, QUARTERLY),
    ),
    Question(
        "supervisor-knows-aspirations",
        "Does your supervisor know where you want your career to go? When did you last tell them?",
        "supervisor",
        (SUPERVISOR,),
    ),
    Question(
        "supervisor-ask",
        "What one thing will you ask your supervisor for in this conversation?",
        "supervisor",
        (SUPERVISOR,),
    ),
    Question(
        "supervisor-blockers",
        "What is in your way that your supervisor could help remove?",
        "supervisor",
        (SUPERVISOR,),
    ),
    # mentors
    Question(
        "mentors-count",
        "How many mentors do you have? Who could you approach?",
        "mentors",
        (FIRST, QUARTERLY),
    ),
    Question(
        "mentor-question",
        "Which question about your future would you like to bounce off a mentor this month?",
        "mentors",
        (EXPERIMENT,),
    ),
    # sponsor
    Question(
        "sponsor-who",
        "Who two or three levels above you knows your work well enough to speak up for you?",
        "sponsor",
        (FIRST, QUARTERLY),
    ),
    Question(
        "sponsor-rooms",
        "Where are the next big projects decided, and who in that room knows your name?",
        "sponsor",
        (SUPERVISOR,),
    ),
    # network
    Question(
        "network-across",
        "Who outside your own team and level did you learn something from lately?",
        "network",
        (QUARTERLY,),
    ),
    Question(
        "network-informational",
        "Who does a job you are curious about? Could you ask them what they like and dislike "
        "about it?",
        "network",
        (FIRST, EXPERIMENT),
    ),
    Question(
        "network-reconnect",
        "Who have you lost touch with that you would like to hear from again?",
        "network",
        (FIRST,),
    ),
    # visibility
    Question(
        "visibility-who-knows",
        "Which influential leader outside your reporting line knows about your most important win?",
        "visibility",
        (QUARTERLY, WIN),
    ),
    Question(
        "visibility-tell",
        "Who should hear about this win, and how will you tell them?",
        "visibility",
        (WIN,),
    ),
    # self-advocacy
    Question(
        "win-what-you-did",
        "What exactly did you do, and what changed because of it? In numbers, if you can.",
        "self_advocacy",
        (WIN,),
    ),
    Question(
        "win-skills",
        "Which skills did this win show, and are they the ones you want to be known for?",
        "self_advocacy",
        (WIN,),
    ),
    Question(
        "wins-unwritten",
        "What did you achieve lately that you have not written down yet?",
        "self_advocacy",
        (SUPERVISOR,),
    ),
    Question(
        "ready-next-step",
        "Why are you ready for the next step? Could you say it in two sentences your audience "
        "would understand?",
        "self_advocacy",
        (SUPERVISOR,),
    ),
    # experiments
    Question(
        "try-on-next",
        "Which role, project or opportunity could you try on before committing to it?",
        "experiments",
        (FIRST, QUARTERLY),
    ),
    Question(
        "experiment-energy",
        "What did this experiment teach you about what energises you and what drains you?",
        "experiments",
        (EXPERIMENT,),
    ),
    Question(
        "experiment-verdict",
        "Judged against your ambition, not the job ladder: adopt, adapt or abandon? Why?",
        "experiments",
        (EXPERIMENT,),
    ),
    Question(
        "experiment-surprise",
        "What surprised you, and which signal would you watch more closely next time?",
        "experiments",
        (EXPERIMENT,),
    ),
    # reflection
    Question(
        "proudest-since",
        "What are you proudest of since your last review?",
        "reflection",
        (QUARTERLY, WIN),
    ),
    Question(
        "energy-lately",
        "When did you feel most energised at work lately, and when most drained?",
        "reflection",
        (EXPERIMENT,),
    ),
    Question(
        "do-differently",
        "What will you do differently in the next three months?",
        "reflection",
        (QUARTERLY,),
    ),
    Question(
        "if-role-ended",
        "If your current role ended tomorrow, what would you do next?",
        "reflection",
        (QUARTERLY,),
    ),
)

BY_KEY = {question.key: question for question in QUESTIONS}


def questions_for(moment: str) -> list[Question]:
    """The questions that fit a moment, in library order; an unknown moment is an error."""
    if moment not in MOMENTS:
        raise ValueError(f"unknown moment {moment!r}: use one of {', '.join(MOMENTS)}")
    return [question for question in QUESTIONS if moment in question.moments]


def order_first(
    questions: Sequence[Question], practices: Sequence[str]
) -> list[tuple[Question, bool]]:
    """`questions` with those about `practices` first (in that order), each marked whether
    it is about one of them; otherwise the order given."""
    rank = {practice: index for index, practice in enumerate(practices)}
    ordered = sorted(
        enumerate(questions),
        key=lambda pair: (rank.get(pair[1].practice, len(rank)), pair[0]),
    )
    return [(question, question.practice in rank) for _, question in ordered]


def questions_about(practice: str) -> list[Question]:
    """The questions that relate to one practice, in library order."""
    if practice not in PRACTICES:
        raise ValueError(f"unknown practice {practice!r}: use one of {', '.join(PRACTICES)}")
    return [question for question in QUESTIONS if question.practice == practice]
