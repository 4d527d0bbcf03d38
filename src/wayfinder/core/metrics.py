"""Showing a metric as people write it: "$1.2M", "45.6 %", "$380k", "from $2.7M to $4.1M".

The one formatter for every surface: the pages (through `ImpactMetric.display`), the
narrative, the exports and the CLI. Free of Django so quick capture can use it. Units
stored before metrics were read as people write them ("k$", "$M", "M ARR") show the same
way, since the scale they carry is read by `parsing.metric_unit_read`.
"""

from __future__ import annotations

from wayfinder.core.parsing import metric_unit_read

# Units written against the number, as people do: "50k+", "2x".
_ATTACHED = {"+", "x", "×"}
_COMPACT = [(1e9, "B"), (1e6, "M"), (1e3, "k")]
# Counts of things are written in full up to here ("1,500 leads"); money is always short.
_COMPACT_FROM = 10_000


def _plain(number: float) -> str:
    """At most two decimals, no trailing zeros, thousands grouped: 1,500 / 45.6 / 0.05."""
    text = f"{number:,.2f}".rstrip("0").rstrip(".")
    if text in ("0", "-0") and number != 0:
        return f"{number:.2g}"
    return "0" if text == "-0" else text


def _short(number: float) -> str:
    """Three significant digits and a scale: 1.2M, 380k, 12.5k, 4.15B."""
    size = abs(number)
    for index, (step, letter) in enumerate(_COMPACT):
        if size >= step * 0.9995 or index == len(_COMPACT) - 1:
            mantissa = float(f"{number / step:.3g}")
            if abs(mantissa) >= 1000 and index:
                step, letter = _COMPACT[index - 1]
                mantissa = float(f"{number / step:.3g}")
            if abs(mantissa) < 1:
                return _plain(number)
            return f"{mantissa:g}{letter}"
    return _plain(number)  # pragma: no cover (the loop always returns)


def amount_format(value: float, unit: str = "") -> str:
    """One number with its unit: '$1.2M', '45.6 %', '-15 days', '50k+', '1.2M ARR'."""
    currency, scale, rest = metric_unit_read(unit)
    number = value * scale
    short = bool(currency) or scale != 1 or abs(number) >= _COMPACT_FROM
    digits = _short(abs(number)) if short and abs(number) >= 1000 else _plain(abs(number))
    sign = "-" if number < 0 and digits != "0" else ""
    text = f"{sign}{currency}{digits}"
    if not rest:
        return text
    # "50K+ users" is read as the unit "+ users": the "+" stays against the number.
    mark, _, words = rest.partition(" ")
    if mark in _ATTACHED:
        return f"{text}{mark} {words}" if words else f"{text}{mark}"
    return f"{text} {rest}"


def metric_format(
    value: float, unit: str = "", baseline: float | None = None, period: str = ""
) -> str:
    """A metric's numbers in a phrase: '$380k', 'from $2.7M to $4.1M per year'."""
    text = amount_format(value, unit)
    if baseline is not None:
        text = f"from {amount_format(baseline, unit)} to {text}"
    period = " ".join(period.split())
    return f"{text} {period}" if period else text


def metric_shown(metric: object) -> str:
    """Any row with value, unit, baseline and period (an ImpactMetric, say), shown."""
    return metric_format(
        metric.value,
        getattr(metric, "unit", ""),
        getattr(metric, "baseline", None),
        getattr(metric, "period", ""),
    )
