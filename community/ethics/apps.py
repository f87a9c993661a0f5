from django.apps import AppConfig


class EthicsConfig(AppConfig):
    name = "community.ethics"
    label = "ethics"
    verbose_name = "Responsible AI"
