"""Wayfinder: a private career development system that its owner runs for themselves."""

__version__ = "0.1.0"
