"""Catalog pages show the library through these tags, so the catalog's code never imports the library."""

from django import template

from community.ethics import selectors

register = template.Library()


@register.inclusion_tag("ethics/panel.html")
def tool_ethics(tool) -> dict:
    return {"panel": selectors.tool_panel(tool), "subject": "tool"}


@register.inclusion_tag("ethics/panel.html")
def stage_ethics(stage) -> dict:
    return {"panel": selectors.stage_panel(stage), "subject": "stage"}
