"""Benchmarks of issue 8: debtcoach on ten years of weekly check-ins, against its floors.

Prints one table: for each measure the median of `--runs` runs (default 7) of debtcoach and of
its floor, measured side by side and interleaved in the same run (these machines are noisy, so
the budgets are ratios wherever there is a floor to compare with; a ratio is the median of the
per-run ratios):

- first full frame of `debtcoach` in a real pseudo-terminal (120x40) on the ten-year data, vs a
  bare Textual app (`bare_app.py`: header, 40-row DataTable, footer; same libraries);
- switching to the loans screen (`l`) vs the bare app pushing a second screen;
- peak memory of the TUI (ru_maxrss of the child) vs the bare app;
- `debtcoach checkin add` as a whole process on the ten-year data vs on a fresh one-loan file;
- `debtcoach plan --json` as a whole process on the ten-year data, against an absolute budget
  (the floor shown is the bare interpreter start-up, for scale).

    .venv/bin/python benchmarks/run.py [--runs N] [--only tui,checkin,plan]

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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
TODAY = "2026-11-23"
COLUMNS, LINES = 120, 40
DEFAULT_RUNS = 7
WAIT_SECONDS = 60.0
SETTLE_SECONDS = 0.3
GROUPS = ("tui", "checkin", "plan")

# What the user first sees on the ten-year data: the dashboard (its footer and the debt-free
# line) under the "Time for this week's check-in" offer (that week has no check-in yet).
APP_FIRST_MARKERS = ("Quit", "Debt-free in", "Owed in total", "skip for now")
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
    ten_years: Path
    small: Path


def prepare_data(folder: Path) -> DataFiles:
    """Write the ten-year household and a fresh one-loan household (through the project's API)."""
    ten = folder / "source" / "ten-years.json"
    small = folder / "source" / "small.json"
    ten.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, str(HERE / "ten_years.py"), str(ten)],
        check=True,
        stdout=subprocess.DEVNULL,
        env=child_env(),
    )
    env = child_env()
    subprocess.run(
        [
            bin_path("debtcoach"),
            "--db",
            str(small),
            "--today",
            TODAY,
            "loan",
            "add",
            "--name",
            "Loan 01",
            "--kind",
            "credit_card",
            "--balance",
            "5200",
            "--apr",
            "19.99",
            "--min-payment",
            "156",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        env=env,
    )
    return DataFiles(ten, small)


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
    """First full frame, then (after `dismiss` and quiet) the `l` switch, then peak memory."""
    session = PtySession(argv)
    try:
        first = session.wait_for(first_markers) - session.started
        if dismiss:
            session.send(dismiss)
        session.settle()
        mark = len(session.output)
        sent = session.send("l")
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


# -- running the measures ----------------------------------------------------------------------


def _interleaved(
    runs: int, first: Callable[[], object], second: Callable[[], object]
) -> Iterator[tuple[object, object]]:
    """Each run measures both sides, alternating which goes first (ABBA...), after one
    unmeasured warm-up run of each (bytecode cached, files in the page cache)."""
    first()
    second()
    for index in range(runs):
        if index % 2 == 0:
            a = first()
            b = second()
        else:
            b = second()
            a = first()
        yield a, b


def _row(
    name: str,
    unit: str,
    values: Sequence[float],
    floors: Sequence[float],
    budget: float,
    *,
    ratio_budget: bool = True,
) -> Row:
    return Row(
        name,
        unit,
        statistics.median(values),
        statistics.median(floors),
        budget,
        ratio_budget,
        tuple(values),
        tuple(floors),
    )


def run_benchmarks(
    runs: int = DEFAULT_RUNS,
    groups: Sequence[str] = GROUPS,
    progress: Callable[[str], None] | None = None,
) -> list[Row]:
    """Measure the chosen groups (tui, checkin, plan); returns the rows of the table."""
    global PYCACHE_PREFIX
    with tempfile.TemporaryDirectory(prefix="debtcoach-bench-") as folder_name:
        PYCACHE_PREFIX = Path(folder_name) / "pycache"
        try:
            return _measure(Path(folder_name), runs, groups, progress)
        finally:
            PYCACHE_PREFIX = None


def _measure(
    folder: Path,
    runs: int,
    groups: Sequence[str],
    progress: Callable[[str], None] | None,
) -> list[Row]:
    say = progress or (lambda _message: None)
    debtcoach = bin_path("debtcoach")
    rows: list[Row] = []
    say("writing the ten-year data set")
    data = prepare_data(folder)

    if "tui" in groups:
        app_samples: list[TuiSample] = []
        bare_samples: list[TuiSample] = []

        def app() -> TuiSample:
            path = fresh_copy(data.ten_years, folder)
            argv = [debtcoach, "--db", str(path), "--today", TODAY]
            return tui_sample(argv, APP_FIRST_MARKERS, APP_SWITCH_MARKERS, dismiss="s")

        def bare() -> TuiSample:
            argv = [sys.executable, str(HERE / "bare_app.py")]
            return tui_sample(argv, BARE_FIRST_MARKERS, BARE_SWITCH_MARKERS)

        for index, (a, b) in enumerate(_interleaved(runs, app, bare), 1):
            say(f"tui run {index}/{runs}")
            assert isinstance(a, TuiSample) and isinstance(b, TuiSample)
            app_samples.append(a)
            bare_samples.append(b)
        rows.append(
            _row(
                "first full frame (pty 120x40)",
                "s",
                [s.first_frame for s in app_samples],
                [s.first_frame for s in bare_samples],
                1.3,
            )
        )
        rows.append(
            _row(
                "switch to loans (l)",
                "s",
                [s.switch for s in app_samples],
                [s.switch for s in bare_samples],
                3.0,
            )
        )
        rows.append(
            _row(
                "peak memory of the TUI",
                "MiB",
                [s.peak_kib / 1024 for s in app_samples],
                [s.peak_kib / 1024 for s in bare_samples],
                1.5,
            )
        )

    if "checkin" in groups:

        def checkin(source: Path) -> Callable[[], float]:
            def measure() -> float:
                path = fresh_copy(source, folder)
                argv = [debtcoach, "--db", str(path), "--today", TODAY, "checkin", "add"]
                return time_process([*argv, "--paid", "Loan 01=10"])

            return measure

        pairs = list(_interleaved(runs, checkin(data.ten_years), checkin(data.small)))
        say("checkin add done")
        rows.append(
            _row(
                "checkin add (whole process)",
                "s",
                [float(a) for a, _ in pairs],  # type: ignore[arg-type]
                [float(b) for _, b in pairs],  # type: ignore[arg-type]
                1.5,
            )
        )

    if "plan" in groups:
        plan_argv = [debtcoach, "--db", str(data.ten_years), "--today", TODAY, "plan", "--json"]
        pairs = list(
            _interleaved(
                runs,
                lambda: time_process(plan_argv),
                lambda: time_process([sys.executable, "-c", "pass"]),
            )
        )
        say("plan --json done")
        rows.append(
            _row(
                "plan --json (whole process)",
                "s",
                [float(a) for a, _ in pairs],  # type: ignore[arg-type]
                [float(b) for _, b in pairs],  # type: ignore[arg-type]
                0.5,
                ratio_budget=False,
            )
        )
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS, help="runs per measure")
    parser.add_argument(
        "--only", default=",".join(GROUPS), help=f"comma-separated groups of {GROUPS}"
    )
    parser.add_argument("--samples", action="store_true", help="also print every sample")
    args = parser.parse_args(argv)
    groups = [item.strip() for item in args.only.split(",") if item.strip()]
    unknown = set(groups) - set(GROUPS)
    if unknown or args.runs < 1:
        parser.error(f"--only takes {GROUPS}; --runs at least 1")
    rows = run_benchmarks(
        args.runs, groups, progress=lambda m: print(f"  {m}", file=sys.stderr, flush=True)
    )
    print(format_table(rows, args.runs))
    print()
    print(machine_info())
    if args.samples:
        for row in rows:
            print(f"{row.name}: {row.samples} vs {row.floor_samples}")
    return 0 if all(row.passed for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
