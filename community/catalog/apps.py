from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "community.catalog"
    label = "catalog"
    verbose_name = "Tool catalog"
