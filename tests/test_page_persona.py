"""Persona pages show everything the persona says, and a local photo, embedded and checked.

A photo is a path like any other reference (inside the project root, relative to its file),
a PNG, JPEG, GIF or WebP by its first bytes, at most 256 KB; anything else is one located
line (JM211, or JM201-JM204 for the path), exit 1, and nothing written.
"""

from __future__ import annotations

import base64
import os
import re
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Result
from journeymap.photo import MAX_BYTES, image_type

Cli = Callable[..., Result]
Write = Callable[[str, str | bytes], Path]

PERSONA = """\
journeymap: 1
kind: persona
id: ana
name: Ana Example
role: Shopper
quote: I want it today.
bio: Lives on the edge of town and shops after work.
goals: [Save time]
traits: {{age: "30", device: Old phone}}
photo: {photo}
"""
MAP = """\
journeymap: 1
kind: current-state
id: {id}
title: Shopping
persona: {persona}
stages:
  - id: awareness
    steps:
      - {{id: a, action: Sees the offer, touchpoints: [{{channel: web}}]}}
"""


def png(width: int = 4, height: int = 4) -> bytes:
    row = b"\x00" + b"\xc8\x50\x28" * width
    raw = row * height

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


def test_the_persona_page_shows_bio_traits_and_the_photo(
    project: Path, write: Write, cli: Cli
) -> None:
    picture = png()
    write("personas/ana.png", picture)
    write("personas/ana.yaml", PERSONA.format(photo="ana.png"))
    write("shop.yaml", MAP.format(id="shop", persona="personas/ana.yaml"))
    result = cli("build", str(project), "-o", str(project / "site"))
    assert result.exit_code == 0, result.stderr
    embedded = "data:image/png;base64," + base64.b64encode(picture).decode()
    page = (project / "site" / "personas" / "ana.html").read_text(encoding="utf-8")
    for text in ("Lives on the edge of town", "Old phone", "device", "Save time", embedded):
        assert text in page, text
    assert embedded in (project / "site" / "maps" / "shop.html").read_text(encoding="utf-8")


def bad_map(write: Write, photo: str) -> Path:
    return write("bad.yaml", MAP.format(id="bad", persona=f"{{name: Bo, photo: {photo}}}"))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<svg onload=alert(1)>", "JM211 photo 'bo.png' is not a PNG, JPEG, GIF or WebP image"),
        (png()[:8] + b"\x00" * MAX_BYTES, "JM211 photo 'bo.png' is 257 KB; a persona photo may"),
    ],
)
def test_a_bad_photo_is_one_located_line(
    project: Path, write: Write, cli: Cli, content: bytes, message: str
) -> None:
    write("bo.png", content)
    path = bad_map(write, "bo.png")
    result = cli("render", str(path), "-o", str(project / "out"))
    assert result.exit_code == 1
    errors = [line for line in (result.stdout + result.stderr).splitlines() if "JM2" in line]
    assert len(errors) == 1, result.stdout + result.stderr
    assert re.search(r"bad\.yaml:5:\d+: " + re.escape(message), errors[0]), errors
    assert "Traceback" not in result.stdout + result.stderr
    assert not (project / "out").exists() or not list((project / "out").iterdir())


def test_a_photo_outside_the_root_is_refused_even_through_a_link(
    project: Path, write: Write, cli: Cli, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside") / "secret.png"
    outside.write_bytes(png())
    os.symlink(outside, project / "link.png")
    for photo in ("link.png", "../" + outside.name, str(outside)):
        result = cli("validate", str(bad_map(write, photo)))
        assert result.exit_code == 1, photo
        assert "JM202" in result.stdout or "JM201" in result.stdout, result.stdout


def test_a_missing_photo_names_the_path(project: Path, write: Write, cli: Cli) -> None:
    result = cli("validate", str(bad_map(write, "nobody.png")))
    assert result.exit_code == 1
    assert "JM203 referenced file 'nobody.png' does not exist" in result.stdout


@pytest.mark.parametrize(
    ("head", "media"),
    [
        (b"\x89PNG\r\n\x1a\n....", "image/png"),
        (b"\xff\xd8\xff\xe0", "image/jpeg"),
        (b"GIF89a", "image/gif"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"<svg>", None),
        (b"RIFF\x00\x00\x00\x00WAVE", None),
    ],
)
def test_the_image_type_comes_from_the_first_bytes(head: bytes, media: str | None) -> None:
    assert image_type(head) == media
