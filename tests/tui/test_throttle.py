"""Throttle: urgent requests run at once; others run at most once per tick of a grid shared by all panes."""

from __future__ import annotations

from nntui.tui.throttle import Throttle


class Owner:
    """Stands in for a widget: records the timers asked for."""

    def __init__(self) -> None:
        self.timers: list[float] = []

    def set_timer(self, delay, callback):
        self.timers.append(round(delay, 6))
        return Timer()


class Timer:
    def stop(self) -> None:
        pass


def test_requests_between_ticks_fold_into_one_run_at_the_next_tick():
    now = [10.25]
    runs: list[float] = []
    owner = Owner()
    throttle = Throttle(owner, lambda: runs.append(now[0]), interval=1.0, clock=lambda: now[0])
    throttle.request()  # the first request runs at once
    now[0] = 10.75
    throttle.request()  # same tick (10): waits for tick 11, 0.25 s away
    throttle.request()
    assert runs == [10.25] and owner.timers == [0.25]
    now[0] = 11.05
    throttle.request()  # the first frame of tick 11 runs it
    assert runs == [10.25, 11.05]
    now[0] = 11.5
    throttle.request(urgent=True)  # a key: at once, whatever the tick
    assert runs == [10.25, 11.05, 11.5]


def test_panes_with_intervals_that_divide_one_another_redraw_in_the_same_frame():
    now = [0.0]
    runs: list[tuple[str, float]] = []
    throttles = {name: Throttle(Owner(), lambda name=name: runs.append((name, now[0])), interval=interval,
                                clock=lambda: now[0]) for name, interval in (("fast", 1.0), ("slow", 2.0))}
    for frame in range(1, 61):  # 15 frames a second for 4 s
        now[0] = 0.3 + frame / 15
        for throttle in throttles.values():
            throttle.request()
    times = sorted({t for _, t in runs})
    assert [name for name, _ in runs].count("fast") == 5 and [name for name, _ in runs].count("slow") == 3
    assert all(t in times for name, t in runs if name == "slow")  # every slow redraw shares a fast one's frame
    assert [round(t, 4) for t in times] == [0.3667, 1.0333, 2.0333, 3.0333, 4.0333]
