from django.contrib import admin
from django.db import models

from community.catalog import services
from community.catalog.models import Cloud, Domain, Language, Stage, Tool


@admin.register(Stage)
class StageAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        services.stage_changed(obj)


@admin.register(Language, Domain, Cloud)
class FacetAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        services.catalog_changed()


@admin.register(Tool)
class ToolAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "primary_stage",
        "open_source",
        "licence",
        "library",
        "on_device",
        "self_hosted",
        "managed",
        "vendor",
        "updated_at",
    ]
    list_filter = ["primary_stage", "open_source", "library", "on_device", "managed", "self_hosted", "clouds", "source"]
    list_select_related = ["primary_stage"]
    search_fields = ["name", "slug", "summary", "vendor"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["integrations"]
    filter_horizontal = ["stages", "clouds", "languages", "domains"]
    readonly_fields = ["created_at", "updated_at"]
    # A pasted link without a scheme means https (Django 6's default, chosen now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["name", "slug", "summary", "vendor"]}),
        (
            "Links and licence",
            {
                "fields": [
                    "homepage",
                    "repository",
                    "licence",
                    "open_source",
                    "library",
                    "on_device",
                    "self_hosted",
                    "managed",
                ]
            },
        ),
        ("Where it fits", {"fields": ["primary_stage", "stages", "domains", "languages", "clouds", "integrations"]}),
        ("Record", {"fields": ["source", "created_at", "updated_at"]}),
    ]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        # Keep the rule "every stage includes the primary one" true for curated edits too.
        form.instance.stages.add(form.instance.primary_stage)
        services.tool_changed(form.instance)

    def delete_model(self, request, obj) -> None:
        services.tool_delete(obj)

    def delete_queryset(self, request, queryset) -> None:
        for tool in queryset:
            services.tool_delete(tool)
