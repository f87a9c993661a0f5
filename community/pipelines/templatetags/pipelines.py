from django import template

register = template.Library()


@register.filter
def get(mapping, key):
    """mapping[key], or None: dictionaries keyed by slugs or names that templates cannot index."""
    return mapping.get(key) if hasattr(mapping, "get") else None
