from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from recommender.stacks import services
from recommender.stacks.models import ExampleCase, Rating, Recommendation, StageNeed


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
    actions = ["learn_chosen_stages"]

    @admin.action(description="Learn from the stages people chose", permissions=["change"])
    def learn_chosen_stages(self, request: HttpRequest, queryset: QuerySet[Recommendation]) -> None:
        learned, refused = services.examples_learn(recommendations=queryset)
        for recommendation_id, reason in refused.items():
            self.message_user(request, f"Not learned from {recommendation_id}: {reason}", messages.WARNING)
        if learned:
            self.message_user(request, f"{learned} example case(s) learned; the stage model refits on its next use.")

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


@admin.register(ExampleCase)
class ExampleCaseAdmin(admin.ModelAdmin):
    list_display = ["key", "source", "stages"]
    list_filter = ["source"]
    search_fields = ["key", "use_case"]
    readonly_fields = ["key", "source", "use_case", "stages", "constraints", "recommendation"]
    actions = ["forget"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # shipped cases come from data/train_cases.json, curated ones from recommendations

    def has_delete_permission(self, request: HttpRequest, obj: ExampleCase | None = None) -> bool:
        return False  # the vectors must go too: the "forget" action does both

    def get_actions(self, request: HttpRequest) -> dict:
        actions = super().get_actions(request)
        if not request.user.has_perm("stacks.delete_examplecase"):
            actions.pop("forget", None)
        return actions

    @admin.action(description="Forget these curated example cases")
    def forget(self, request: HttpRequest, queryset: QuerySet[ExampleCase]) -> None:
        deleted = services.examples_forget(cases=list(queryset))
        self.message_user(request, f"{deleted} curated example case(s) forgotten; shipped ones are kept.")
