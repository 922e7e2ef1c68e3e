"""The CLI's successful runs: get/list/messages as a table, --json and --jsonl, --all, progress, flags."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

from duohub_retriever.testing import FakeDuohub

from .conftest import KEY, PROG, Service, clean_env


def _expected(service: Service, kind: str, id: str) -> dict[str, object]:
    """What the SDK itself makes of the resource, as the CLI's JSON must show it."""
    with service.fake.client() as client:
        model = client.sessions.get(id) if kind == "session" else client.messages.get(id)
        return model.to_dict()


def _bulk(fake: FakeDuohub, count: int, customer: str = "bulk") -> list[str]:
    return [fake.add_session(customer_user_id=customer)["id"] for _ in range(count)]


def test_sessions_get_table_json_and_jsonl(service: Service) -> None:
    session = service.fake.sessions[0]
    expected = _expected(service, "session", session["id"])

    table, as_json, as_jsonl = service.run_many(
        ("sessions", "get", session["id"]),
        ("sessions", "get", session["id"], "--json"),
        ("--jsonl", "sessions", "get", session["id"]),
    )
    assert (table.returncode, table.stderr) == (0, "")
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["id", session["id"]]
    assert f"customerUserID  {session['customerUserID']}" in lines
    assert any(line.startswith("metadata        source=") and ", locale=" in line for line in lines)
    assert "deletedAt       -" in lines

    assert (as_json.returncode, as_json.stderr) == (0, "")
    assert json.loads(as_json.stdout) == expected
    assert as_json.stdout.startswith('{\n  "id": ')  # indented, camelCase keys
    assert set(expected) >= {"userID", "customerUserID", "createdAt", "updatedAt"}
    assert str(expected["createdAt"]).startswith("2024-01-01T")

    assert (as_jsonl.returncode, as_jsonl.stderr) == (0, "")
    assert as_jsonl.stdout.count("\n") == 1
    assert json.loads(as_jsonl.stdout) == expected


def test_messages_get_escapes_control_characters_in_the_table_only(service: Service) -> None:
    content = "first line\nsecond \x1b[31mred\x1b[0m line — ünïcødé 日本"
    message = service.fake.add_message(session_id=service.fake.sessions[0]["id"], role="developer", content=content)

    table, as_json, as_jsonl = service.run_many(
        ("messages", "get", message["id"]),
        ("messages", "get", message["id"], "--json"),
        ("messages", "get", message["id"], "--jsonl"),
    )
    assert (table.returncode, table.stderr) == (0, "")
    assert "\x1b" not in table.stdout
    lines = table.stdout.splitlines()
    assert "role            developer" in lines
    start = lines.index("content         first line")
    assert lines[start + 1] == "                second \\x1b[31mred\\x1b[0m line — ünïcødé 日本"

    assert json.loads(as_json.stdout) == _expected(service, "message", message["id"])
    assert json.loads(as_json.stdout)["content"] == content
    assert "日本" in as_json.stdout  # UTF-8 stdout: written as is, not \u-escaped

    assert json.loads(as_jsonl.stdout)["sessionID"] == message["sessionID"]


def test_sessions_list_table_prints_one_page_and_a_next_token_hint(service: Service) -> None:
    result, quiet = service.run_many(
        ("sessions", "list", "--customer-user-id", "cust-001", "--limit", "5"),
        ("sessions", "list", "--limit", "5", "-q"),
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "CUSTOMER", "CREATED", "ENDED", "METADATA"]
    assert len(lines) == 6
    expected_ids = [s["id"] for s in service.fake.sessions if s["customerUserID"] == "cust-001"][:5]
    assert [line.split()[0] for line in lines[1:]] == expected_ids
    assert all(line.split()[1] == "cust-001" for line in lines[1:])
    # columns line up: every row has its CREATED value where the header has CREATED
    column = lines[0].index("CREATED")
    assert all(line[column : column + 4] == "2024" for line in lines[1:])
    assert result.stderr.startswith(f"{PROG}: more sessions: add --next-token ")
    assert result.stderr.count("\n") == 1
    assert (quiet.returncode, quiet.stderr) == (0, "")


def test_sessions_list_json_and_jsonl_follow_the_api_order(service: Service) -> None:
    ids = [s["id"] for s in service.fake.sessions if s["customerUserID"] == "cust-002"]
    as_json, as_jsonl = service.run_many(
        ("sessions", "list", "--customer-user-id", "cust-002", "--limit", "3", "--json", "-q"),
        ("sessions", "list", "--customer-user-id", "cust-002", "--limit", "3", "--jsonl", "-q"),
    )
    assert (as_json.returncode, as_json.stderr) == (0, "")
    sessions = json.loads(as_json.stdout)
    assert [s["id"] for s in sessions] == ids[:3]
    assert sessions[0] == _expected(service, "session", ids[0])

    assert [json.loads(line)["id"] for line in as_jsonl.stdout.splitlines()] == ids[:3]


def test_next_token_continues_where_the_hint_says(service: Service) -> None:
    first = service.run("sessions", "list", "--limit", "4", "--jsonl")
    token = first.stderr.split("--next-token ")[1].split()[0]
    second = service.run("sessions", "list", "--limit", "4", "--jsonl", "--next-token", token)
    assert second.returncode == 0, second.stderr
    ids = [json.loads(line)["id"] for line in (first.stdout + second.stdout).splitlines()]
    with service.fake.client() as client:
        assert ids == [s.id for s in client.sessions.list(limit=8).sessions]


def test_all_streams_every_page_as_jsonl_without_progress_off_a_terminal(service: Service) -> None:
    ids = _bulk(service.fake, 250)
    result = service.run("sessions", "list", "--customer-user-id", "bulk", "--limit", "100", "--all", "--jsonl")
    assert (result.returncode, result.stderr) == (0, "")  # stderr is a pipe: no progress, no hint
    lines = result.stdout.splitlines()
    assert len(lines) == 250
    got = [json.loads(line)["id"] for line in lines]
    assert got == ids
    assert len(set(got)) == 250
    assert service.list_requests() == 3


def test_all_as_json_array_and_table(service: Service) -> None:
    ids = _bulk(service.fake, 130)
    as_json, table = service.run_many(
        ("sessions", "list", "--customer-user-id", "bulk", "--all", "--json"),
        ("sessions", "list", "--customer-user-id", "bulk", "--all", "--limit", "50"),
    )
    assert (as_json.returncode, as_json.stderr) == (0, "")
    assert [s["id"] for s in json.loads(as_json.stdout)] == ids
    limits = sorted(request.query["limit"] for request in service.fake.requests)
    assert limits == ["100", "100", "50", "50", "50"]  # --all asks for 100 per page unless --limit says otherwise

    assert (table.returncode, table.stderr) == (0, "")
    lines = table.stdout.splitlines()
    assert len(lines) == 131
    assert [line.split()[0] for line in lines[1:]] == ids
    column = lines[0].index("CREATED")
    assert all(line[column : column + 11] == "2024-01-01 " for line in lines[1:])


def test_empty_listing_in_each_format(service: Service) -> None:
    base = ("sessions", "list", "--customer-user-id", "nobody")
    table, as_json, as_jsonl = service.run_many(base, (*base, "--json"), (*base, "--all", "--jsonl"))
    assert (table.stdout, as_json.stdout, as_jsonl.stdout) == ("No sessions.\n", "[]\n", "")
    assert table.returncode == as_json.returncode == as_jsonl.returncode == 0


def test_global_flags_work_before_and_after_the_command(service: Service) -> None:
    session_id = service.fake.sessions[0]["id"]
    env = clean_env()  # no DUOHUB_API_KEY / DUOHUB_BASE_URL: the flags alone must do
    before, after, later_wins = service.run_many(
        ("--api-key", KEY, "--base-url", service.url, "--timeout", "5", "--max-retries", "0", "--json",
         "sessions", "get", session_id),
        ("sessions", "get", session_id, "--api-key", KEY, "--base-url", service.url, "--timeout", "5", "--json"),
        ("--json", "--api-key", KEY, "--base-url", service.url, "sessions", "get", session_id, "--table"),
        env=env,
    )  # fmt: skip
    assert before.returncode == after.returncode == 0, (before.stderr, after.stderr)
    assert json.loads(before.stdout) == json.loads(after.stdout)
    assert later_wins.stdout.startswith("id ")  # --table after the command overrides --json before it


def test_help_documents_commands_and_exit_codes(service: Service) -> None:
    result, list_help, version = service.run_many(("--help",), ("sessions", "list", "--help"), ("--version",))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith(f"usage: {PROG} ")
    for text in ("sessions", "messages", "--json", "--jsonl", "DUOHUB_API_KEY", "exit codes:", "  130  interrupted"):
        assert text in result.stdout
    for code in range(11):
        assert f"\n  {code:<4} " in result.stdout
    assert "--customer-user-id" in list_help.stdout and "--all" in list_help.stdout
    assert version.stdout.startswith(f"{PROG} ")


def test_progress_is_drawn_when_stderr_is_a_terminal(service: Service) -> None:
    _bulk(service.fake, 250)
    args = ("sessions", "list", "--customer-user-id", "bulk", "--limit", "100", "--all", "--jsonl")
    with ThreadPoolExecutor(2) as pool:
        shown, quiet = pool.map(lambda extra: _stderr_on_a_terminal(service, (*args, *extra)), [(), ("--quiet",)])
    assert "\rfetching sessions: 1 page, 100 sessions" in shown
    assert "\rfetching sessions: 3 pages, 250 sessions" in shown
    assert "\rfetched 3 pages, 250 sessions, " in shown
    assert shown.endswith("/s\r\n")  # the summary line is ended (the pty turns \n into \r\n)
    assert quiet == ""


def _stderr_on_a_terminal(service: Service, args: tuple[str, ...]) -> str:
    """Run the CLI with stderr on a pseudo-terminal (stdout still a pipe); return what the terminal got."""
    main, child = pty.openpty()
    try:
        process = service.popen(*args, stdout=subprocess.DEVNULL, stderr=child)
        os.close(child)
        received, deadline = b"", time.monotonic() + 15
        while time.monotonic() < deadline:
            if select.select([main], [], [], 0.1)[0]:
                try:
                    chunk = os.read(main, 4096)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not chunk:
                    break
                received += chunk
            elif process.poll() is not None:
                break
        assert process.wait(timeout=15) == 0, received
        return received.decode("utf-8")
    finally:
        os.close(main)
