"""Which requests are for this server: origin-form targets, and a Host naming it.

A web page can make a browser send requests to any name it controls, and DNS rebinding can
point that name at 127.0.0.1. The browser then sends the page's own name as Host, so a
server that answers only Hosts it knows (a loopback name, or an address, with its real
port) cannot be read that way. A proxy-style target (`GET http://other.example/`) is
refused as well: this server is nobody's proxy.
"""

from __future__ import annotations

import ipaddress

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


class Origin:
    """The Host values a request may carry for a server bound to `host`:`port`."""

    def __init__(self, host: str, port: int) -> None:
        self.port = port
        address = ipaddress.ip_address(host)
        self.any_address = address.is_unspecified
        names = {*LOOPBACK_NAMES, _literal(address)}
        self.names = frozenset(names)

    def allows(self, host: str) -> bool:
        """A loopback name or the bound address, or any address when bound to all of them;
        with the real port (without one only when that is 80), never another name."""
        name, port = _split(host.strip().lower())
        if port != self.port:
            return False
        if name in self.names:
            return True
        return self.any_address and _is_address(name)


def origin_form(target: str) -> bool:
    """`/path?query`, as a browser asks a server for its own pages; not `http://…` nor `*`."""
    return target.startswith("/") and not target.startswith("//")


def is_loopback(host: str) -> bool:
    return ipaddress.ip_address(host).is_loopback


def url_host(host: str) -> str:
    """The address as a URL writes it: IPv6 in brackets."""
    return _literal(ipaddress.ip_address(host))


def _literal(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    return f"[{address}]" if address.version == 6 else str(address)


def _split(host: str) -> tuple[str, int | None]:
    """`name:port` into its parts; the port is 80 when absent, None when not a number."""
    name, colon, port = host.rpartition(":")
    if not colon or name.endswith(":") or (host.startswith("[") and not name.endswith("]")):
        return host, 80  # no port (an IPv6 literal's colons are inside its brackets)
    if not port.isascii() or not port.isdigit() or len(port) > 5:
        return name, None
    return name, int(port)


def _is_address(name: str) -> bool:
    text = name[1:-1] if name.startswith("[") and name.endswith("]") else name
    if text != name and ":" not in text:
        return False
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
