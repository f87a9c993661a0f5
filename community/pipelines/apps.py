from django.apps import AppConfig


class PipelinesConfig(AppConfig):
    name = "community.pipelines"
    label = "pipelines"
    verbose_name = "Pipeline demos"
