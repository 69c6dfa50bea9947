"""`watch` and `serve`: the served copy of a page, what the server refuses, the build loop."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import http.client
import re
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import pytest
import watchfiles

from conftest import MINIMAL_MAP, Result
from journeymap.diagnostics import Severity, at
from journeymap.report.text import line
from journeymap.serve import Build, watch_site
from journeymap.serve.building import problems_of, rebuild
from journeymap.serve.origin import Origin
from journeymap.serve.reload import (
    BASE_POLICY,
    EVENTS_PATH,
    PAGE_SCRIPTS,
    SCRIPT,
    SCRIPT_SOURCE,
    rewrite_policy,
    served_page,
)
from journeymap.serve.server import SiteServer
from journeymap.serve.status import Status
from journeymap.serve.watcher import SourceFilter
from journeymap.site import BuildResult

PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; \
style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<title>A map</title>
</head>
<body>
<h1>A map</h1>
</body>
</html>
"""
SECRET = "top secret, outside the site"
MAIN = "import sys; from journeymap.cli import main; sys.argv[0] = 'journeymap'; main()"
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
SCRIPTS = re.compile(r"<script\b[^>]*>(.*?)</script>", re.DOTALL)


class Site:
    def __init__(self, root: Path, status: Status, server: SiteServer) -> None:
        self.root, self.status, self.server = root, status, server

    def get(self, path: str, *, method: str = "GET", host: str | None = None) -> Response:
        connection = http.client.HTTPConnection("127.0.0.1", self.server.server_port, timeout=10)
        headers = {"Host": host} if host else {}
        connection.request(method, path, headers=headers)
        answer = connection.getresponse()
        response = Response(answer.status, dict(answer.getheaders()), answer.read())
        connection.close()
        return response


class Response:
    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    """A small built site, a file beside it that must stay out of reach, and its server."""
    root = tmp_path / "site"
    (root / "maps").mkdir(parents=True)
    (root / "empty").mkdir()
    (root / ".journeymap").mkdir()
    (root / "index.html").write_text(PAGE, encoding="utf-8")
    (root / "maps" / "a.html").write_text(PAGE, encoding="utf-8")
    (root / "maps" / "a.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (root / ".journeymap" / "cache.json").write_text("{}")
    (tmp_path / "secret.txt").write_text(SECRET)
    (root / "escape.txt").symlink_to(tmp_path / "secret.txt")
    (root / "outside").symlink_to(tmp_path, target_is_directory=True)
    status = Status()
    server = SiteServer(root, status, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Site(root, status, server)
    status.close()
    server.shutdown()
    server.server_close()
    thread.join()


def script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


# The page as served -------------------------------------------------------------------


def test_served_page_gets_the_script_and_a_policy_that_allows_exactly_it(site: Site) -> None:
    response = site.get("/maps/a.html")
    assert response.status == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    scripts = SCRIPTS.findall(response.text)
    assert scripts == [SCRIPT]
    [policy] = CSP_META.findall(response.text)
    directives = [d.strip() for d in policy.split(";")]
    assert f"script-src {script_hash(scripts[0])}" in directives
    assert "connect-src 'self'" in directives
    assert "default-src 'none'" in directives and "img-src data:" in directives
    assert "'unsafe-inline'" not in policy.split("script-src")[1]
    assert script_hash(SCRIPT) == SCRIPT_SOURCE
    assert response.headers["Content-Security-Policy"] == rewrite_policy(
        f"{BASE_POLICY}; {PAGE_SCRIPTS}"
    )


def test_rewrite_keeps_the_pages_own_script_hashes_and_nothing_else() -> None:
    own = "'sha256-" + "A" * 43 + "='"
    policy = rewrite_policy(f"default-src 'none'; script-src {own} 'unsafe-inline' https:")
    assert policy == f"default-src 'none'; script-src {own} {SCRIPT_SOURCE}; connect-src 'self'"


def test_files_on_disk_stay_as_written(site: Site) -> None:
    before = (site.root / "maps" / "a.html").read_bytes()
    site.status.publish(["a.yaml:1:1: JM106 broken"])
    assert "<script" in site.get("/maps/a.html").text
    assert (site.root / "maps" / "a.html").read_bytes() == before
    assert b"<script" not in before


def test_the_page_knows_the_generation_it_shows(site: Site) -> None:
    first = site.get("/index.html").text
    site.status.publish([])
    second = site.get("/index.html").text
    generation = re.compile(r'data-generation="([^"]+)"')
    assert generation.findall(first) != generation.findall(second)
    assert generation.findall(second) == [site.status.generation]


def test_other_files_are_served_as_they_are_under_the_strict_policy(site: Site) -> None:
    response = site.get("/maps/a.svg")
    assert response.status == 200
    assert response.headers["Content-Type"] == "image/svg+xml"
    assert response.headers["Content-Security-Policy"] == BASE_POLICY
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.body == (site.root / "maps" / "a.svg").read_bytes()


def test_head_sends_no_body(site: Site) -> None:
    response = site.get("/index.html", method="HEAD")
    assert response.status == 200 and response.body == b""


def test_the_root_serves_the_index(site: Site) -> None:
    assert "<h1>A map</h1>" in site.get("/").text


# The policy rewrite -------------------------------------------------------------------


def test_rewrite_replaces_script_and_connect_sources_and_keeps_the_rest() -> None:
    policy = rewrite_policy(
        "default-src 'none'; script-src 'unsafe-inline' *; script-src-elem *;"
        " connect-src *; img-src data:"
    )
    assert policy == (
        f"default-src 'none'; img-src data:; script-src {SCRIPT_SOURCE}; connect-src 'self'"
    )


@pytest.mark.parametrize(
    "meta",
    [
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">',
        "<META HTTP-EQUIV='content-security-policy' CONTENT=\"default-src 'none'\"/>",
        "<meta content=\"default-src 'none'\" http-equiv=Content-Security-Policy>",
    ],
)
def test_every_spelling_of_the_policy_meta_is_rewritten(meta: str) -> None:
    page = served_page(f"<head>{meta}</head><body></body>", generation="g", problems=())
    assert SCRIPT_SOURCE in page
    assert "connect-src &#x27;self&#x27;" not in page  # quotes stay readable, not escaped
    assert "connect-src 'self'" in page


def test_other_meta_tags_are_left_alone() -> None:
    page = '<head><meta name="generator" content="journeymap"></head><body></body>'
    assert '<meta name="generator" content="journeymap">' in served_page(
        page, generation="g", problems=()
    )


def test_a_page_without_body_still_gets_the_script() -> None:
    assert served_page("<p>bare", generation="g", problems=()).endswith("</script>")


# Problems over the page ---------------------------------------------------------------


def test_problems_show_over_the_page_escaped(site: Site) -> None:
    hostile = "maps/a.yaml:3:9: JM103 expected an integer, got text '<img src=x onerror=alert(1)>'"
    site.status.publish([hostile, 'b.yaml:1:1: JM001 "quoted" & more'])
    page = site.get("/maps/a.html").text
    assert 'id="journeymap-problems"' in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<img" not in page
    assert "&quot;quoted&quot; &amp; more" in page
    assert page.index("journeymap-problems") < page.index("<h1>A map</h1>")
    assert len(SCRIPTS.findall(page)) == 1


def test_no_banner_once_the_problems_are_fixed(site: Site) -> None:
    site.status.publish(["a.yaml:1:1: JM106 broken"])
    site.status.publish([])
    assert "journeymap-problems" not in site.get("/maps/a.html").text


# What the server refuses --------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/maps/../../secret.txt",
        "/maps/%2E%2E/%2E%2E/secret.txt",
        "/maps/..%2f..%2fsecret.txt",
        "/maps\\..\\..\\secret.txt",
        "/escape.txt",
        "/outside/secret.txt",
        "//etc/passwd",
        "/%00",
        "/.journeymap/cache.json",
        "/maps/.%2e/.journeymap/cache.json",
    ],
)
def test_nothing_outside_the_site_or_hidden_is_served(site: Site, path: str) -> None:
    response = site.get(path)
    assert response.status == 404
    assert SECRET not in response.text and "{}" not in response.text


@pytest.mark.parametrize("path", ["/maps/", "/maps", "/empty/", "/outside/"])
def test_directories_are_never_listed(site: Site, path: str) -> None:
    response = site.get(path)
    assert response.status == 404
    assert "a.svg" not in response.text


def test_a_missing_page_is_a_404_that_still_reloads(site: Site) -> None:
    response = site.get("/maps/<b>new</b>.html")
    assert response.status == 404
    assert "&lt;b&gt;new&lt;/b&gt;" in response.text and "<b>" not in response.text
    assert SCRIPTS.findall(response.text) == [SCRIPT]
    assert SCRIPT_SOURCE in CSP_META.findall(response.text)[0]


def test_requests_for_another_host_are_refused(site: Site) -> None:
    assert site.get("/index.html", host="attacker.example:80").status == 403
    assert site.get("/index.html", host=f"localhost:{site.server.server_port}").status == 200


def test_only_get_and_head(site: Site) -> None:
    assert site.get("/index.html", method="POST").status == 501


def test_the_server_listens_on_loopback_only(site: Site) -> None:
    assert site.server.server_address[0] == "127.0.0.1"


# The event stream ---------------------------------------------------------------------


def test_events_send_the_generation_now_and_after_each_build(site: Site) -> None:
    with socket.create_connection(("127.0.0.1", site.server.server_port), timeout=10) as conn:
        host = f"127.0.0.1:{site.server.server_port}"
        conn.sendall(f"GET {EVENTS_PATH} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        stream = conn.makefile("rb")
        assert b"200" in stream.readline()
        assert b"text/event-stream" in read_until(stream, b"\r\n")
        assert read_until(stream, b"data: ").endswith(f"{site.status.generation}\n".encode())
        site.status.publish(["x"])
        assert read_until(stream, b"data: ").endswith(f"{site.status.generation}\n".encode())


def read_until(stream: IO[bytes], marker: bytes) -> bytes:
    """Lines up to and including the first one that starts with `marker`."""
    seen = b""
    while True:
        text = stream.readline()
        assert text, "the stream ended"
        seen += text
        if text.startswith(marker):
            return seen


# Builds: problems, failures, the watch loop -------------------------------------------


def test_problems_list_each_line_once_with_errors_outside_any_map() -> None:
    clash = at("b.yml", 0, 0, "JM209", "a.yaml is drawn at maps/a.html already")
    warning = at("c.yaml", 2, 3, "JM305", "no opportunity", severity=Severity.WARNING)
    broken = ["a.yaml:3:4: JM106 7 is out of range (-2 to 2)"]
    result = BuildResult(
        errors={"maps/a.html": broken, "maps/f.html": broken}, diagnostics=[clash, warning]
    )
    assert problems_of(result) == (broken[0], line(clash))


def test_a_rebuild_into_an_unusable_directory_is_a_problem_not_a_crash(
    project: Path, tmp_path: Path
) -> None:
    (project / "a.yaml").write_text(MINIMAL_MAP.format(id="a"), encoding="utf-8")
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a directory")
    result = rebuild(project, blocker)
    assert result.problems == (f"journeymap: {blocker} exists and is not a directory",)


@pytest.mark.parametrize(
    ("name", "change", "kept"),
    [
        ("a.yaml", watchfiles.Change.modified, True),
        ("sub/b.yml", watchfiles.Change.added, True),
        ("personas/p.yaml", watchfiles.Change.deleted, True),
        ("journeymap.toml", watchfiles.Change.modified, True),
        ("gone-folder", watchfiles.Change.deleted, True),
        ("gone-folder", watchfiles.Change.added, False),
        ("site/maps/a.html", watchfiles.Change.modified, False),
        ("site/maps/copy.yaml", watchfiles.Change.added, False),
        (".git/config.yaml", watchfiles.Change.modified, False),
        (".a.yaml.swp", watchfiles.Change.modified, False),
        ("a.yaml~", watchfiles.Change.modified, False),
        ("notes.md", watchfiles.Change.modified, False),
    ],
)
def test_only_sources_outside_the_site_trigger_a_build(
    tmp_path: Path, name: str, change: watchfiles.Change, kept: bool
) -> None:
    keep = SourceFilter(tmp_path, tmp_path / "site")
    assert keep(change, str(tmp_path / name)) is kept


def test_watch_rebuilds_after_a_save(project: Path, tmp_path: Path) -> None:
    source = project / "a.yaml"
    source.write_text(MINIMAL_MAP.format(id="a"), encoding="utf-8")
    out = tmp_path / "out"
    reports: list[Build] = []
    stop = threading.Event()
    thread = threading.Thread(
        target=watch_site, args=(project, out), kwargs={"report": reports.append, "stop": stop}
    )
    thread.start()
    try:
        wait_for(lambda: len(reports) >= 1)
        edited = MINIMAL_MAP.format(id="a").replace("Notices the offer", "Spots the poster")

        def saved_and_rebuilt() -> bool:
            # Saving until a rebuild comes: the watcher starts just after the first build.
            source.write_text(edited, encoding="utf-8")
            return len(reports) >= 2

        wait_for(saved_and_rebuilt)
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive()
    assert reports[-1].problems == ()
    assert "Spots the poster" in (out / "maps" / "a.html").read_text(encoding="utf-8")


def wait_for(condition: Callable[[], object], *, timeout: float = 30.0) -> None:
    """Poll `condition` (a functional timeout only; nothing here measures speed)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.1)


# The commands -------------------------------------------------------------------------


def test_serve_refuses_a_missing_directory(cli: Callable[..., Result], tmp_path: Path) -> None:
    result = cli("serve", str(tmp_path / "nope"), "--port", "0")
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and "is not a directory" in result.stderr


def test_watch_refuses_a_missing_directory(cli: Callable[..., Result], tmp_path: Path) -> None:
    result = cli("watch", str(tmp_path / "nope"), "-o", str(tmp_path / "site"))
    assert result.exit_code == 2 and "is not a directory" in result.stderr


def test_serve_on_a_busy_port_is_one_line(cli: Callable[..., Result], project: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = cli("serve", str(project), "--port", str(port))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"journeymap: cannot listen on 127.0.0.1:{port}: ")
    assert result.stderr.count("\n") == 1


def test_serve_into_an_unusable_directory_is_one_line(
    cli: Callable[..., Result], project: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file")
    result = cli("serve", str(project), "--port", "0", "-o", str(blocker))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"journeymap: {blocker} exists and is not a directory"


def test_port_out_of_range_is_a_usage_error(cli: Callable[..., Result], project: Path) -> None:
    assert cli("serve", str(project), "--port", "70000").exit_code == 2


# Only its own origin, and it stays up (raw sockets) -----------------------------------


def raw_request(port: int, data: bytes, *, timeout: float = 10.0) -> bytes:
    """Send `data` as it is and return the answer's status line ('' when closed unanswered)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        with contextlib.suppress(ConnectionError):
            connection.sendall(data)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer.split(b"\r\n", 1)[0].decode("latin-1")


def request(port: int, target: str = "/index.html", *headers: str) -> str:
    lines = [f"GET {target} HTTP/1.1", *headers, "", ""]
    return raw_request(port, "\r\n".join(lines).encode("latin-1"))


def status_of(line: str) -> int:
    return int(line.split()[1])


@pytest.mark.parametrize(
    "target",
    [
        "http://other.example/index.html",
        "http://127.0.0.1:{port}/index.html",  # even for itself: only origin-form
        "*",
        "index.html",
    ],
)
def test_only_origin_form_requests_are_answered(site: Site, target: str) -> None:
    port = site.server.server_port
    answer = request(port, target.format(port=port), f"Host: 127.0.0.1:{port}")
    assert status_of(answer) == 400
    assert status_of(request(port, "/index.html", f"Host: 127.0.0.1:{port}")) == 200


@pytest.mark.parametrize(
    ("version", "headers"),
    [("HTTP/1.1", []), ("HTTP/1.0", []), ("HTTP/1.1", ["Host: 127.0.0.1:{port}"] * 2)],
    ids=["no-host-1.1", "no-host-1.0", "two-hosts"],
)
def test_a_request_needs_exactly_one_host(site: Site, version: str, headers: list[str]) -> None:
    port = site.server.server_port
    lines = [f"GET /index.html {version}", *(h.format(port=port) for h in headers), "", ""]
    assert status_of(raw_request(port, "\r\n".join(lines).encode())) == 400


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("127.0.0.1:{port}", 200),
        ("localhost:{port}", 200),
        ("LocalHost:{port}", 200),
        ("[::1]:{port}", 200),
        ("localhost", 403),  # the port is not 80
        ("127.0.0.1:{other}", 403),
        ("[::1]", 403),
        ("attacker.example:{port}", 403),  # DNS rebinding: a name pointed at 127.0.0.1
        ("localhost.attacker.example:{port}", 403),
        ("127.0.0.1.nip.io:{port}", 403),
        ("0.0.0.0:{port}", 403),
        ("127.0.0.1:{port}x", 403),
    ],
)
def test_host_must_name_this_server_and_its_port(site: Site, host: str, status: int) -> None:
    port = site.server.server_port
    header = "Host: " + host.format(port=port, other=port + 1 if port < 65535 else 1)
    assert status_of(request(port, "/index.html", header)) == status


def test_headers_are_bounded_in_total_size_and_number(site: Site) -> None:
    port = site.server.server_port
    host = f"Host: 127.0.0.1:{port}"
    huge = [f"X-Filler-{n}: {'a' * 60_000}" for n in range(90)]  # 5.4 MB, each line legal
    assert request(port, "/index.html", host, *huge).startswith("HTTP/1.0 431 ")
    many = [f"X-Filler-{n}: a" for n in range(101)]
    assert request(port, "/index.html", host, *many).startswith("HTTP/1.0 431 ")
    within = [f"X-Filler-{n}: {'a' * 600}" for n in range(90)]  # 54 KB, 90 headers: fine
    assert status_of(request(port, "/index.html", host, *within)) == 200


@pytest.fixture
def impatient(tmp_path: Path) -> Iterator[SiteServer]:
    """A server that gives a request half a second to arrive (five in use)."""
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    status = Status()
    server = SiteServer(tmp_path, status, 0, request_seconds=0.5)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    status.close()
    server.shutdown()
    server.server_close()
    thread.join()


def test_half_sent_requests_time_out_while_others_are_served(impatient: SiteServer) -> None:
    port = impatient.server_port
    idle = []
    try:
        for n in range(50):
            connection = socket.create_connection(("127.0.0.1", port), timeout=10)
            connection.sendall(b"GET /index.html HTTP/1.1\r\nHost: 127.0.0.1" if n % 2 else b"GE")
            idle.append(connection)
        assert status_of(request(port, "/index.html", f"Host: 127.0.0.1:{port}")) == 200
        for connection in idle:  # each is closed by the server, unanswered
            with contextlib.suppress(ConnectionResetError):
                assert connection.recv(1024) == b""
    finally:
        for connection in idle:
            connection.close()


def test_a_request_sent_a_byte_at_a_time_is_cut_off(impatient: SiteServer) -> None:
    """The deadline is for the whole request, not for each read."""
    port = impatient.server_port
    data = f"GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Slow: {'a' * 100}\r\n\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        closed = False
        for byte in data.encode():  # 140 bytes at 50 ms: 7 s, far past the deadline
            try:
                connection.sendall(bytes([byte]))
            except ConnectionError:
                closed = True
                break
            time.sleep(0.05)
            readable, _, _ = select.select([connection], [], [], 0)
            if readable:
                closed = connection.recv(1024) == b""
                break
    assert closed


def test_origin_when_listening_on_every_address() -> None:
    origin = Origin("0.0.0.0", 8000)
    assert origin.allows("192.0.2.7:8000") and origin.allows("[2001:db8::1]:8000")
    assert origin.allows("localhost:8000")
    assert not origin.allows("attacker.example:8000") and not origin.allows("192.0.2.7:81")


def test_serve_on_another_loopback_address(project: Path) -> None:
    (project / "a.yaml").write_text(MINIMAL_MAP.format(id="a"), encoding="utf-8")
    command = [sys.executable, "-c", MAIN, "serve", str(project), "--port", "0"]
    process = subprocess.Popen(
        [*command, "--host", "127.0.0.2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        process.stdout.readline()  # site: …
        served = process.stdout.readline()
        match = re.fullmatch(r"serving at http://127\.0\.0\.2:(\d+)/ \(Ctrl-C to stop\)\n", served)
        assert match, served
        port = int(match.group(1))
        with socket.create_connection(("127.0.0.2", port), timeout=10) as connection:
            connection.sendall(f"GET / HTTP/1.1\r\nHost: 127.0.0.2:{port}\r\n\r\n".encode())
            assert connection.recv(1024).startswith(b"HTTP/1.0 200 ")
    finally:
        process.send_signal(signal.SIGINT)
        _, errors = process.communicate(timeout=30)
    assert process.returncode == 130
    assert "warning" not in errors


def test_serve_warns_before_listening_beyond_loopback(project: Path) -> None:
    """192.0.2.1 (a documentation address) is not this machine's: the warning comes, then
    the bind fails, and nothing ever listens outside loopback."""
    command = [sys.executable, "-c", MAIN, "serve", str(project), "--port", "0"]
    done = subprocess.run(
        [*command, "--host", "192.0.2.1"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert (
        lines[0] == "journeymap: warning: listening on 192.0.2.1: other machines can read the site"
    )
    assert lines[1].startswith("journeymap: cannot listen on 192.0.2.1:0: ") and len(lines) == 2


def test_serve_refuses_a_host_that_is_not_an_address(
    cli: Callable[..., Result], project: Path
) -> None:
    result = cli("serve", str(project), "--host", "example.com")
    assert result.exit_code == 2
    assert result.stderr == "journeymap: --host takes an IP address, not 'example.com'\n"
