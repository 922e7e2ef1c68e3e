"""duohub_retriever.testing: an in-memory fake of the duohub Retriever API, for tests and demos.

It serves the three operations of openapi/duohub-retriever.yaml (GET /sessions/get/{id},
GET /sessions/list, GET /messages/get/{id}) with the spec's envelopes and error bodies, and lets a test
script faults and inspect what reached the wire. Only the standard library and httpx are used.

Data::

    fake = FakeDuohub(api_key="test-key")
    s = fake.add_session(customer_user_id="cust-1", metadata=[{"key": "source", "value": "web"}])
    fake.add_message(session_id=s["id"], role="developer", content="hi")  # any role string
    fake.delete_session(s["id"])          # GET now answers 404 "Session has been deleted"
    fake.seed()                           # 3 customers x 25 sessions x 2 messages, deterministic
    fake.put_raw_session("x", {"status": "success", "data": {"id": 1}})  # serve any body verbatim

Behaviour: unknown path 404, non-GET 405, missing X-API-Key 401 "API key is required", wrong key 403
"Invalid API key", unknown session 404 "Session not found", unknown message 404 "Message not found"
(not in the spec), empty id 400 "Session ID is required". /sessions/list filters on customerUserID
when given (even empty), skips deleted sessions, orders by createdAt then id, and pages with opaque
nextToken/previousToken (HMAC-checked; foreign, edited or misplaced tokens, or both at once, are
400 "Invalid pagination token"); limit must be digits in 1..100 (default 10), else 400 "Limit must
be between 1 and 100". Path ids are single segments, percent-decoded (so %2F is part of an id).

Faults (`fake.faults`, a `FaultPlan`; each `Fault` is a frozen dataclass)::

    fake.faults.fail_next(2, status=503, headers={"Retry-After": "1"})   # JSON error body
    fake.faults.fail_next(status=500, body=b"")                         # no body
    fake.faults.fail_every(3, status=520)                               # 3rd, 6th, ... request
    fake.faults.add(Fault.html(502, "<html>Bad Gateway</html>"))
    fake.faults.add(Fault.truncated_json(path_prefix="/sessions/list"))
    fake.faults.add(Fault.not_json())      # 200, application/json, body not JSON
    fake.faults.add(Fault.missing_data())  # 200 {"status": "success"}
    fake.faults.add(Fault.slow(5.0))       # later than the read timeout: httpx.ReadTimeout
    fake.faults.add(Fault.disconnect("before_response" | "mid_body" | "reset", times=None))
    fake.latency = 0.02                    # every reply this much later

Named constructors take `path_prefix`, `times` (None: forever) and `every`. `faults.fired` lists what
fired, `faults.pending` what is still armed, `faults.clear()` disarms.

Recording: `fake.requests` is a list of `RecordedRequest` (method, raw_path as sent, decoded path,
segments, raw_query, query, query_items, headers lower-cased with X-API-Key shown as '***').

Plugging in::

    httpx.Client(transport=fake.transport(), base_url=FAKE_BASE_URL)       # also httpx.AsyncClient
    fake.client(**kw) / fake.async_client(**kw)     # duohub_retriever.Duohub / AsyncDuohub, in-process
    with fake.serve(port=0) as url: ...             # real HTTP on 127.0.0.1, threaded, keep-alive

In-process, a reply later than the request's read timeout sleeps for the timeout and raises
httpx.ReadTimeout; dropped connections raise httpx.RemoteProtocolError (closed) or httpx.ReadError
(reset). Over HTTP the socket really is closed, cut mid-body, or reset. From a shell:
`python -m duohub_retriever.testing --port 8080 [--api-key K] [--no-seed]`.
"""

from ._fake import FAKE_BASE_URL, FakeDuohub
from ._faults import Fault, FaultPlan, Schedule
from ._records import REDACTED, RecordedRequest
from ._reply import DropMode, Reply
from ._server import FakeServer
from ._store import DEFAULT_USER_ID, format_timestamp
from ._transport import FakeTransport

__all__ = [
    "DEFAULT_USER_ID",
    "FAKE_BASE_URL",
    "REDACTED",
    "DropMode",
    "FakeDuohub",
    "FakeServer",
    "FakeTransport",
    "Fault",
    "FaultPlan",
    "RecordedRequest",
    "Reply",
    "Schedule",
    "format_timestamp",
]
