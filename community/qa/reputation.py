"""Stack Overflow's reputation amounts, and what one vote is worth to a post's author."""

QUESTION_UPVOTE = 5
ANSWER_UPVOTE = 10
DOWNVOTED = -2
ACCEPTED = 15
ACCEPTER = 2


def for_vote(kind: str, value: int) -> int:
    if value > 0:
        return QUESTION_UPVOTE if kind == "question" else ANSWER_UPVOTE
    if value < 0:
        return DOWNVOTED
    return 0
