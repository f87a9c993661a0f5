"""A NUL byte in a query string is refused with a 400, once for the whole site.

PostgreSQL cannot store or compare text that holds a NUL byte: a search, tag or slug filter carrying one would
end in a 500 wherever it reached a query. No one types a NUL into an address on purpose, so rather than guard
each view that reads `request.GET`, every request whose query string holds one gets a 400 naming the parameter.
Bodies need no such guard: Django's form fields and DRF's serializer fields refuse NUL bytes already.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

MESSAGE = "Null characters are not allowed."


class RefuseNulBytesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return self.refuse(request, key.replace("\x00", "") or "query")
        return self.get_response(request)

    @staticmethod
    def refuse(request: HttpRequest, name: str) -> HttpResponse:
        if request.path.startswith("/api/"):
            return JsonResponse({name: [MESSAGE]}, status=400)
        return render(request, "400.html", {"message": f"The “{name}” value in the address: {MESSAGE}"}, status=400)
