from django.contrib import admin

from recommender.stacks.models import Rating, Recommendation, StageNeed


class RatingInline(admin.TabularInline):
    model = Rating
    extra = 0
    readonly_fields = ["user", "helpful", "comment", "created_at", "updated_at"]
    can_delete = False


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ["short_use_case", "user", "created_at", "rating_count"]
    search_fields = ["use_case", "user__username"]
    readonly_fields = ["id", "user", "use_case", "constraints", "result", "created_at"]
    inlines = [RatingInline]

    @admin.display(description="use case")
    def short_use_case(self, obj: Recommendation) -> str:
        return obj.use_case[:80]

    @admin.display(description="ratings")
    def rating_count(self, obj: Recommendation) -> int:
        return obj.ratings.count()


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["recommendation", "user", "helpful", "comment", "updated_at"]
    list_filter = ["helpful"]
    list_select_related = ["recommendation", "user"]
    search_fields = ["comment", "recommendation__use_case", "user__username"]


@admin.register(StageNeed)
class StageNeedAdmin(admin.ModelAdmin):
    list_display = ["text", "stage"]
    list_filter = ["stage"]
    search_fields = ["text"]
