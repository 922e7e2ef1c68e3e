"""A realistic, deterministic data set: a few customers, their interleaved sessions, short conversations."""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta
from typing import Any

from ._store import DEFAULT_USER_ID, EPOCH, Store, format_timestamp

_SOURCES = ("web", "mobile", "api", "voice")
_LOCALES = ("en-US", "en-GB", "de-DE", "fr-FR")
_USER_LINES = (
    "What did we decide about the launch date?",
    "Can you remind me what my sister's name is?",
    "Summarise yesterday's meeting notes.",
    "Which restaurant did I like last time?",
    "What's the status of the Q3 report?",
)
_ASSISTANT_LINES = (
    "You agreed to move the launch to the second week of March.",
    "Your sister is called Maya.",
    "The team agreed on the budget and assigned follow-ups to Sam.",
    "You enjoyed the ramen place on King Street.",
    "The Q3 report is drafted and waiting for finance review.",
)


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def seed_store(
    store: Store, *, customers: int, sessions_per_customer: int, messages_per_session: int, rng_seed: int
) -> list[dict[str, Any]]:
    """Add the data set to `store` and return copies of the sessions in creation order.

    Same arguments, same ids and timestamps; seeding twice with one `rng_seed` overwrites, not duplicates.
    """
    rng = random.Random(rng_seed)
    owners = [f"cust-{number:03d}" for number in range(1, customers + 1) for _ in range(sessions_per_customer)]
    rng.shuffle(owners)
    moment: datetime = EPOCH + timedelta(hours=9)
    created: list[dict[str, Any]] = []
    for customer in owners:
        moment += timedelta(seconds=rng.randint(30, 3600), milliseconds=rng.randint(0, 999))
        ended = moment + timedelta(minutes=rng.randint(1, 45)) if rng.random() < 0.6 else None
        session = store.add_session(
            _uuid(rng),
            user_id=DEFAULT_USER_ID,
            customer_user_id=customer,
            metadata=[
                {"key": "source", "value": rng.choice(_SOURCES)},
                {"key": "locale", "value": rng.choice(_LOCALES)},
            ],
            created_at=moment,
            updated_at=ended or moment,
            ended_at=ended,
            deleted=False,
            extra_fields={},
        )
        said = moment
        for turn in range(messages_per_session):
            said += timedelta(seconds=rng.randint(1, 90))
            user_turn = turn % 2 == 0
            store.add_message(
                _uuid(rng),
                session_id=session["id"],
                role="user" if user_turn else "assistant",
                content=rng.choice(_USER_LINES if user_turn else _ASSISTANT_LINES),
                user_id=None,
                customer_user_id=customer,
                created_at=format_timestamp(said),
                updated_at=None,
                extra_fields={},
            )
        created.append(session)
    return created
