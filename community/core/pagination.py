from django.core.paginator import InvalidPage
from rest_framework import pagination
from rest_framework.exceptions import ValidationError


class PageNumberPagination(pagination.PageNumberPagination):
    """Page numbers with `count` and `results`; a bad page value is a 400 that names the parameter."""

    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if not raw:  # absent or empty, as a form leaves it: the default
            return self.page_size
        if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError(
                {self.page_size_query_param: [f"Must be a whole number from 1 to {self.max_page_size}."]}
            )
        return int(raw)

    def paginate_queryset(self, queryset, request, view=None):
        raw = request.query_params.get(self.page_query_param) or "1"
        if not raw.isdigit() or int(raw) < 1:
            raise ValidationError({self.page_query_param: ["Must be a whole number from 1."]})
        try:
            return super().paginate_queryset(queryset, request, view)
        except Exception as exc:
            if isinstance(exc.__cause__, InvalidPage) or "Invalid page" in str(exc):
                raise ValidationError({self.page_query_param: ["That page does not exist."]}) from None
            raise

    def get_schema_operation_parameters(self, view) -> list[dict]:
        # The schema states the bounds enforced above, so a client knows them before it gets a 400.
        parameters = super().get_schema_operation_parameters(view)
        bounds = {
            self.page_query_param: {"minimum": 1},
            self.page_size_query_param: {"minimum": 1, "maximum": self.max_page_size},
        }
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters
