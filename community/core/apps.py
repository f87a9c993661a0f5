from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "community.core"
    label = "core"
    verbose_name = "Site"
