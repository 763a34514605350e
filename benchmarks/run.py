"""Benchmarks of issue 18: debtcoach on years of real weekly check-ins, against its floors.

Prints two tables. The targets: for each measure on ten years of check-ins, the median of
`--runs` runs (default 5) of debtcoach and of its floor, measured side by side and interleaved in
the same run (these machines are noisy, so every target is a ratio; a ratio is the median of the
per-run ratios):

- first full frame of `debtcoach` in a real pseudo-terminal (120x40), vs a bare Textual app
  (`bare_app.py`: header, 40-row DataTable, footer; same libraries);
- the switch to the loans screen with the key pressed right after the first frame, vs the bare
  app pushing its second screen the same way;
- peak memory of the TUI (ru_maxrss of the child) vs the bare app;
- `debtcoach checkin add` and `debtcoach plan --json` as whole processes, vs the same household
  with no history yet (the same loans, income and contacts on its first day);
- the same two, and the first frame, on the worst case: a plan that runs 600 months and never ends.

Then the growth table: the first frame, a save (`checkin add`) and `plan --json` at 0, 1, 2, 5 and
10 years of history. Every household is written through the check-in path (`ten_years.py`).

    .venv/bin/python benchmarks/run.py [--runs N] [--only tui,checkin,plan] [--years 0,1,2,5,10]

Timing never happens inside the test suite; tests only check that this machinery runs.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import fcntl
import os
import platform
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
TODAY = "2026-11-23"
COLUMNS, LINES = 120, 40
DEFAULT_RUNS = 5
DEFAULT_YEARS = (0, 1, 2, 5, 10)
WAIT_SECONDS = 60.0
SETTLE_SECONDS = 0.3
GROUPS = ("tui", "checkin", "plan")

# What the user first sees: the dashboard (its footer and the debt-free line) under the "Time for
# this week's check-in" offer (that week has no check-in yet). `s` skips the offer.
APP_FIRST_MARKERS = ("Quit", "Debt-free", "Owed in total", "skip for now")
APP_SWITCH_MARKERS = ("Loan 12", "payments due monthly")
BARE_FIRST_MARKERS = ("Quit", "Row 01", "Row 30")
BARE_SWITCH_MARKERS = ("Item 12",)


def bin_path(name: str) -> str:
    """A console script next to the running interpreter (the venv's), else on PATH."""
    local = Path(sys.executable).parent / name
    if local.exists():
        return str(local)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"benchmarks: {name} is not installed in this environment")
    return found


# Children cache their bytecode here (set by run_benchmarks), as an installed app's .pyc files
# would be: a shell with PYTHONDONTWRITEBYTECODE=1 would otherwise recompile every module on
# every start and measure the compiler, not the app. Nothing is written into the source tree.
PYCACHE_PREFIX: Path | None = None


def child_env() -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TEXTUAL", "DEBTCOACH", "PYTHONDONTWRITEBYTECODE"))
        and key not in ("NO_COLOR", "COLUMNS", "LINES")
    }
    env["TERM"] = "xterm-256color"
    if PYCACHE_PREFIX is not None:
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE_PREFIX)
    return env


# -- the data --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DataFiles:
    """The households measured: by years of history, and the plan that never ends."""

    by_years: dict[float, Path]
    never_ends: Path
    never_ends_empty: Path


def write_household(target: Path, years: float, *, never_ends: bool = False) -> Path:
    """Write a household through the check-in path (`ten_years.py`, in a child process)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    argv = [sys.executable, str(HERE / "ten_years.py"), str(target), "--years", str(years)]
    subprocess.run(
        [*argv, *(["--never-ends"] if never_ends else [])],
        check=True,
        stdout=subprocess.DEVNULL,
        env=child_env(),
    )
    return target


def prepare_data(folder: Path, years: Sequence[float]) -> DataFiles:
    source = folder / "source"
    by_years = {n: write_household(source / f"years-{n:g}.json", n) for n in years}
    longest = max(years)
    never = write_household(source / "never-ends.json", longest, never_ends=True)
    never_empty = write_household(source / "never-ends-empty.json", 0, never_ends=True)
    return DataFiles(by_years, never, never_empty)


def fresh_copy(source: Path, folder: Path) -> Path:
    """A copy of `source` alone in a new folder (no backups yet), as a user's first save."""
    target_dir = Path(tempfile.mkdtemp(prefix="run-", dir=folder))
    target = target_dir / "debtcoach.json"
    shutil.copyfile(source, target)
    os.chmod(target, 0o600)
    return target


# -- a whole process -------------------------------------------------------------------------


def time_process(argv: Sequence[str]) -> float:
    """Seconds from spawn to exit of one process (which must succeed)."""
    start = time.perf_counter()
    done = subprocess.run(
        list(argv), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=child_env()
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {done.stderr.decode(errors='replace')}")
    return elapsed


# -- a TUI in a pseudo-terminal ----------------------------------------------------------------

_ESCAPES = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    rb"|\x1bP[^\x1b]*\x1b\\"  # DCS
    rb"|\x1b[@-Z\\-_]"  # two-byte escapes
)


def screen_text(raw: bytes) -> str:
    """What a terminal stream says, without its escape sequences (positions are lost)."""
    return _ESCAPES.sub(b" ", raw).decode("utf-8", errors="replace")


@dataclass
class TuiSample:
    first_frame: float
    switch: float
    peak_kib: int


@dataclass
class PtySession:
    """One child process on the slave side of a fresh pseudo-terminal of COLUMNS x LINES."""

    argv: Sequence[str]
    output: bytearray = field(default_factory=bytearray)

    def __post_init__(self) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            list(self.argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=child_env(),
            start_new_session=True,
            preexec_fn=_take_terminal,  # the caller is single-threaded
        )
        os.close(slave)
        self.closed = False

    def read_some(self, timeout: float) -> bool:
        """Read what is there within `timeout`; False when nothing came (or the child is gone)."""
        if self.closed:
            time.sleep(timeout)
            return False
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 65536)
        except OSError as exc:
            if exc.errno != errno.EIO:
                raise
            chunk = b""
        if not chunk:
            self.closed = True
            return False
        self.output.extend(chunk)
        return True

    def wait_for(self, markers: Sequence[str], since: int = 0) -> float:
        """Read until every marker shows in the output after byte `since`; returns the moment."""
        deadline = time.perf_counter() + WAIT_SECONDS
        while True:
            text = screen_text(bytes(self.output[since:]))
            if all(marker in text for marker in markers):
                return time.perf_counter()
            if time.perf_counter() > deadline or (self.closed and self.process.poll() is not None):
                tail = text[-2000:]
                shown = f"{self.argv[0]}: never showed {markers!r}"
                raise RuntimeError(f"{shown}; last output:\n{tail}")
            self.read_some(0.05)

    def settle(self) -> None:
        """Read until the child has been quiet for SETTLE_SECONDS (it finished drawing)."""
        deadline = time.perf_counter() + WAIT_SECONDS
        while self.read_some(SETTLE_SECONDS) and time.perf_counter() < deadline:
            pass

    def send(self, keys: str) -> float:
        os.write(self.master, keys.encode())
        return time.perf_counter()

    def finish(self, quit_key: str = "q") -> int:
        """Quit with `quit_key` (killing it if it does not go), reap it; its peak RSS in KiB."""
        with contextlib.suppress(OSError):
            self.send(quit_key)
        deadline = time.perf_counter() + 10
        status = None
        while status is None:
            pid, code, usage = os.wait4(self.process.pid, os.WNOHANG)
            if pid:
                status = (code, usage)
                break
            if time.perf_counter() > deadline:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                deadline = time.perf_counter() + 10
            self.read_some(0.02)
        self.process.returncode = os.waitstatus_to_exitcode(status[0])
        os.close(self.master)
        return int(status[1].ru_maxrss)  # KiB on Linux


def _take_terminal() -> None:
    """In the child, after setsid: make the pty its controlling terminal, as a shell would."""
    with contextlib.suppress(OSError):
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def tui_sample(
    argv: Sequence[str],
    first_markers: Sequence[str],
    switch_markers: Sequence[str],
    *,
    dismiss: str = "",
) -> TuiSample:
    """First full frame; the `l` switch pressed at once (after `dismiss`); peak memory."""
    session = PtySession(argv)
    try:
        first = session.wait_for(first_markers) - session.started
        mark = len(session.output)
        sent = session.send(dismiss + "l")
        switch = session.wait_for(switch_markers, since=mark) - sent
        session.settle()
    except BaseException:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(session.process.pid, signal.SIGKILL)
        session.finish()
        raise
    peak = session.finish()
    return TuiSample(first, switch, peak)


# -- the table ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One measure: medians of debtcoach and of its floor, and the budget it must meet."""

    name: str
    unit: str  # "s" or "MiB"
    value: float
    floor: float
    budget: float
    ratio_budget: bool  # True: value/floor <= budget; False: value <= budget (absolute)
    samples: tuple[float, ...] = ()
    floor_samples: tuple[float, ...] = ()

    @property
    def ratio(self) -> float:
        """The median of the per-run ratios (each run measures both sides back to back, so a
        burst of load from elsewhere hits both); the ratio of the medians without samples."""
        pairs = [a / b for a, b in zip(self.samples, self.floor_samples, strict=False) if b > 0]
        if pairs:
            return statistics.median(pairs)
        return self.value / self.floor if self.floor else float("inf")

    @property
    def passed(self) -> bool:
        return (self.ratio if self.ratio_budget else self.value) <= self.budget


def _fmt(value: float, unit: str) -> str:
    return f"{value:.1f} MiB" if unit == "MiB" else f"{value * 1000:.0f} ms"


def format_table(rows: Sequence[Row], runs: int) -> str:
    headers = ("measure", "debtcoach", "floor", "ratio", "budget", "result")
    body = [
        (
            row.name,
            _fmt(row.value, row.unit),
            _fmt(row.floor, row.unit),
            f"{row.ratio:.2f}x",
            f"<= {row.budget:g}x" if row.ratio_budget else f"<= {_fmt(row.budget, row.unit)}",
            "PASS" if row.passed else "FAIL",
        )
        for row in rows
    ]
    widths = [max(len(line[i]) for line in (headers, *body)) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    title = f"debtcoach benchmarks: median of {runs} run{'s' if runs != 1 else ''}"
    return "\n".join([title, "", line(headers), rule, *(line(cells) for cells in body)])


def machine_info() -> str:
    model = platform.processor() or "unknown"
    with contextlib.suppress(OSError):
        for text_line in Path("/proc/cpuinfo").read_text().splitlines():
            if text_line.startswith("model name"):
                model = text_line.split(":", 1)[1].strip()
                break
    versions = []
    for package in ("textual", "tinydb", "pendulum", "babel"):
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package} (missing)")
    return (
        f"machine: {os.cpu_count()} cores ({model}), {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; {', '.join(versions)}"
    )


def format_growth(growth: Growth, runs: int) -> str:
    """Medians by years of history: one column per size, one row per measure."""
    sizes = sorted(growth.sizes)
    headers = ("measure", *(_years_label(n) for n in sizes), "bare floor")

    def cell(values: Sequence[float], name: str) -> str:
        return _fmt(statistics.median(values), growth.units.get(name, "s")) if values else "-"

    body = [
        (name, *(cell(by_size[n], name) for n in sizes), cell(growth.floors.get(name, []), name))
        for name, by_size in growth.rows.items()
    ]
    widths = [max(len(line[i]) for line in (headers, *body)) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    plural = "s" if runs != 1 else ""
    title = f"growth with the history (ten_years.py households): median of {runs} run{plural}"
    return "\n".join([title, "", line(headers), rule, *(line(cells) for cells in body)])


def _years_label(years: float) -> str:
    return "empty" if years == 0 else f"{years:g} year{'s' if years != 1 else ''}"


# -- running the measures ----------------------------------------------------------------------


@dataclass
class Growth:
    """Samples by measure name, then by years of history (seconds unless `units` says)."""

    sizes: tuple[float, ...]
    rows: dict[str, dict[float, list[float]]] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    floors: dict[str, list[float]] = field(default_factory=dict)  # the bare app, for scale

    def add(self, name: str, years: float, value: float, unit: str = "s") -> None:
        self.rows.setdefault(name, {n: [] for n in self.sizes})[years].append(value)
        self.units[name] = unit


@dataclass
class Results:
    rows: list[Row]
    growth: Growth


def _in_turn(runs: int, measures: Sequence[Callable[[bool], None]]) -> None:
    """Run every measure once unrecorded (bytecode cached, files in the page cache), then
    `runs` times each, in order on even runs and reversed on odd ones (ABBA...), so a burst
    of load from elsewhere falls on both sides of a ratio alike."""
    for measure in measures:
        measure(False)
    for index in range(runs):
        for measure in measures if index % 2 == 0 else list(reversed(measures)):
            measure(True)


def _row(
    name: str, unit: str, values: Sequence[float], floors: Sequence[float], budget: float
) -> Row:
    return Row(
        name,
        unit,
        statistics.median(values),
        statistics.median(floors),
        budget,
        True,
        tuple(values),
        tuple(floors),
    )


def run_benchmarks(
    runs: int = DEFAULT_RUNS,
    groups: Sequence[str] = GROUPS,
    progress: Callable[[str], None] | None = None,
    years: Sequence[float] = DEFAULT_YEARS,
) -> Results:
    """Measure the chosen groups (tui, checkin, plan) at every size of history in `years`
    (which must include 0); returns the targets and the growth table."""
    global PYCACHE_PREFIX
    if 0 not in years or len(set(years)) < 2:
        raise ValueError("years must include 0 (the empty household) and a longer history")
    with tempfile.TemporaryDirectory(prefix="debtcoach-bench-") as folder_name:
        PYCACHE_PREFIX = Path(folder_name) / "pycache"
        try:
            return _measure(Path(folder_name), runs, groups, progress, tuple(sorted(set(years))))
        finally:
            PYCACHE_PREFIX = None


def _measure(
    folder: Path,
    runs: int,
    groups: Sequence[str],
    progress: Callable[[str], None] | None,
    sizes: tuple[float, ...],
) -> Results:
    say = progress or (lambda _message: None)
    debtcoach = bin_path("debtcoach")
    longest = sizes[-1]
    say("writing the households through the check-in path")
    data = prepare_data(folder, sizes)
    growth = Growth(sizes)
    rows: list[Row] = []
    worst = "plan never ends"
    samples: dict[str, list[float]] = {}

    def keep(name: str, value: float, *, years: float | None = None, unit: str = "s") -> None:
        """A sample of a measure; with `years`, also for the growth table (`name` then ends
        with the years, which the growth table shows as its columns)."""
        samples.setdefault(name, []).append(value)
        if years is not None:
            growth.add(name.removesuffix(f" {years:g}"), years, value, unit)

    def app_argv(path: Path) -> list[str]:
        return [debtcoach, "--db", str(path), "--today", TODAY]

    if "tui" in groups:

        def app(years: float | str, source: Path) -> Callable[[bool], None]:
            def measure(record: bool) -> None:
                path = fresh_copy(source, folder)
                sample = tui_sample(
                    app_argv(path), APP_FIRST_MARKERS, APP_SWITCH_MARKERS, dismiss="s"
                )
                if not record:
                    return
                if isinstance(years, str):
                    keep(f"first {years}", sample.first_frame)
                    return
                keep(f"first full frame {years:g}", sample.first_frame, years=years)
                keep(f"loans switch pressed at once {years:g}", sample.switch, years=years)
                keep(f"peak memory {years:g}", sample.peak_kib / 1024, years=years, unit="MiB")

            return measure

        def bare(record: bool) -> None:
            argv = [sys.executable, str(HERE / "bare_app.py")]
            sample = tui_sample(argv, BARE_FIRST_MARKERS, BARE_SWITCH_MARKERS)
            if not record:
                return
            keep("bare first", sample.first_frame)
            keep("bare switch", sample.switch)
            keep("bare peak", sample.peak_kib / 1024)

        say("tui")
        measures = [bare, *(app(n, data.by_years[n]) for n in sizes), app(worst, data.never_ends)]
        _in_turn(runs, measures)
        growth.floors["first full frame"] = samples["bare first"]
        growth.floors["loans switch pressed at once"] = samples["bare switch"]
        growth.floors["peak memory"] = samples["bare peak"]
        label, at = _years_label(longest), f"{longest:g}"
        rows.append(
            _row(
                f"first full frame, {label} vs the bare floor",
                "s",
                samples[f"first full frame {at}"],
                samples["bare first"],
                1.15,
            )
        )
        rows.append(
            _row(
                f"first full frame, {worst} vs the bare floor",
                "s",
                samples[f"first {worst}"],
                samples["bare first"],
                1.15,
            )
        )
        rows.append(
            _row(
                "loans switch pressed at once vs the floor's",
                "s",
                samples[f"loans switch pressed at once {at}"],
                samples["bare switch"],
                2.0,
            )
        )
        rows.append(
            _row(
                "peak memory of the app vs the floor",
                "MiB",
                samples[f"peak memory {at}"],
                samples["bare peak"],
                1.3,
            )
        )

    def process(
        name: str, years: float | str, source: Path, *command: str
    ) -> Callable[[bool], None]:
        def measure(record: bool) -> None:
            path = fresh_copy(source, folder)
            seconds = time_process([*app_argv(path), *command])
            if not record:
                return
            if isinstance(years, str):
                keep(f"{name} {years}", seconds)
            else:
                keep(f"{name} {years:g}", seconds, years=years)

        return measure

    for group, name, command, budget in (
        ("checkin", "checkin add", ("checkin", "add", "--paid", "Loan 01=10"), 1.2),
        ("plan", "plan --json", ("plan", "--json"), 1.3),
    ):
        if group not in groups:
            continue
        say(name)
        measures = [process(name, n, data.by_years[n], *command) for n in sizes]
        measures += [
            process(name, f"{worst} empty", data.never_ends_empty, *command),
            process(name, worst, data.never_ends, *command),
        ]
        _in_turn(runs, measures)
        label = _years_label(longest)
        rows.append(
            _row(
                f"{name}, {label} vs empty",
                "s",
                samples[f"{name} {longest:g}"],
                samples[f"{name} 0"],
                budget,
            )
        )
        rows.append(
            _row(
                f"{name}, {worst}, {label} vs empty",
                "s",
                samples[f"{name} {worst}"],
                samples[f"{name} {worst} empty"],
                budget,
            )
        )
    return Results(rows, growth)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS, help="runs per measure")
    parser.add_argument(
        "--only", default=",".join(GROUPS), help=f"comma-separated groups of {GROUPS}"
    )
    parser.add_argument(
        "--years",
        default=",".join(f"{n:g}" for n in DEFAULT_YEARS),
        help="comma-separated sizes of history in years for the growth table (0 is required)",
    )
    parser.add_argument("--samples", action="store_true", help="also print every sample")
    args = parser.parse_args(argv)
    groups = [item.strip() for item in args.only.split(",") if item.strip()]
    unknown = set(groups) - set(GROUPS)
    try:
        years = [float(item) for item in args.years.split(",") if item.strip()]
    except ValueError:
        parser.error("--years takes numbers, e.g. 0,1,2,5,10")
    if unknown or args.runs < 1 or 0 not in years or len(set(years)) < 2:
        parser.error(f"--only takes {GROUPS}; --runs at least 1; --years includes 0 and more")
    results = run_benchmarks(
        args.runs,
        groups,
        progress=lambda m: print(f"  {m}", file=sys.stderr, flush=True),
        years=years,
    )
    print(format_table(results.rows, args.runs))
    print()
    print(format_growth(results.growth, args.runs))
    print()
    print(machine_info())
    if args.samples:
        for row in results.rows:
            print(f"{row.name}: {row.samples} vs {row.floor_samples}")
    return 0 if all(row.passed for row in results.rows) else 1


if __name__ == "__main__":
    sys.exit(main())
