from django.apps import AppConfig


class QaConfig(AppConfig):
    name = "community.qa"
    label = "qa"
    verbose_name = "Questions and answers"
