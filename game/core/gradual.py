"""Work done a slice at a time, so a big deck's indexes never hold up a frame for long.

On a 10,000-couple deck the name indexes take hundreds of milliseconds to build. Built in one
go during a frame, that frame is a visible hitch; built in slices of a few milliseconds during
the frames where the player is reading a card, nobody notices. The work is written as a
generator that yields between small steps and returns its result; `Gradual` runs it for a
time budget per frame, or to the end when the result is needed now.
"""

from __future__ import annotations

import time
from collections.abc import Generator
from typing import Generic, TypeVar

T = TypeVar("T")

Steps = Generator[None, None, T]
"""A build that yields after each small step (well under a millisecond or two) and returns
its result."""


class Gradual(Generic[T]):
    """A build that can be advanced for a while, or finished at once."""

    def __init__(self, steps: Steps[T]) -> None:
        self._steps: Steps[T] | None = steps
        self._result: T | None = None

    @property
    def done(self) -> bool:
        return self._steps is None

    def advance(self, seconds: float) -> bool:
        """Run steps until about `seconds` have passed (at least one step); True once done."""
        if self._steps is None:
            return True
        deadline = time.perf_counter() + seconds
        try:
            while True:
                next(self._steps)
                if time.perf_counter() >= deadline:
                    return False
        except StopIteration as finished:
            self._result = finished.value
            self._steps = None
            return True

    def result(self) -> T:
        """The built value, finishing the work first if it is not done yet."""
        while not self.advance(3600.0):
            pass
        return self._result  # type: ignore[return-value]


def run(steps: Steps[T]) -> T:
    """Do all the work now."""
    return Gradual(steps).result()
