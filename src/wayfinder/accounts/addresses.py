"""The address a request came from, believing a reverse proxy only when it is trusted."""

from __future__ import annotations

import functools
import ipaddress

from django.conf import settings
from django.http import HttpRequest

from wayfinder.environment import ConfigurationError

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@functools.cache
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise ConfigurationError(
                f"WAYFINDER_TRUSTED_PROXIES: {entry!r} is not an IP address or network"
            ) from None
    return tuple(networks)


def trusted_proxies() -> tuple[Network, ...]:
    """The proxies listed in WAYFINDER_TRUSTED_PROXIES (addresses or networks)."""
    return _networks(tuple(settings.WAYFINDER_TRUSTED_PROXIES))


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def client_address(request: HttpRequest | None) -> str | None:
    """The client's IP address.

    REMOTE_ADDR, unless it is a trusted proxy: then X-Forwarded-For is read from the right
    (each proxy appends the address it saw), skipping trusted proxies, and the first address
    not among them is the client. Anything a client wrote further left is ignored, so a
    forged header cannot choose the address it is counted under.
    """
    if request is None:
        return None
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    if remote is None:
        return None
    proxies = trusted_proxies()

    def trusted(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
        return any(address in network for network in proxies)

    if not trusted(remote):
        return str(remote)
    client = remote
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _address(hop)
        if address is None:
            break
        client = address
        if not trusted(address):
            break
    return str(client)
