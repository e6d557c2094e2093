"""The app over a terminal link: bytes per second, first frame, key latency, training overhead, memory.

    python benchmarks/bench_ui.py [--repeats 3] [--seconds 10] [--presses 40] [--only WORD] [--keys KEYS]
                                  [--ratio-rounds 6] [--json-out FILE]

`--only default` runs only the cases whose name holds the word (here: no --low-bandwidth),
`--presses 0` skips the key-latency runs, `--keys o` presses o after each training run's first
frame (the Activations pane's gradients over time showing; in the app / headless turns too), and
`--ratio-rounds 0` skips those turns.

Runs `nntui` in a real pseudo-terminal of 120x40, as an SSH session would,
and reads everything it writes (answering the terminal queries Textual sends,
as a modern terminal does). Measured, each `--repeats` times, medians shown:

- bytes/s written while training at full speed (`--speed 0`), default and
  `--low-bandwidth` (measured over at least 16 s, its slowest pane's
  period), on the default spiral and on MNIST, with truecolor
  (COLORTERM=truecolor) and with 256 colours (TERM=xterm-256color only);
- bytes/s and steps/s on moons 2-8-8-1, where every hidden node is drawn as its
  map over the input plane, and with the neuron-map view on (`m`): the
  selected neuron's map large in Data (`--only moons` runs just these);
- launch → first complete frame: every pane title, the status line and the
  footer have been written;
- key → updated screen: `n` while paused, until the status line shows the
  next step (median and p95 over `--presses` presses), and until the last
  pane's update is written (the output then stays quiet for 0.1 s);
- training samples/s with the UI against `nntui train` headless, SimpleNet
  on MNIST (needs NNTUI_DATA_DIR), in truecolor and in 256 colours: the two
  apps and `nntui train` take turns in one window (bench_ratio.py, whose
  docstring says how), `--ratio-rounds` rounds; the 256-colour ratio must be
  within 0.03 of truecolor's;
- peak RSS (VmHWM) of the app with MNIST loaded;
- the UI thread's CPU (Textual's event loop, /proc) per second of each training
  run: the time the trainer loses to the UI under the GIL, and much steadier
  than samples/s on a busy machine;
- the machine's steal time during each training run (/proc/stat): the share of
  the CPUs the hypervisor gave to other guests.

The machine may be shared: the script prints `uptime` with the results.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import re
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from nntui.tui.panes import PANES

COLS, ROWS = 120, 40
# Textual asks whether the terminal supports synchronized output (2026) and in-band resize (2048).
ANSWERS = {b"\x1b[?2026$p": b"\x1b[?2026;2$y", b"\x1b[?2048$p": b"\x1b[?2048;0$y"}
FIRST_FRAME_MARKS = (b"Network", b"Activations", b"Loss", b"Weights", b"Data", b"step ", b"pause")
STEP = re.compile(rb"step (\d+)\b")
TARGETS = {  # issue 6 acceptance, medians
    "bytes_per_s default": 48 * 1024, "bytes_per_s low-bandwidth": 8 * 1024,
    "first_frame_s": 1.0, "key_latency_median_s": 0.050, "ui_vs_headless": 0.90, "peak_rss_mb": 250,
    "ratio_256_vs_truecolor": 0.03,  # issue 16 item 19: |ratio in 256 colours - ratio in truecolor|
}
MOONS_MAPS = ["--dataset", "moons", "--hidden", "8,8", "--speed", "0"]  # 2-D, 8 a layer: a map in every hidden node
CASE_KEYS = {"moons maps, the map view (m)": b"m"}  # keys sent once the first frame is out, before measuring
# --low-bandwidth redraws its slowest pane every 16 s (the others on the same grid): a window of that length
# holds the same redraws wherever it starts, so its bytes/s is the long-run rate, not the luck of a short window.
LOW_BANDWIDTH_WINDOW_S = max(PANES.intervals(images=False, low_bandwidth=True).values())
QUIET_S = 0.1  # no output for this long: the screen has finished updating
WAIT_S = 60.0  # the longest any single wait may take before the run is reported as failed


@dataclass
class Chunk:
    t: float
    data: bytes


@dataclass
class PtyApp:
    """`nntui` on the slave side of a pty; a thread reads the master side and answers terminal queries."""

    args: list[str]
    env: dict[str, str]
    launch: tuple[str, ...] = ("-m", "nntui")  # what the interpreter runs: nntui, or a variant (ui_variants.py)
    chunks: list[Chunk] = field(default_factory=list)

    def start(self) -> PtyApp:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        self.master = master
        self.t0 = time.perf_counter()
        self.process = subprocess.Popen([sys.executable, *self.launch, *self.args], stdin=slave, stdout=slave,
                                        stderr=slave, env=self.env, start_new_session=True, close_fds=True)
        os.close(slave)
        self._lock = threading.Condition()
        self.reading = threading.Event()  # cleared: the terminal takes no output (a stalled link)
        self.reading.set()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        return self

    def _read(self) -> None:
        while True:
            self.reading.wait()
            try:
                data = os.read(self.master, 1 << 16)
            except OSError:
                break
            if not data:
                break
            now = time.perf_counter()
            for query, answer in ANSWERS.items():
                if query in data:
                    os.write(self.master, answer)
            with self._lock:
                self.chunks.append(Chunk(now, data))
                self._lock.notify_all()

    def output(self, since: int = 0) -> bytes:
        with self._lock:
            return b"".join(c.data for c in self.chunks[since:])

    def wait_until(self, test, since: int = 0, timeout: float = WAIT_S) -> tuple[float, int]:
        """Wait until test(output since chunk `since`) holds; (time of the chunk that made it hold, its index)."""
        deadline = time.perf_counter() + timeout
        seen = b""
        index = since
        with self._lock:
            while True:
                while index < len(self.chunks):
                    seen += self.chunks[index].data
                    index += 1
                    if test(seen):
                        return self.chunks[index - 1].t, index
                left = deadline - time.perf_counter()
                if left <= 0 or self.process.poll() is not None:
                    tail = seen[-400:].decode(errors="replace")
                    raise RuntimeError(f"nntui {' '.join(self.args)}: gave up waiting; last output: {tail!r}")
                self._lock.wait(min(left, 0.5))

    def bytes_between(self, t_start: float, t_stop: float) -> int:
        with self._lock:
            return sum(len(c.data) for c in self.chunks if t_start <= c.t < t_stop)

    def last_step(self, before: float | None = None) -> int | None:
        """The newest step number in the status line (written before `before`, if given)."""
        with self._lock:
            for chunk in reversed(self.chunks):
                if before is not None and chunk.t >= before:
                    continue
                found = STEP.findall(chunk.data)
                if found:
                    return int(found[-1])
        return None

    def send(self, keys: bytes) -> float:
        t = time.perf_counter()
        os.write(self.master, keys)
        return t

    def ui_cpu_s(self) -> float:
        """CPU seconds the app's main thread (Textual's event loop: the UI) has used so far, from /proc."""
        fields = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime

    def peak_rss_mb(self) -> float:
        return self._status_mb("VmHWM")

    def rss_mb(self) -> float:
        return self._status_mb("VmRSS")

    def _status_mb(self, field: str) -> float:
        """A memory figure of the app's /proc status (VmHWM: its peak resident set, VmRSS: now), in MB."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(rf"{field}:\s+(\d+) kB", status).group(1)) / 1024

    def quit(self) -> None:
        self.reading.set()
        if self.process.poll() is None:
            self.send(b"q")
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._reader.join(timeout=5)
        os.close(self.master)


def environment(state_dir: str, truecolor: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLORTERM", "NO_COLOR", "TMUX", "TEXTUAL")}
    env.update(TERM="xterm-256color", NNTUI_STATE_DIR=state_dir, COLUMNS=str(COLS), LINES=str(ROWS))
    if truecolor:
        env["COLORTERM"] = "truecolor"
    return env


def first_frame(app: PtyApp) -> float:
    t, _ = app.wait_until(lambda out: all(mark in out for mark in FIRST_FRAME_MARKS))
    return t - app.t0


def cpu_ticks() -> tuple[int, int]:
    """(steal, all) clock ticks of the machine's CPUs so far (/proc/stat): the time the hypervisor gave
    to other guests is steal, a share of it in a window says how much of the machine this run did not get."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return fields[7], sum(fields[:8])


def steal_share(start: tuple[int, int], stop: tuple[int, int]) -> float:
    return (stop[0] - start[0]) / max(1, stop[1] - start[1])


def training_run(args: list[str], env: dict[str, str], seconds: float, warmup: float,
                 launch: tuple[str, ...] = ("-m", "nntui"), keys: bytes = b"") -> dict:
    """Launch, wait for the first frame, press `keys`, let it warm up, then count bytes and steps over `seconds`."""
    app = PtyApp(args, env, launch).start()
    try:
        first = first_frame(app)
        if keys:
            app.send(keys)
        time.sleep(warmup)
        t_start, cpu_start, ticks_start = time.perf_counter(), app.ui_cpu_s(), cpu_ticks()
        step_start = app.last_step()
        time.sleep(seconds)
        t_stop, cpu_stop, ticks_stop = time.perf_counter(), app.ui_cpu_s(), cpu_ticks()
        step_stop = app.last_step()
        result = {
            "first_frame_s": first,
            "bytes_per_s": app.bytes_between(t_start, t_stop) / (t_stop - t_start),
            "steps_per_s": (step_stop - step_start) / (t_stop - t_start) if None not in (step_start, step_stop) else None,
            "peak_rss_mb": app.peak_rss_mb(),
            "ui_cpu_share": (cpu_stop - cpu_start) / (t_stop - t_start),
            "steal_share": steal_share(ticks_start, ticks_stop),
        }
        if result["steps_per_s"] is None:
            result["tail"] = app.output()[-300:].decode(errors="replace")
    finally:
        app.quit()
    return result


def settled(app: PtyApp, quiet: float = QUIET_S, longest: float = 2.0) -> float:
    """The time of the last output before the terminal has been quiet for `quiet` seconds."""
    deadline = time.perf_counter() + longest
    while time.perf_counter() < deadline:
        with app._lock:
            last = app.chunks[-1].t
        if time.perf_counter() - last >= quiet:
            return last
        time.sleep(quiet / 5)
    return last


def key_latency(args: list[str], env: dict[str, str], presses: int,
                launch: tuple[str, ...] = ("-m", "nntui")) -> tuple[list[float], list[float]]:
    """Per press of `n` (paused): seconds until the status line shows the next step, and until all output ends."""
    app = PtyApp([*args, "--speed", "0"], env, launch).start()
    latencies, complete = [], []
    try:
        first_frame(app)
        app.send(b" ")
        app.wait_until(lambda out: b"paused" in out)
        time.sleep(0.5)  # let the last running frame settle
        for _ in range(presses):
            step = app.last_step()
            since = len(app.chunks)
            t_press = app.send(b"n")
            wanted = re.compile(rb"step %d\b" % (step + 1))
            t_seen, _ = app.wait_until(lambda out: wanted.search(out) is not None, since=since)
            latencies.append(t_seen - t_press)
            complete.append(settled(app) - t_press)
    finally:
        app.quit()
    return latencies, complete


def headless_samples_per_s(data_dir: str, state_dir: str, epochs: int = 6) -> float:
    """`nntui train` on MNIST: samples/s over epochs 2..N (epoch 1 includes warming up), about 3 s of training."""
    with tempfile.TemporaryDirectory() as tmp:
        metrics = Path(tmp) / "m.jsonl"
        subprocess.run([sys.executable, "-m", "nntui", "train", "--dataset", "mnist", "--data-dir", data_dir,
                        "--epochs", str(epochs), "--lr-decay", "1", "--metrics-out", str(metrics)],
                       check=True, capture_output=True, env=dict(os.environ, NNTUI_STATE_DIR=state_dir))
        records = [json.loads(line) for line in metrics.read_text().splitlines()]
    first, last = records[0], records[-1]
    samples = (last["step"] - first["step"]) * 64
    return samples / (last["wall_s"] - first["wall_s"])


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def dataset_checks(results: dict, name: str) -> list[tuple[str, float, float, str]]:
    """(what, value, target, comparison) for one dataset's bytes/s, first frame and key latency (those measured)."""
    cases, latency = results["cases"], results["key_latency"]
    checks = []
    if f"{name} default" in cases:
        checks += [
            (f"bytes/s {name} default", cases[f"{name} default"]["bytes_per_s"], TARGETS["bytes_per_s default"], "<="),
            (f"first frame s ({name})", cases[f"{name} default"]["first_frame_s"], TARGETS["first_frame_s"], "<="),
        ]
    if f"{name} low-bandwidth" in cases:
        checks.append((f"bytes/s {name} --low-bandwidth", cases[f"{name} low-bandwidth"]["bytes_per_s"],
                       TARGETS["bytes_per_s low-bandwidth"], "<="))
    if name in latency:
        checks.append((f"key latency median s ({name})", latency[name]["median_s"], TARGETS["key_latency_median_s"],
                       "<="))
    return checks


def ratio_checks(results: dict) -> list[tuple[str, float, float, str]]:
    """The MNIST app / headless ratios of the turns, the 256-colour gap, and the app's peak RSS (those measured)."""
    checks = []
    if "mnist default" in results["cases"]:
        checks.append(("peak RSS MB (mnist)", results["cases"]["mnist default"]["peak_rss_mb"], TARGETS["peak_rss_mb"],
                       "<="))
    if "app_vs_headless" in results:
        import bench_ratio

        checks += bench_ratio.checks(results["app_vs_headless"])
    return checks


def judged(checks: list[tuple[str, float, float, str]]) -> list[dict]:
    """Each (what, value, target, comparison) as a record that says whether the target is met."""
    return [{"what": w, "value": v, "target": t, "ok": v <= t if op == "<=" else v >= t} for w, v, t, op in checks]


def print_checks(checks: list[dict]) -> None:
    for c in checks:
        print(f"{'ok  ' if c['ok'] else 'MISS'} {c['what']}: {c['value']:.3f} (target {c['target']})")


def options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10.0, help="measuring window of each training run")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds after the first frame before measuring")
    parser.add_argument("--presses", type=int, default=40)
    parser.add_argument("--only", help="run only the cases whose name contains this")
    parser.add_argument("--keys", default="", help="keys pressed after each training run's first frame")
    parser.add_argument("--ratio-rounds", type=int, default=6, help="rounds of the MNIST app / headless turns")
    parser.add_argument("--ratio-slice", type=float, default=10.0, help="seconds of each of their turns")
    parser.add_argument("--json-out")
    return parser.parse_args()


def bench_cases(mnist: list[str] | None, only: str | None) -> dict[str, tuple[list[str], bool]]:
    """name → (run options, truecolor): the spiral and moons cases, and MNIST's when its files are there."""
    cases = {
        "spiral default": (["--speed", "0"], True),
        "spiral low-bandwidth": (["--speed", "0", "--low-bandwidth"], True),
        "spiral default 256 colours": (["--speed", "0"], False),
        "moons maps in the nodes": (MOONS_MAPS, True),
        "moons maps, the map view (m)": (MOONS_MAPS, True),
    }
    if mnist:
        cases |= {
            "mnist default": (mnist, True),
            "mnist low-bandwidth": ([*mnist, "--low-bandwidth"], True),
            "mnist default 256 colours": (mnist, False),
        }
    return {name: case for name, case in cases.items() if not only or only in name}


@dataclass
class Measured:
    """Every run of every case, the key presses' latencies, and the MNIST app / headless turns."""

    runs: dict[str, list[dict]]
    latencies: dict[str, list[float]]
    complete: dict[str, list[float]]
    turns: dict | None = None  # bench_ratio.summary's results


def measure(opts, cases: dict, mnist: list[str] | None, data_dir: str | None, state_dir: str) -> Measured:
    """Each case `opts.repeats` times, interleaved (a busy moment on a shared machine hits every case),
    then the MNIST app / headless turns."""
    latencies = {"spiral": [], **({"mnist": []} if mnist else {})}
    measured = Measured({name: [] for name in cases}, latencies, {name: [] for name in latencies})
    for repeat in range(opts.repeats):
        tag = f"[{repeat + 1}/{opts.repeats}]"
        for name, (args, truecolor) in cases.items():
            seconds = max(opts.seconds, LOW_BANDWIDTH_WINDOW_S) if "--low-bandwidth" in args else opts.seconds
            measured.runs[name].append(training_run(args, environment(state_dir, truecolor), seconds, opts.warmup,
                                                    keys=CASE_KEYS.get(name, b"") + opts.keys.encode()))
            print(f"{tag} {name}: {measured.runs[name][-1]}", file=sys.stderr)
        per_repeat = max(1, opts.presses // opts.repeats) if opts.presses else 0
        for name, args in (("spiral", []), ("mnist", mnist)):
            if args is not None and per_repeat and f"{name} default" in cases:
                step_shown, all_done = key_latency(args, environment(state_dir, True), per_repeat)
                measured.latencies[name] += step_shown
                measured.complete[name] += all_done
    if mnist and opts.ratio_rounds and "mnist default" in cases:
        import bench_ratio  # it builds on this module's PtyApp

        measured.turns = bench_ratio.summary(*bench_ratio.measure(opts.ratio_rounds, opts.ratio_slice, opts.keys,
                                                                  data_dir))
    return measured


def summary(opts, measured: Measured) -> dict:
    """Medians per case, the key latencies, the MNIST ratios, the load and the checks against TARGETS."""
    med = statistics.median
    results: dict = {"terminal": f"{COLS}x{ROWS}", "repeats": opts.repeats, "seconds": opts.seconds,
                     "keys": opts.keys, "cases": {}}
    for name, rs in measured.runs.items():
        results["cases"][name] = {
            "bytes_per_s": med(r["bytes_per_s"] for r in rs),
            "first_frame_s": med(r["first_frame_s"] for r in rs),
            "peak_rss_mb": med(r["peak_rss_mb"] for r in rs),
            "ui_cpu_share": med(r["ui_cpu_share"] for r in rs),
            "steal_share": med(r["steal_share"] for r in rs),
            "steps_per_s": med([r["steps_per_s"] for r in rs if r["steps_per_s"] is not None] or [0.0]),
        }
    complete = measured.complete
    results["key_latency"] = {k: {"median_s": med(v), "p95_s": p95(v), "presses": len(v),
                                  "all_output_median_s": med(complete[k]), "all_output_p95_s": p95(complete[k])}
                              for k, v in measured.latencies.items() if v}
    if measured.turns:
        results["app_vs_headless"] = measured.turns
    results["uptime"] = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    checks = [check for name in ("spiral", "mnist") for check in dataset_checks(results, name)]
    checks += ratio_checks(results)
    results["checks"] = judged(checks)
    return results


def report(results: dict) -> None:
    """The table, the latencies, the ratios, the UI thread's CPU and the checks, then the JSON."""
    print(f"{'case':<30}{'KiB/s':>9}{'first frame s':>15}{'steps/s':>10}{'RSS MB':>9}{'UI CPU %':>10}{'steal %':>9}")
    for name, r in results["cases"].items():
        print(f"{name:<30}{r['bytes_per_s'] / 1024:>9.1f}{r['first_frame_s']:>15.3f}"
              f"{r['steps_per_s']:>10.0f}{r['peak_rss_mb']:>9.0f}{100 * r['ui_cpu_share']:>10.1f}"
              f"{100 * r['steal_share']:>9.1f}")
    for name, r in results["key_latency"].items():
        print(f"key n → step shown ({name}): median {1000 * r['median_s']:.1f} ms, p95 {1000 * r['p95_s']:.1f} ms "
              f"over {r['presses']} presses; → last pane written: median {1000 * r['all_output_median_s']:.1f} ms, "
              f"p95 {1000 * r['all_output_p95_s']:.1f} ms")
    if "app_vs_headless" in results:
        import bench_ratio

        bench_ratio.table(results["app_vs_headless"])
    print_checks(results["checks"])
    print(results["uptime"])
    print(json.dumps(results, indent=2))


def main() -> None:
    opts = options()
    data_dir = os.environ.get("NNTUI_DATA_DIR")
    # A constant learning rate for the whole run (the preset decays it per epoch, which changes the step speed).
    mnist = ["--dataset", "mnist", "--data-dir", data_dir, "--epochs", "1000", "--lr-decay", "1"] if data_dir else None
    if mnist is None:
        print("NNTUI_DATA_DIR is not set: MNIST cases skipped", file=sys.stderr)
    cases = bench_cases(mnist, opts.only)
    results = summary(opts, measure(opts, cases, mnist, data_dir, tempfile.mkdtemp(prefix="nntui-bench-")))
    report(results)
    if opts.json_out:
        Path(opts.json_out).write_text(json.dumps(results, indent=2))

if __name__ == "__main__":
    main()
