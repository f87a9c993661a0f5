from django.contrib import admin
from django.db import models

from community.ethics import services
from community.ethics.models import (
    Checklist,
    ChecklistItem,
    Region,
    Resource,
    RiskCheck,
    RiskExample,
    RiskProfile,
    Topic,
)


class LibraryAdmin(admin.ModelAdmin):
    """Every edit moves the library's version, so cached pages that show it are rebuilt."""

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        services.ethics_changed()

    def delete_model(self, request, obj) -> None:
        super().delete_model(request, obj)
        services.ethics_changed()

    def delete_queryset(self, request, queryset) -> None:
        super().delete_queryset(request, queryset)
        services.ethics_changed()


@admin.register(Topic)
class TopicAdmin(LibraryAdmin):
    list_display = ["name", "slug", "order"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Region)
class RegionAdmin(LibraryAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(Resource)
class ResourceAdmin(LibraryAdmin):
    list_display = ["title", "kind", "region", "organisation", "year", "status", "updated_at"]
    list_filter = ["kind", "region", "topics", "stages", "source"]
    list_select_related = ["region"]
    search_fields = ["title", "slug", "summary", "organisation"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["topics", "stages"]
    autocomplete_fields = ["tools"]
    readonly_fields = ["created_at", "updated_at"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_related(self, request, form, formsets, change) -> None:
        admin.ModelAdmin.save_related(self, request, form, formsets, change)
        services.resource_changed(form.instance)

    def delete_model(self, request, obj) -> None:
        services.resource_delete(obj)

    def delete_queryset(self, request, queryset) -> None:
        for resource in queryset:
            services.resource_delete(resource)


class ChecklistItemInline(admin.StackedInline):
    model = ChecklistItem
    extra = 0
    filter_horizontal = ["topics"]
    autocomplete_fields = ["resources", "tools"]


@admin.register(Checklist)
class ChecklistAdmin(LibraryAdmin):
    list_display = ["stage"]
    list_select_related = ["stage"]
    inlines = [ChecklistItemInline]


class RiskExampleInline(admin.TabularInline):
    model = RiskExample
    extra = 1


class RiskCheckInline(admin.StackedInline):
    model = RiskCheck
    extra = 0
    autocomplete_fields = ["resources", "tools"]


@admin.register(RiskProfile)
class RiskProfileAdmin(LibraryAdmin):
    list_display = ["name", "slug", "order"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["stages"]
    autocomplete_fields = ["resources"]
    inlines = [RiskExampleInline, RiskCheckInline]

    def save_related(self, request, form, formsets, change) -> None:
        admin.ModelAdmin.save_related(self, request, form, formsets, change)
        services.risk_profile_changed()
