"""A tour of duohub_retriever against the built-in fake service: no API key, no network.

    make demo        (or: python examples/demo.py)

The fake (duohub_retriever.testing) serves the Retriever API on 127.0.0.1 with seeded data;
the client code below is exactly what you would run against https://api.duohub.ai.
"""

from __future__ import annotations

from duohub_retriever import Duohub, NotFoundError
from duohub_retriever.testing import FakeDuohub


def tour(client: Duohub, customer_user_id: str) -> None:
    first = client.sessions.list(customer_user_id=customer_user_id, limit=10)
    print(f"First page: {first.count} sessions, more pages: {first.has_next_page()}")

    session = client.sessions.get(str(first.sessions[0].id))
    print(f"Session {session.id}: customer {session.customer_user_id}, created {session.created_at:%Y-%m-%d}")

    total = sum(1 for _ in first)  # iterating a page walks every following page, one page in memory
    print(f"All sessions of {customer_user_id}: {total} (pages fetched lazily)")

    pages = list(first.iter_pages())
    back = pages[-1].get_previous_page()
    print(f"Last page has {len(pages[-1])} sessions; the page before it has {len(back)}")

    try:
        client.sessions.get("no-such-session")
    except NotFoundError as error:
        print(f"Handled error: {type(error).__name__} {error.status_code} {error.status}: {error.message}")


def main() -> None:
    fake = FakeDuohub(api_key="demo-key")
    sessions = fake.seed(customers=2, sessions_per_customer=25, messages_per_session=2)
    customer = sessions[0]["customerUserID"]
    message_id = fake.messages[0]["id"]
    with fake.serve() as url, Duohub(api_key="demo-key", base_url=url) as client:
        print(f"Fake duohub service at {url}")
        tour(client, customer)
        message = client.messages.get(message_id)
        print(f"Message {message.id} ({message.role}): {message.content!r}")


if __name__ == "__main__":
    main()
