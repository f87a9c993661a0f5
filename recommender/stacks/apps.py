from django.apps import AppConfig


class StacksConfig(AppConfig):
    """The stack recommender: on top of the embedding engine and every community app; no app imports it."""

    name = "recommender.stacks"
    label = "stacks"
    verbose_name = "Stack recommendations"
