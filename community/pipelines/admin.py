from django.contrib import admin

from community.pipelines.models import PipelineRun, StepRun


class StepInline(admin.TabularInline):
    model = StepRun
    extra = 0
    fields = ["position", "name", "status", "attempts", "started_at", "finished_at"]
    readonly_fields = fields
    can_delete = False


@admin.register(PipelineRun)
class PipelineRunAdmin(admin.ModelAdmin):
    list_display = ["id", "pipeline", "user", "status", "created_at", "finished_at"]
    list_filter = ["pipeline", "status"]
    readonly_fields = [
        "pipeline",
        "user",
        "params",
        "status",
        "decision",
        "error",
        "created_at",
        "started_at",
        "finished_at",
    ]
    inlines = [StepInline]
