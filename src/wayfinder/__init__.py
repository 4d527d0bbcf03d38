"""Wayfinder: a private career development system that its owner runs for themselves.

The version lives in pyproject.toml only: `wayfinder --version` reads the installed
package's metadata (wayfinder.cli.schema.wayfinder_version).
"""
