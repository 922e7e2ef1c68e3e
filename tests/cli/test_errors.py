"""Every failure: one line on stderr naming the problem, no traceback, and its own exit code."""

from __future__ import annotations

import json
import signal
import subprocess
import time

import pytest

from duohub_retriever.cli import main
from duohub_retriever.testing import Fault

from .conftest import KEY, PROG, Service, assert_one_line_error, clean_env, run_cli

SESSIONS = "/sessions/list"


def test_no_api_key_is_a_configuration_error_before_any_request(service: Service) -> None:
    env = clean_env(DUOHUB_BASE_URL=service.url)  # DUOHUB_API_KEY unset
    result = run_cli(("sessions", "get", "anything"), env=env)
    assert_one_line_error(result, 3, "no API key", "set DUOHUB_API_KEY or pass --api-key")
    assert service.fake.requests == []


def test_invalid_base_url_is_a_configuration_error(service: Service) -> None:
    result = service.run("--base-url", "not a url", "sessions", "get", "x")
    assert_one_line_error(result, 3, "base_url must be an absolute http(s) URL", "--base-url")


def test_401_authentication_failed(service: Service) -> None:
    service.fake.put_raw_session("s-1", {"status": "unauthorized", "error": "API key is required"}, status=401)
    result = service.run("sessions", "get", "s-1")
    line = assert_one_line_error(result, 4)
    assert line.startswith(
        f"{PROG}: authentication failed (401): API key is required — set DUOHUB_API_KEY or pass --api-key"
    )


def test_403_wrong_key(service: Service) -> None:
    result = service.run("--api-key", "wrong-key", "sessions", "list")
    assert_one_line_error(result, 5, "permission denied (403): Invalid API key", "[request id fake-")


def test_404_not_found(service: Service) -> None:
    session, message = service.run_many(("sessions", "get", "no-such-session"), ("messages", "get", "nope", "--json"))
    assert_one_line_error(session, 6, "not found (404): Session not found")
    assert_one_line_error(message, 6, "not found (404): Message not found")


def test_429_rate_limited_after_retries(service: Service) -> None:
    service.fake.faults.fail_next(2, status=429, headers={"Retry-After": "0"})
    result = service.run("--max-retries", "1", "sessions", "list")
    assert_one_line_error(result, 7, "rate limited (429)")
    assert service.list_requests() == 2  # --max-retries 1: one retry


def test_5xx_and_html_error_pages(service: Service) -> None:
    service.fake.faults.fail_next(status=503)
    assert_one_line_error(service.run("--max-retries", "0", "sessions", "list"), 8, "server error (503)")
    service.fake.faults.add(Fault.html(502, "<html>\n<body>Bad\nGateway</body>\n</html>"))
    assert_one_line_error(service.run("--max-retries", "0", "sessions", "list"), 8, "server error (502)", "Bad Gateway")


def test_400_from_the_api_is_a_usage_error(service: Service) -> None:
    result = service.run("sessions", "list", "--next-token", "forged")
    assert_one_line_error(result, 2, "bad request (400): Invalid pagination token")


def test_invalid_limit_exits_2_before_any_request(service: Service) -> None:
    result = service.run("sessions", "list", "--limit", "0", "--all", "--jsonl")
    assert_one_line_error(result, 2, "invalid argument: limit must be between 1 and 100, got 0")
    assert service.fake.requests == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("sessions", "list", "--limit", "101"), "invalid argument: limit must be between 1 and 100, got 101"),
        (("sessions", "list", "--limit", "ten"), "argument --limit: expected a whole number, got 'ten'"),
        (("sessions", "get", ".."), "invalid argument: session_id must not be '..'"),
        (("sessions", "list", "--customer-user-id", ""), "argument --customer-user-id: must not be empty"),
        (("sessions", "list", "--next-token", "a", "--previous-token", "b"), "not allowed with argument"),
        (("--timeout", "-1", "sessions", "list"), "argument --timeout: must be a number of seconds > 0"),
        (("--max-retries", "x", "sessions", "list"), "argument --max-retries: expected a whole number >= 0"),
        (("sessions", "delete", "x"), "invalid choice: 'delete'"),
        (("sessions",), "required: COMMAND (see 'duohub-retriever sessions --help')"),
        ((), "required: COMMAND (see 'duohub-retriever --help')"),
    ],
)
def test_bad_arguments_exit_2_before_any_request(
    service: Service,
    args: tuple[str, ...],
    message: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """In-process (the subprocess path is the test above): main() returns 2 and prints one line."""
    for name, value in service.env().items():
        monkeypatch.setenv(name, value)
    assert main(list(args)) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith(f"{PROG}: ") and message in captured.err
    assert service.fake.requests == []


def test_connection_refused(closed_port: int) -> None:
    env = clean_env(DUOHUB_API_KEY=KEY, DUOHUB_BASE_URL=f"http://127.0.0.1:{closed_port}")
    result = run_cli(("--max-retries", "0", "sessions", "get", "x"), env=env)
    assert_one_line_error(result, 9, "connection failed", f"127.0.0.1:{closed_port}", "--base-url")


def test_timeout(service: Service) -> None:
    service.fake.faults.add(Fault.slow(3.0))
    result = service.run("--timeout", "0.3", "--max-retries", "0", "messages", "get", "x")
    assert_one_line_error(result, 9, "request timed out", "--timeout")


def test_invalid_response(service: Service) -> None:
    service.fake.faults.add(Fault.not_json())
    result = service.run("sessions", "list")
    assert_one_line_error(result, 10, "Invalid response", "not valid JSON")


def test_all_stops_when_pagination_does_not_advance(service: Service) -> None:
    service.fake.put_raw_list({"status": "success", "data": {"sessions": [{"id": "s-1"}], "nextToken": "same"}})
    result = service.run("sessions", "list", "--all", "--jsonl")
    assert result.returncode == 10 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "pagination does not advance" in result.stderr


def test_failure_mid_listing_keeps_what_was_written(service: Service) -> None:
    for _ in range(250):
        service.fake.add_session(customer_user_id="bulk")
    service.fake.faults.fail_every(2, status=500, path_prefix=SESSIONS)  # the second page fails
    args = ("--max-retries", "0", "sessions", "list", "--customer-user-id", "bulk", "--all", "--jsonl")
    result = service.run(*args)
    assert result.returncode == 8 and "Traceback" not in result.stderr
    assert len([json.loads(line) for line in result.stdout.splitlines()]) == 100
    assert result.stderr.count("\n") == 1 and "server error (500)" in result.stderr


def test_ctrl_c_exits_130_without_a_traceback(service: Service) -> None:
    service.fake.latency = 10.0
    with service.popen("sessions", "list", stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        deadline = time.monotonic() + 10
        while not service.fake.requests and time.monotonic() < deadline:
            time.sleep(0.02)
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=10)
    assert process.returncode == 130, stderr
    assert stdout == b""
    assert stderr.decode() == f"{PROG}: interrupted\n"


def test_closed_pipe_stops_quietly(service: Service) -> None:
    for _ in range(300):
        service.fake.add_session(customer_user_id="bulk")
    service.fake.latency = 0.05  # the reader is gone before the later pages arrive
    args = ("sessions", "list", "--customer-user-id", "bulk", "--limit", "50", "--all", "--jsonl")
    with service.popen(*args, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        assert json.loads(process.stdout.readline())["customerUserID"] == "bulk"
        process.stdout.close()  # like `| head -1`
        stderr = process.stderr.read()
        process.wait(timeout=10)
    assert stderr == b""
    assert process.returncode == 141
    assert service.list_requests() < 6  # it stopped instead of fetching every page
