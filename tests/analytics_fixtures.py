"""The worked example of docs/analytics.md: a five-step map and a tiny log, as files."""

from __future__ import annotations

import csv
from pathlib import Path

SHOP_MAP = """\
journeymap: 1
kind: current-state
id: shop
title: Buying online
persona: {name: Ana, role: Shopper}
stages:
  - id: consideration
    steps:
      - id: land
        action: Opens the app
        touchpoints: [{channel: app, name: Home}]
        events: [app_open]
        next: [{to: browse, share: 0.7}, {to: search, share: 0.2}, {to: cart, share: 0.1}]
      - id: browse
        action: Browses the products
        touchpoints: [{channel: app, name: Products}]
        events: [{event: page_view, where: {page: /products}}]
        next: [cart]
      - id: search
        action: Searches for a product
        touchpoints: [{channel: app, name: Search}]
        events: [search]
        next: [cart]
  - id: conversion
    steps:
      - id: cart
        action: Adds a product to the cart
        touchpoints: [{channel: app, name: Cart}]
        events: [add_to_cart]
        next: [buy]
      - id: buy
        action: Pays
        touchpoints: [{channel: app, name: Checkout}]
        events: [purchase]
        next: []
"""

HEADER = ("user_id", "event", "timestamp", "page")
ROWS = [
    ("u1", "app_open", "2026-01-01 10:00:00", ""),
    ("u1", "page_view", "2026-01-01 10:01:00", "/products"),
    ("u1", "page_view", "2026-01-01 10:02:00", "/help"),
    ("u1", "add_to_cart", "2026-01-01 10:05:00", ""),
    ("u1", "purchase", "2026-01-01 10:09:00", ""),
    ("u2", "app_open", "2026-01-01 11:00:00", ""),
    ("u2", "search", "2026-01-01 11:02:00", ""),
    ("u2", "search", "2026-01-01 11:03:00", ""),
    ("u2", "add_to_cart", "2026-01-01 11:10:00", ""),
    ("u3", "app_open", "2026-01-01 12:00:00", ""),
    ("u3", "app_open", "2026-01-01 12:00:00", ""),
    ("u3", "purchase", "2026-01-01 12:30:00", ""),
    ("u4", "heartbeat", "2026-01-01 13:00:00", ""),
    ("u5", "add_to_cart", "2026-01-01 09:00:00", ""),
    ("u5", "app_open", "2026-01-01 09:05:00", ""),
    ("u5", "page_view", "2026-01-01 09:06:00", "/products"),
    ("u5", "purchase", "2026-01-20 09:00:00", ""),
]


def write_csv(
    path: Path,
    rows: list[tuple[str, ...]] = ROWS,
    header: tuple[str, ...] = HEADER,
    delimiter: str = ",",
) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=delimiter, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_project(root: Path, log_rows: list[tuple[str, ...]] = ROWS) -> tuple[Path, Path]:
    """journeymap.toml, maps/shop.yaml and data/events.csv below `root`."""
    (root / "journeymap.toml").write_text('[project]\nname = "Shop"\n', "utf-8")
    (root / "maps").mkdir()
    (root / "data").mkdir()
    map_path = root / "maps" / "shop.yaml"
    map_path.write_text(SHOP_MAP, "utf-8")
    return map_path, write_csv(root / "data" / "events.csv", log_rows)
