"""`{{ metric|metric_shown }}`: a metric as people write it, by the one formatter."""

from __future__ import annotations

from django import template

from wayfinder.core.metrics import metric_shown as _metric_shown

register = template.Library()


@register.filter
def metric_shown(metric: object) -> str:
    """'$380k', 'from 12 % to 30 % per quarter' (see core.metrics.metric_format)."""
    return _metric_shown(metric)
