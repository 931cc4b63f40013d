"""Many simulated phones in one process, for the party load test and the bench.

`python -m game.party.loadclient URL PLAYERS` joins PLAYERS plain WebSocket clients to the
party at URL (the join address) and has them answer every question at once: all at the same
moment, a fraction of a second after it appears (the moment differs from question to
question, as a room full of players reading the same question would). It prints one JSON
object: each answer's time from sending it to "locked", and what was refused.
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
import time
from urllib.parse import parse_qs, urlsplit

from websockets.asyncio.client import connect

TIMEOUT = 60.0
READING = (0.15, 0.6)  # seconds between a question appearing and everyone answering it


def reading_time(question: int) -> float:
    """The same for every phone on a question, so all fifty answer in one burst."""
    return random.Random(question).uniform(*READING)


async def phone(url: str, name: str, rng: random.Random, out: dict) -> None:
    sent: dict[int, float] = {}
    async with connect(url, max_size=2**16, compression=None) as ws:
        await ws.send(json.dumps({"type": "join", "name": name}))
        async for raw in ws:
            message = json.loads(raw)
            kind = message["type"]
            if kind == "question" and not message.get("waiting"):
                number = message["number"]
                await asyncio.sleep(reading_time(number))
                sent[number] = time.perf_counter()
                option = rng.randrange(len(message["options"]))
                await ws.send(json.dumps({"type": "answer", "question": number, "option": option}))
                out["answers"].append((name, number, option))
            elif kind == "locked":
                out["latency_ms"].append((time.perf_counter() - sent[message["question"]]) * 1000)
            elif kind in ("refused", "error"):
                out["refused"].append(message["reason"])
            elif kind == "podium":
                return


async def main(url: str, players: int) -> dict:
    parts = urlsplit(url)
    code = parse_qs(parts.query)["code"][0]
    socket_url = f"ws://{parts.netloc}/ws?code={code}"
    out: dict = {"latency_ms": [], "answers": [], "refused": []}
    rng = random.Random(5)
    await asyncio.wait_for(
        asyncio.gather(
            *(phone(socket_url, f"Phone {n:02d}", rng, out) for n in range(1, players + 1))
        ),
        TIMEOUT,
    )
    return out


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1], int(sys.argv[2])))))
