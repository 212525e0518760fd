"""abstain-reward for Python RL trainers: standard library only.

Spawns ``abstain-reward worker`` (a Node.js process speaking JSON lines on stdin/stdout) and exposes
the Abstain-R1 clarification-aware reward with the exact call shapes the trainers use:

* TRL ``GRPOTrainer(reward_funcs=[trl_reward_func])``
* verl ``custom_reward_function.name=compute_score`` (or ``compute_score_batch`` with
  ``reward_model.reward_manager=batch``)
* OpenRLHF ``--remote_rm_url /path/to/abstain_reward.py`` (``reward_func``), or the HTTP server
  ``abstain-reward serve``.

Where the worker comes from (first match wins):

1. ``configure(command=...)`` / ``configure(cli_path=...)`` or ``RewardClient(...)`` arguments;
2. ``ABSTAIN_REWARD_COMMAND`` (a shell-quoted command line, e.g. ``"npx abstain-reward worker"``);
3. ``ABSTAIN_REWARD_CLI`` (the path of ``dist/cli.js``; run with ``node``);
4. ``npx abstain-reward worker``.

``ABSTAIN_REWARD_ARGS`` adds worker flags (e.g. ``"--preset continuous"``), ``ABSTAIN_REWARD_TIMEOUT``
sets the per-request timeout in seconds (default 300). A wrong ``ABSTAIN_REWARD_CLI`` path or a
missing ``node`` is reported before anything is spawned (the worker needs Node.js ≥ 20.19).

No call waits forever: start-up, writing (a writer thread feeds the worker's stdin, so a worker that
stops reading cannot block the caller) and each answer are bounded; a worker that dies or does not
answer in time is killed, restarted, and sent its unanswered requests again (``max_retries``), then
``RewardWorkerError``. Every answer is checked against the protocol — one result per sample, in
order, with the sample's id, a finite reward inside the worker's announced ``rewardRange``, finite
components — and a violation raises ``RewardProtocolError`` (a ``RewardWorkerError``) with a
sentence; the trainer never receives a reward it should not trust.

A sample that cannot be scored raises ``RewardInputError`` naming the missing field and where it
was looked for; in particular an unanswerable sample without ``missing_facts`` or
``reference_clarification`` is an error, never a silent zero bonus.
"""

from __future__ import annotations

import atexit
import collections
import itertools
import json
import math
import os
import queue
import shlex
import shutil
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

__all__ = [
    "RewardClient",
    "RewardInputError",
    "RewardPool",
    "RewardProtocolError",
    "RewardWorkerError",
    "compute_score",
    "compute_score_batch",
    "configure",
    "get_client",
    "reward_func",
    "sample_from_fields",
    "trl_reward_func",
]

DEFAULT_COMMAND = ("npx", "abstain-reward", "worker")
DEFAULT_TIMEOUT = 300.0
DEFAULT_CHUNK_SIZE = 256
#: The best reward under the default weights (format 1 + answer 1); OpenRLHF `scores` are reward / MAX_REWARD.
MAX_REWARD = 2.0


class RewardWorkerError(RuntimeError):
    """The worker could not answer: it failed to start, kept dying, timed out, or reported an error."""

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code


class RewardProtocolError(RewardWorkerError):
    """The worker answered, but not as the protocol says: the wrong number of results, results for
    other samples, a line that is not JSON, a reward that is not a finite number in range. Never
    retried: a worker that breaks the protocol once would feed the trainer wrong rewards again."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="protocol_error")


class RewardInputError(ValueError):
    """A sample lacks what the reward needs, or has a field of the wrong type."""


# --------------------------------------------------------------------------------------------
# The client
# --------------------------------------------------------------------------------------------

#: Node.js version the worker needs (package.json ``engines``).
NODE_REQUIREMENT = "Node.js ≥ 20.19"
_COMPONENTS = ("format", "answer", "abstention", "clarification")


class _Pending:
    __slots__ = ("id", "line", "event", "response", "error", "generation", "attempts", "deadline", "samples")

    def __init__(self, request_id: str, line: bytes, samples: Sequence[Mapping[str, Any]]) -> None:
        self.id = request_id
        self.line = line
        self.samples = samples
        self.event = threading.Event()
        self.response: dict[str, Any] | None = None
        self.error: BaseException | None = None
        self.generation = -1
        self.attempts = 0
        self.deadline = 0.0


class _Worker:
    """One worker process with its own writer thread: callers never block on a full pipe."""

    def __init__(self, proc: subprocess.Popen[bytes], generation: int) -> None:
        self.proc = proc
        self.generation = generation
        self.lines: queue.Queue[bytes | None] = queue.Queue()
        self.stderr_done = threading.Event()
        self.writer = threading.Thread(target=self._write_loop, daemon=True, name=f"abstain-reward-writer-{generation}")
        self.writer.start()

    def _write_loop(self) -> None:
        stdin = self.proc.stdin
        assert stdin is not None
        try:
            while True:
                line = self.lines.get()
                if line is None:
                    break
                stdin.write(line)
                if self.lines.empty():
                    stdin.flush()
            stdin.close()
        except (OSError, ValueError):
            pass  # the worker died or was killed; the reader's EOF wakes the waiters

    def send(self, line: bytes | None) -> None:
        self.lines.put(line)

    def kill(self) -> None:
        if self.proc.poll() is None:
            try:
                self.proc.kill()
            except OSError:
                pass
        self.lines.put(None)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass


def _resolve_command(command: str | Sequence[str] | None, cli_path: str | None) -> tuple[list[str], str | None]:
    """The worker's command line, and where a CLI path came from (to check it before spawning)."""
    if command is not None:
        return (shlex.split(command) if isinstance(command, str) else list(command)), None
    if cli_path is not None:
        return ["node", cli_path, "worker"], "cli_path"
    if os.environ.get("ABSTAIN_REWARD_COMMAND"):
        return shlex.split(os.environ["ABSTAIN_REWARD_COMMAND"]), None
    if os.environ.get("ABSTAIN_REWARD_CLI"):
        return ["node", os.environ["ABSTAIN_REWARD_CLI"], "worker"], "ABSTAIN_REWARD_CLI"
    return list(DEFAULT_COMMAND), None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


class RewardClient:
    """A pipelined client of one ``abstain-reward worker`` process.

    Requests are written by a writer thread (many may be in flight) and matched to responses by id.
    Every wait is bounded: start-up by ``startup_timeout``, each request by ``timeout`` from the
    moment it is submitted (a worker that stops reading its stdin cannot block the caller). A
    worker that dies or does not answer in time is killed and restarted, and every unanswered
    request is sent again, up to ``max_retries`` times per request. Every answer is checked
    against the protocol (one result per sample, in order, with the sample's id, a finite reward
    within the worker's reward range); a violation raises :class:`RewardProtocolError`. Thread-safe.

    Example::

        with RewardClient(cli_path="node_modules/abstain-reward/dist/cli.js") as client:
            client.rewards([{"response": "...", "answerable": True, "goldAnswer": "12"}])
    """

    def __init__(
        self,
        command: str | Sequence[str] | None = None,
        *,
        cli_path: str | None = None,
        worker_args: Sequence[str] | None = None,
        timeout: float | None = None,
        startup_timeout: float = 600.0,
        max_retries: int = 3,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        env: Mapping[str, str] | None = None,
        cwd: str | None = None,
    ) -> None:
        extra = list(worker_args) if worker_args is not None else shlex.split(os.environ.get("ABSTAIN_REWARD_ARGS", ""))
        base, self._cli_source = _resolve_command(command, cli_path)
        self.command = base + extra
        raw_timeout = timeout if timeout is not None else os.environ.get("ABSTAIN_REWARD_TIMEOUT", DEFAULT_TIMEOUT)
        try:
            self.timeout = float(raw_timeout)
        except (TypeError, ValueError):
            raise RewardWorkerError(f"ABSTAIN_REWARD_TIMEOUT must be a number of seconds, got {raw_timeout!r}.") from None
        if not self.timeout > 0 or not math.isfinite(self.timeout):
            raise RewardWorkerError(f"The request timeout must be a positive number of seconds, got {raw_timeout!r}.")
        self.startup_timeout = float(startup_timeout)
        self.max_retries = max(0, int(max_retries))
        self.chunk_size = max(1, int(chunk_size))
        self.env = dict(env) if env is not None else None
        self.cwd = cwd
        #: The worker's ready line: ``{"ready": true, "version", "models", "device", "rewardRange"}``.
        self.info: dict[str, Any] | None = None
        #: How many times the worker was (re)started after the first start.
        self.restarts = 0
        self._ids = itertools.count(1)
        self._pending: dict[str, _Pending] = {}
        self._state_lock = threading.Lock()  # guards _pending, _worker, _generation, _alive
        self._io_lock = threading.RLock()  # serialises starts and restarts
        self._worker: _Worker | None = None
        self._generation = 0
        self._alive = False
        self._closed = False
        self._stderr_tail: collections.deque[str] = collections.deque(maxlen=30)
        self._ready_generation = 0
        self._range: tuple[float, float] | None = None
        # Fork safety (see _ensure_own_process): the process this client's worker belongs to.
        self._owner_pid = os.getpid()
        _LIVE_CLIENTS.add(self)

    # -- lifecycle ---------------------------------------------------------------------------

    def __enter__(self) -> RewardClient:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def _proc(self) -> subprocess.Popen[bytes] | None:
        worker = self._worker
        return worker.proc if worker is not None else None

    @property
    def pid(self) -> int | None:
        """The worker's process id, or None when it is not running."""
        worker = self._worker
        return worker.proc.pid if worker is not None and self._alive else None

    # -- fork, pickle, Ray ---------------------------------------------------------------------

    #: The settings a pickled client carries; everything else (process, threads, locks) is rebuilt.
    _PICKLED = ("command", "_cli_source", "timeout", "startup_timeout", "max_retries", "chunk_size", "env", "cwd", "_closed")

    def __getstate__(self) -> dict[str, Any]:
        """Pickles the settings only (Ray actors, ``multiprocessing`` spawn): never the worker process
        or its pipes. The copy starts its own worker on first use."""
        return {name: getattr(self, name) for name in self._PICKLED}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(  # type: ignore[misc]
            list(state["command"]),
            worker_args=[],
            timeout=state["timeout"],
            startup_timeout=state["startup_timeout"],
            max_retries=state["max_retries"],
            chunk_size=state["chunk_size"],
            env=state["env"],
            cwd=state["cwd"],
        )
        self._cli_source = state["_cli_source"]
        self._closed = state["_closed"]

    def _ensure_own_process(self) -> None:
        """After a fork the worker, its pipes, threads and locks belong to the parent: forget them
        (never kill or write to them) and start afresh on first use in this process."""
        if self.__dict__.get("_owner_pid", os.getpid()) == os.getpid():
            return
        worker = self.__dict__.get("_worker")
        if worker is not None:
            _blind_pipes(worker.proc)
        self.__setstate__(self.__getstate__())

    def start(self) -> dict[str, Any]:
        """Starts the worker if it is not running and returns its ready line."""
        self._ensure_own_process()
        with self._io_lock:
            if not self._alive:
                self._spawn()
            assert self.info is not None
            return self.info

    def close(self, timeout: float = 10.0) -> None:
        """Closes the worker's stdin (it finishes what it has and exits); kills it after ``timeout``."""
        self._ensure_own_process()
        with self._io_lock:
            self._closed = True
            worker = self._worker
            self._worker = None
            self._alive = False
        if worker is None:
            return
        worker.send(None)  # the writer closes stdin after what is queued
        try:
            worker.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            worker.kill()

    def _tail(self) -> str:
        return "\n".join(self._stderr_tail) or "(nothing on stderr)"

    def _check_command(self) -> None:
        """Says what is missing before spawning, instead of a Node stack trace or a bare OSError."""
        if self._cli_source is not None:
            path = self.command[1]
            if not os.path.isfile(path):
                where = "os.path.abspath: " + os.path.abspath(path)
                raise RewardWorkerError(
                    f"{self._cli_source} is {path!r}, which does not exist ({where}). Point it at the "
                    "package's dist/cli.js (e.g. node_modules/abstain-reward/dist/cli.js after `npm install "
                    "abstain-reward`), or unset it to run `npx abstain-reward worker`."
                )
        program = self.command[0] if self.command else ""
        if program and os.path.basename(program) in ("node", "npx") and shutil.which(program) is None:
            raise RewardWorkerError(
                f"`{program}` was not found on PATH; the reward worker needs {NODE_REQUIREMENT}. Install it, or set "
                "ABSTAIN_REWARD_COMMAND to a full command line."
            )

    def _spawn(self) -> None:
        # Called with _io_lock held.
        if self._closed:
            raise RewardWorkerError("This RewardClient was closed; create a new one.")
        self._check_command()
        try:
            proc = subprocess.Popen(
                self.command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=None if self.env is None else {**os.environ, **self.env},
                cwd=self.cwd,
            )
        except OSError as error:
            raise RewardWorkerError(
                f"Could not start the reward worker {self.command!r}: {error}. It needs {NODE_REQUIREMENT} and the "
                "abstain-reward package; point ABSTAIN_REWARD_CLI at its dist/cli.js or ABSTAIN_REWARD_COMMAND at a command."
            ) from error
        generation = self._generation + 1
        worker = _Worker(proc, generation)
        ready = threading.Event()
        threading.Thread(target=self._read_stdout, args=(worker, ready), daemon=True).start()
        threading.Thread(target=self._read_stderr, args=(worker,), daemon=True).start()
        if not ready.wait(self.startup_timeout) or self._ready_generation != generation:
            timed_out = not ready.is_set()
            if not timed_out:
                try:
                    proc.wait(timeout=2.0)  # its stdout closed: let it exit so the exit code is known
                except subprocess.TimeoutExpired:
                    pass
            worker.kill()
            worker.stderr_done.wait(2.0)  # drain stderr so the tail below is complete
            why = f"did not become ready within {self.startup_timeout:g} s" if timed_out else f"did not become ready (exit code {proc.returncode})"
            hint = f" Node.js too old? It needs {NODE_REQUIREMENT}." if "SyntaxError" in self._tail() else ""
            raise RewardWorkerError(f"The reward worker {self.command!r} {why}.{hint} Its last stderr lines:\n{self._tail()}")
        with self._state_lock:
            self._worker = worker
            self._generation = generation
            self._alive = True

    def _fail_generation(self, generation: int, error: RewardWorkerError) -> None:
        """Fails every request waiting on one worker process (a protocol violation we cannot attribute)."""
        with self._state_lock:
            for pending in list(self._pending.values()):
                if pending.generation == generation and pending.response is None and pending.error is None:
                    pending.error = error
                    pending.event.set()
            if self._generation == generation:
                self._alive = False

    def _read_stdout(self, worker: _Worker, ready: threading.Event) -> None:
        proc, generation = worker.proc, worker.generation
        assert proc.stdout is not None
        for raw in iter(proc.stdout.readline, b""):
            if not raw.endswith(b"\n"):
                break  # the worker died in the middle of writing a line: EOF, not a protocol error
            try:
                message = json.loads(raw)
            except ValueError:
                message = None
            if not isinstance(message, dict):
                error = RewardProtocolError(
                    f"The reward worker wrote a line that is not a JSON object: {raw[:200]!r}. Its stdout must carry "
                    "protocol lines only; something in the worker process writes to stdout. The worker was stopped."
                )
                if not ready.is_set():
                    sys.stderr.write(f"abstain_reward: {error}\n")
                self._fail_generation(generation, error)
                worker.kill()
                break
            if message.get("ready") is True and "id" not in message:
                self.info = message
                span = message.get("rewardRange")
                if isinstance(span, list) and len(span) == 2 and all(_is_number(v) for v in span):
                    self._range = (float(span[0]), float(span[1]))
                self._ready_generation = generation
                ready.set()
                continue
            request_id = message.get("id")
            with self._state_lock:
                pending = self._pending.get(request_id) if isinstance(request_id, str) else None
                if pending is not None and pending.response is None:
                    pending.response = message
                    pending.event.set()
                    continue
            if request_id is None and isinstance(message.get("error"), dict):
                # The worker could not read the id of a line we sent: every request of this process is suspect.
                error = RewardProtocolError(f"The reward worker answered a request it could not identify: {raw[:300]!r}.")
                self._fail_generation(generation, error)
                worker.kill()
                break
            sys.stderr.write(f"abstain_reward: ignoring a worker line for no waiting request: {raw[:200]!r}\n")
        # EOF: the worker is gone. Wake whoever waits on it; they restart it.
        ready.set()
        with self._state_lock:
            if self._generation == generation:
                self._alive = False
            for pending in self._pending.values():
                if pending.generation == generation and pending.response is None:
                    pending.event.set()

    def _read_stderr(self, worker: _Worker) -> None:
        stderr = worker.proc.stderr
        assert stderr is not None
        try:
            for raw in iter(stderr.readline, b""):
                line = raw.decode("utf-8", "replace").rstrip("\n")
                self._stderr_tail.append(line)
                sys.stderr.write(line + "\n")
        finally:
            worker.stderr_done.set()

    # -- requests ----------------------------------------------------------------------------

    def _submit(self, samples: Sequence[Mapping[str, Any]]) -> _Pending:
        request_id = f"r{next(self._ids)}"
        try:
            text = json.dumps({"id": request_id, "samples": list(samples)}, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        except (TypeError, ValueError) as error:
            raise RewardInputError(f"A sample cannot be sent as JSON ({error}); sample fields must be strings, booleans and lists of strings.") from None
        pending = _Pending(request_id, (text + "\n").encode("utf-8", "surrogatepass"), samples)
        with self._io_lock:
            if not self._alive:
                if self._worker is not None:
                    self._restart_locked(self._generation, "the worker had exited")
                else:
                    self._spawn()
            with self._state_lock:
                pending.generation = self._generation
                pending.deadline = time.monotonic() + self.timeout
                self._pending[request_id] = pending
                worker = self._worker
            assert worker is not None
            worker.send(pending.line)
        return pending

    def _restart_locked(self, failed_generation: int, reason: str) -> None:
        # Called with _io_lock held.
        with self._state_lock:
            if self._generation != failed_generation:
                return
            old = self._worker
            self._alive = False
            victims = [p for p in self._pending.values() if p.response is None and p.error is None]
            for pending in victims:
                pending.attempts += 1
            exhausted = [p for p in victims if p.attempts > self.max_retries]
            for pending in exhausted:
                pending.error = RewardWorkerError(
                    f"Request {pending.id} failed {pending.attempts} times ({reason}); giving up. "
                    f"The worker's last stderr lines:\n{self._tail()}"
                )
                pending.event.set()
                del self._pending[pending.id]
            resend = [p for p in victims if p.attempts <= self.max_retries]
        if old is not None:
            old.kill()
        sys.stderr.write(f"abstain_reward: restarting the reward worker ({reason}); re-sending {len(resend)} request(s)\n")
        self.restarts += 1
        try:
            self._spawn()
        except RewardWorkerError as error:
            with self._state_lock:
                for pending in resend:
                    pending.error = error
                    pending.event.set()
                    self._pending.pop(pending.id, None)
            raise
        with self._state_lock:
            worker = self._worker
            for pending in resend:
                pending.generation = self._generation
                pending.deadline = time.monotonic() + self.timeout
                pending.event.clear()
        assert worker is not None
        for pending in resend:
            worker.send(pending.line)

    def _wait(self, pending: _Pending) -> dict[str, Any]:
        while True:
            fired = pending.event.wait(max(0.0, pending.deadline - time.monotonic()))
            if pending.error is not None:
                raise pending.error
            if pending.response is not None:
                return pending.response
            with self._state_lock:
                # Captured now: another thread may restart the worker and re-send this request while
                # this one waits for _io_lock below; it must then not restart the new worker.
                generation = pending.generation
                current = generation == self._generation
                alive = self._alive
                worker = self._worker
            if not current or (fired and alive):
                continue  # another thread already restarted the worker and re-sent this request
            reason = "the worker exited" if fired else f"no answer within {self.timeout:g} s"
            if not fired and worker is not None:
                worker.kill()  # a hung worker is treated like a dead one
            with self._io_lock:
                try:
                    self._restart_locked(generation, reason)
                except RewardWorkerError:
                    if pending.error is None:
                        raise

    def _results(self, pending: _Pending) -> list[dict[str, Any]]:
        """The checked results of one answered request: exactly one per sample, in order."""
        response = pending.response
        assert response is not None
        count = len(pending.samples)
        error = response.get("error")
        if error is not None:
            if not isinstance(error, dict):
                raise RewardProtocolError(f"The reward worker answered request {pending.id} with a malformed error: {error!r}.")
            code = error.get("code")
            message = str(error.get("message", "no message"))
            if code == "invalid_input":
                raise RewardInputError(message)
            raise RewardWorkerError(f"The reward worker answered {code}: {message}", code=code if isinstance(code, str) else None)
        results = response.get("results")
        if not isinstance(results, list):
            raise RewardProtocolError(f"The reward worker's answer to request {pending.id} has no `results` list: {str(response)[:200]}.")
        if len(results) != count:
            raise RewardProtocolError(
                f"The reward worker answered request {pending.id} with {len(results)} result(s) for {count} sample(s); "
                "each sample must get exactly one. The worker or something between it and this client is broken."
            )
        low, high = self._range if self._range is not None else (-math.inf, math.inf)
        for index, (sample, result) in enumerate(zip(pending.samples, results)):
            where = f"result {index} of request {pending.id}"
            if not isinstance(result, dict):
                raise RewardProtocolError(f"The reward worker's {where} is not an object: {result!r}.")
            if "id" in sample and result.get("id") != sample["id"]:
                raise RewardProtocolError(
                    f"The reward worker's {where} has id {result.get('id')!r}, but sample {index} has id {sample['id']!r}; results must come in sample order."
                )
            reward = result.get("reward")
            if not _is_number(reward) or not low - 1e-9 <= reward <= high + 1e-9:
                span = f" within the worker's reward range [{low:g}, {high:g}]" if self._range is not None else ""
                raise RewardProtocolError(f"The reward worker's {where} has reward {reward!r}; a reward must be a finite number{span}.")
            components = result.get("components")
            if not isinstance(components, dict) or not all(_is_number(components.get(name)) for name in _COMPONENTS):
                raise RewardProtocolError(f"The reward worker's {where} lacks finite components {', '.join(_COMPONENTS)}: {components!r}.")
        return results

    def score(self, samples: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        """Scores samples (dicts of ``Sample`` fields, camelCase) and returns one checked result dict each.

        Samples are sent in chunks of ``chunk_size``, all chunks in flight at once.
        """
        self._ensure_own_process()
        samples = list(samples)
        if not samples:
            return []
        for index, sample in enumerate(samples):
            if not isinstance(sample, Mapping):
                raise RewardInputError(f"Sample {index} is a {type(sample).__name__}, not a dict of sample fields.")
        chunks = [samples[i : i + self.chunk_size] for i in range(0, len(samples), self.chunk_size)]
        pendings: list[_Pending] = []
        try:
            for chunk in chunks:
                pendings.append(self._submit(chunk))
            results: list[dict[str, Any]] = []
            for pending in pendings:
                self._wait(pending)
                results.extend(self._results(pending))
            return results
        except RewardProtocolError:
            # A worker that broke the protocol is not trusted with the next call: start a fresh one then.
            with self._state_lock:
                worker = self._worker
                self._alive = False
            if worker is not None:
                worker.kill()
            raise
        finally:
            # On failure, forget this call's other chunks so no restart re-sends them.
            with self._state_lock:
                for pending in pendings:
                    self._pending.pop(pending.id, None)

    def rewards(self, samples: Sequence[Mapping[str, Any]]) -> list[float]:
        """Scores samples and returns only the rewards."""
        return [float(result["reward"]) for result in self.score(samples)]


# --------------------------------------------------------------------------------------------
# Several workers: RewardPool; and what keeps clients safe across fork, pickle and Ray
# --------------------------------------------------------------------------------------------

#: Upper bound of ``workers="auto"``: beyond it one node is better served by several pools or servers.
MAX_AUTO_WORKERS = 8
class _ProcessLocal:
    """Module state that belongs to one process. Ray pickles a reward function from a file it cannot
    import (OpenRLHF's ``--remote_rm_url file.py``) by value, with the module globals the function
    reaches; these pickle as a fresh, empty instance instead of failing on a lock."""

    def __reduce__(self) -> tuple[Any, tuple[()]]:
        return (type(self), ())


class _ProcessLock(_ProcessLocal):
    """A ``threading.Lock`` that pickles as a new, unlocked lock."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def __enter__(self) -> bool:
        return self._lock.__enter__()

    def __exit__(self, *exc: object) -> None:
        self._lock.__exit__(*exc)


class _ClientRegistry(_ProcessLocal):
    """Clients alive in this process, reset in a forked child (their pipes, threads and locks are the parent's)."""

    def __init__(self) -> None:
        self._clients: weakref.WeakSet[RewardClient] = weakref.WeakSet()

    def add(self, client: RewardClient) -> None:
        self._clients.add(client)

    def __iter__(self) -> Iterator[RewardClient]:
        return iter(list(self._clients))


_LIVE_CLIENTS = _ClientRegistry()


def _blind_pipes(proc: subprocess.Popen[bytes]) -> None:
    """In a forked child: points the inherited pipe descriptors at /dev/null. Closing them through
    their file objects could flush bytes the parent had buffered into the parent's worker; this way
    nothing the child does (or its garbage collector) can write to or read from that worker."""
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        if stream is None:
            continue
        try:
            null = os.open(os.devnull, os.O_RDWR)
            try:
                os.dup2(null, stream.fileno())
            finally:
                os.close(null)
        except (OSError, ValueError):
            pass


def _reset_clients_after_fork() -> None:
    global _client_lock
    _client_lock = _ProcessLock()  # another thread may have held it at the fork
    for client in _LIVE_CLIENTS:
        client._ensure_own_process()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reset_clients_after_fork)


def _cores() -> int:
    """CPUs this process may run on (its affinity mask where the OS has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _worker_count(workers: int | str | None) -> int:
    """``workers`` argument, else ``ABSTAIN_REWARD_WORKERS``, else 1; ``"auto"`` is one per core, at most 8."""
    raw: Any = workers if workers is not None else os.environ.get("ABSTAIN_REWARD_WORKERS", "1")
    where = "workers" if workers is not None else "ABSTAIN_REWARD_WORKERS"
    if isinstance(raw, str) and raw.strip().lower() == "auto":
        return max(1, min(_cores(), MAX_AUTO_WORKERS))
    try:
        count = int(str(raw).strip()) if not isinstance(raw, bool) else -1
    except ValueError:
        count = -1
    if count < 1:
        raise RewardWorkerError(f"{where} must be a whole number ≥ 1 or 'auto', got {raw!r}.")
    return count


class RewardPool:
    """Several ``abstain-reward worker`` processes behind one ``score``: a batch is cut into pieces
    (at most ``chunk_size`` samples, at least one piece per worker), the pieces go to whichever
    worker is free, and the results come back in sample order. Each worker is a
    :class:`RewardClient`, so a worker that dies or hangs is restarted and its pieces re-sent.

    Safe to pickle (Ray actors, ``multiprocessing`` spawn): only the settings travel, and the copy
    starts its own workers on first use. Safe across ``fork``: a child never touches the parent's
    workers; it starts its own on first use. Workers start lazily, all at once, in the process that
    scores. ``workers`` defaults to ``ABSTAIN_REWARD_WORKERS`` (a number or ``auto``), else 1;
    ``threads`` (CPU threads per worker's model session) defaults to the cores divided by the workers.
    Thread-safe.

    Example::

        with RewardPool(workers=4, cli_path="node_modules/abstain-reward/dist/cli.js") as pool:
            pool.rewards(samples)  # same rewards, same order as one RewardClient
    """

    #: Pieces in flight per worker: one scoring while the next is written and the last one parsed.
    IN_FLIGHT = 2

    def __init__(self, workers: int | str | None = None, *, threads: int | None = None, **client_options: Any) -> None:
        self.workers = _worker_count(workers)
        #: Keyword arguments of every :class:`RewardClient` (``cli_path``, ``worker_args``, ``timeout``…).
        self.client_options = dict(client_options)
        # Each worker's model sessions get their share of the cores (``--threads``), unless the worker
        # flags already say, or ``command`` names some other program: N sessions that each take every
        # core spin against each other.
        given = self.client_options.get("worker_args")
        args = list(given) if given is not None else shlex.split(os.environ.get("ABSTAIN_REWARD_ARGS", ""))
        if "command" not in self.client_options and not any(arg == "--threads" or arg.startswith("--threads=") for arg in args):
            args += ["--threads", str(threads if threads is not None else max(1, _cores() // self.workers))]
        self.client_options["worker_args"] = args
        self.chunk_size = max(1, int(self.client_options.get("chunk_size", DEFAULT_CHUNK_SIZE)))
        self._closed = False
        self._reset()

    def _reset(self) -> None:
        self._clients: list[RewardClient] = []
        self._lock = threading.Lock()
        self._owner_pid = os.getpid()

    def __getstate__(self) -> dict[str, Any]:
        return {"workers": self.workers, "client_options": self.client_options, "closed": self._closed}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.workers = int(state["workers"])
        self.client_options = dict(state["client_options"])
        self.chunk_size = max(1, int(self.client_options.get("chunk_size", DEFAULT_CHUNK_SIZE)))
        self._closed = bool(state["closed"])
        self._reset()

    def __enter__(self) -> RewardPool:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _own_clients(self) -> list[RewardClient]:
        if self._owner_pid != os.getpid():
            self._reset()  # forked: the clients and their processes belong to the parent
        with self._lock:
            if self._closed:
                raise RewardWorkerError("This RewardPool was closed; create a new one.")
            if not self._clients:
                self._clients = [RewardClient(**self.client_options) for _ in range(self.workers)]
            return list(self._clients)

    @property
    def pids(self) -> list[int]:
        """Process ids of the running workers of this process's pool (empty before the first use)."""
        if self._owner_pid != os.getpid():
            return []
        return [pid for pid in (client.pid for client in self._clients) if pid is not None]

    @property
    def restarts(self) -> int:
        """Worker restarts so far, summed over the pool."""
        return sum(client.restarts for client in self._clients) if self._owner_pid == os.getpid() else 0

    @property
    def info(self) -> dict[str, Any] | None:
        """The first worker's ready line (every worker runs the same command)."""
        clients = self._clients if self._owner_pid == os.getpid() else []
        return clients[0].info if clients else None

    @staticmethod
    def _each(clients: Sequence[RewardClient], work: Sequence[tuple[int, Any]], call: Any, threads_per_client: int) -> list[Any]:
        """Runs ``call(client, item)`` for every ``(index, item)``, on free clients, and returns the
        answers by index; the first error stops the hand-out and is raised once every thread ends."""
        answers: list[Any] = [None] * len(work)
        todo = collections.deque(work)
        errors: list[BaseException] = []
        guard = threading.Lock()

        def run(client: RewardClient) -> None:
            while True:
                with guard:
                    if errors or not todo:
                        return
                    index, item = todo.popleft()
                try:
                    answers[index] = call(client, item)
                except BaseException as error:  # noqa: BLE001 - re-raised in the caller's thread
                    with guard:
                        errors.append(error)
                    return

        threads = [
            threading.Thread(target=run, args=(client,), daemon=True, name=f"abstain-reward-pool-{n}")
            for n in range(threads_per_client)
            for client in clients
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if errors:
            raise errors[0]
        return answers

    def start(self) -> list[dict[str, Any]]:
        """Starts every worker that is not running (in parallel) and returns their ready lines."""
        clients = self._own_clients()
        return self._each(clients, list(enumerate(clients)), lambda _client, target: target.start(), 1)

    def score(self, samples: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        """Scores samples across the workers; one checked result per sample, in sample order."""
        samples = list(samples)
        if not samples:
            return []
        size = max(1, min(self.chunk_size, math.ceil(len(samples) / self.workers)))
        pieces = [(n, samples[at : at + size]) for n, at in enumerate(range(0, len(samples), size))]
        clients = self._own_clients()
        if any(client.pid is None for client in clients):
            self._each(clients, list(enumerate(clients)), lambda _client, target: target.start(), 1)  # all at once, not one per first piece
        if len(pieces) == 1:
            # One piece (a per-sample call, e.g. from verl's reward threads): the least busy worker, no threads.
            return min(clients, key=lambda client: len(client._pending)).score(pieces[0][1])
        answers = self._each(clients, pieces, lambda client, piece: client.score(piece), self.IN_FLIGHT)
        return [result for answer in answers for result in answer]

    def rewards(self, samples: Sequence[Mapping[str, Any]]) -> list[float]:
        """Scores samples and returns only the rewards."""
        return [float(result["reward"]) for result in self.score(samples)]

    def close(self, timeout: float = 10.0) -> None:
        """Closes every worker of this process's pool (each finishes what it has, then exits)."""
        if self._owner_pid != os.getpid():
            self._reset()
        with self._lock:
            self._closed = True
            clients, self._clients = self._clients, []
        closers = [threading.Thread(target=client.close, args=(timeout,), daemon=True) for client in clients]
        for thread in closers:
            thread.start()
        for thread in closers:
            thread.join()


# --------------------------------------------------------------------------------------------
# Default client (one per process; re-created after fork)
# --------------------------------------------------------------------------------------------

_client: RewardClient | RewardPool | None = None
_client_pid: int | None = None
_client_lock = _ProcessLock()
_settings: dict[str, Any] = {}


def configure(**settings: Any) -> None:
    """Sets how the default client is built; takes the ``RewardClient`` keyword arguments plus
    ``require_annotation`` (default True) and ``default_answerable`` (default None: the flag is
    required), and ``workers`` (default ``ABSTAIN_REWARD_WORKERS``, else 1; more than 1 makes the
    default client a :class:`RewardPool`). Closes a running default client so the next call uses the
    new settings."""
    global _client
    with _client_lock:
        for key in ("require_annotation", "default_answerable"):
            if key in settings:
                _field_settings[key] = settings.pop(key)
        _settings.clear()
        _settings.update(settings)
        if _client is not None and _client_pid == os.getpid():
            _client.close()
        _client = None


def _default_client(settings: Mapping[str, Any]) -> RewardClient | RewardPool:
    options = dict(settings)
    workers = _worker_count(options.pop("workers", None))
    return RewardPool(workers, **options) if workers > 1 else RewardClient(**options)


def get_client() -> RewardClient | RewardPool:
    """The process's default client, started on first use: a :class:`RewardPool` when
    ``configure(workers=N)`` or ``ABSTAIN_REWARD_WORKERS`` asks for more than one worker."""
    global _client, _client_pid
    with _client_lock:
        if _client is None or _client_pid != os.getpid():
            _client = _default_client(_settings)
            _client_pid = os.getpid()
        return _client


@atexit.register
def _close_default_client() -> None:
    if _client is not None and _client_pid == os.getpid():
        _client.close(timeout=5.0)


# --------------------------------------------------------------------------------------------
# Reading sample fields from wherever a trainer delivers them
# --------------------------------------------------------------------------------------------

_env_default = os.environ.get("ABSTAIN_REWARD_DEFAULT_ANSWERABLE", "").strip().lower()
_field_settings: dict[str, Any] = {
    "require_annotation": os.environ.get("ABSTAIN_REWARD_REQUIRE_ANNOTATION", "1") not in ("0", "false", "no"),
    "default_answerable": {"true": True, "1": True, "false": False, "0": False}.get(_env_default),
}

ANSWERABLE_KEYS = ("answerable", "is_answerable")
UNANSWERABLE_KEYS = ("should_abstain", "unanswerable")
QUESTION_TYPE_KEYS = ("question_type",)
GOLD_KEYS = ("goldAnswer", "gold_answer", "gold", "answer", "answers", "ground_truth", "solution")
FACT_KEYS = ("missingFacts", "missing_facts")
REFERENCE_KEYS = ("referenceClarification", "reference_clarification", "clarification")
QUESTION_KEYS = ("question",)


def _plain(value: Any) -> Any:
    """numpy arrays and scalars (verl's parquet columns) → Python lists and scalars; bytes → str."""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if hasattr(value, "tolist") and not isinstance(value, (str, list, dict)):
        return value.tolist()
    return value


def _lookup(sources: Sequence[tuple[str, Mapping[str, Any]]], keys: Sequence[str]) -> tuple[Any, str] | None:
    for where, source in sources:
        for key in keys:
            if key in source:
                value = _plain(source[key])
                if value is not None and value != "":
                    return value, f"{where}.{key}"
    return None


def _as_bool(value: Any, where: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in ("true", "false", "yes", "no", "1", "0"):
        return value.strip().lower() in ("true", "yes", "1")
    raise RewardInputError(f"{where} must be a boolean, got {value!r}.")


def _as_strings(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [str(value)]
    if isinstance(value, (list, tuple)) and all(isinstance(item, (str, int, float)) for item in value):
        return [str(item) for item in value]
    raise RewardInputError(f"{where} must be a string or a list of strings, got {value!r}.")


def _unbox(text: str) -> str:
    """``\\boxed{12}`` → ``12`` when the whole gold answer is one box (the Abstain-R1 data wraps gold this way)."""
    stripped = text.strip()
    if not (stripped.startswith("\\boxed{") and stripped.endswith("}")):
        return text
    depth = 0
    for index, char in enumerate(stripped[len("\\boxed") :], start=len("\\boxed")):
        depth += 1 if char == "{" else -1 if char == "}" else 0
        if depth == 0:
            return stripped[len("\\boxed{") : index] if index == len(stripped) - 1 else text
    return text


def sample_from_fields(
    response: str,
    sources: Sequence[tuple[str, Mapping[str, Any] | None]],
    *,
    gold: Any = None,
    gold_where: str = "",
    hint: str = "",
) -> dict[str, Any]:
    """Builds a worker ``Sample`` from the places a trainer delivers fields, in priority order.

    ``sources`` are ``(name, mapping)`` pairs (the name appears in error messages). Field names are
    accepted in camelCase or snake_case, plus the Abstain-R1 data's names (``should_abstain``,
    ``is_answerable``, ``question_type``, ``clarification``, ``unanswerable_question``).
    ``gold``, when given, is the gold answer and wins over gold fields in ``sources`` (verl's
    plain-string ``ground_truth``, which is cleaner than e.g. a full solution in ``extra_info.answer``).
    """
    if not isinstance(response, str):
        raise RewardInputError(f"The completion must be a string, got {type(response).__name__}.")
    present = [(where, source) for where, source in sources if isinstance(source, Mapping)]
    looked = ", ".join(where for where, _ in present) or "nowhere (no field mapping was passed)"
    answerable: bool | None = None
    found = _lookup(present, ANSWERABLE_KEYS)
    if found is not None:
        answerable = _as_bool(*found)
    elif (found := _lookup(present, UNANSWERABLE_KEYS)) is not None:
        answerable = not _as_bool(*found)
    elif (found := _lookup(present, QUESTION_TYPE_KEYS)) is not None:
        kind = str(found[0]).strip().lower()
        if kind not in ("answerable", "unanswerable"):
            raise RewardInputError(f"{found[1]} must be 'answerable' or 'unanswerable', got {found[0]!r}.")
        answerable = kind == "answerable"
    elif _field_settings["default_answerable"] is not None:
        answerable = bool(_field_settings["default_answerable"])
    else:
        raise RewardInputError(
            "Cannot tell whether this sample is answerable: none of answerable / is_answerable / "
            f"should_abstain / question_type was found in {looked}. {hint}"
        )
    sample: dict[str, Any] = {"response": response, "answerable": answerable}
    question = _lookup(present, QUESTION_KEYS + (("answerable_question",) if answerable else ("unanswerable_question",)))
    if question is not None:
        sample["question"] = str(question[0])
    if answerable:
        found = (_plain(gold), gold_where) if gold is not None else _lookup(present, GOLD_KEYS)
        value, where = found if found is not None else (None, "")
        if value is None or value == "" or value == []:
            raise RewardInputError(f"An answerable sample needs a gold answer (gold_answer / answer / ground_truth); none in {looked}. {hint}")
        golds = [_unbox(item) for item in _as_strings(value, where)]
        sample["goldAnswer"] = golds[0] if len(golds) == 1 else golds
        return sample
    facts = _lookup(present, FACT_KEYS)
    reference = _lookup(present, REFERENCE_KEYS)
    if facts is not None:
        sample["missingFacts"] = _as_strings(*facts)
    if reference is not None:
        sample["referenceClarification"] = str(reference[0])
    if facts is None and reference is None and _field_settings["require_annotation"]:
        raise RewardInputError(
            "An unanswerable sample has no clarification annotation: neither missing_facts nor "
            f"reference_clarification (or clarification) was found in {looked}, so its clarification "
            f"bonus could never be earned. {hint}"
        )
    return sample


def _parse_json_mapping(value: Any) -> Any:
    if isinstance(value, str) and value.lstrip().startswith("{"):
        try:
            parsed = json.loads(value)
        except ValueError:
            return value
        return parsed if isinstance(parsed, dict) else value
    return value


# --------------------------------------------------------------------------------------------
# TRL
# --------------------------------------------------------------------------------------------

_TRL_HINT = (
    "TRL passes every dataset column except `prompt` to reward functions as a keyword argument; add "
    "the column (answerable, gold_answer, missing_facts, reference_clarification) to the dataset. "
    "See docs/integrations/trl.md."
)


def _completion_text(completion: Any) -> str:
    """Standard format: the string. Conversational: the last assistant message's content."""
    if isinstance(completion, str):
        return completion
    if isinstance(completion, Sequence) and completion and all(isinstance(m, Mapping) for m in completion):
        messages = [m for m in completion if m.get("role", "assistant") == "assistant"] or list(completion)
        content = messages[-1].get("content", "")
        if isinstance(content, str):
            return content
        if isinstance(content, Sequence):  # multimodal parts: [{"type": "text", "text": "..."}]
            return "".join(str(part.get("text", "")) for part in content if isinstance(part, Mapping))
    raise RewardInputError(f"A TRL completion must be a string or a list of messages, got {type(completion).__name__}.")


def trl_reward_func(prompts: Sequence[Any], completions: Sequence[Any], **kwargs: Any) -> list[float]:
    """TRL ``reward_funcs`` entry: ``(prompts, completions, **kwargs) -> list[float]``.

    Dataset columns arrive in ``kwargs`` as lists aligned with ``completions`` (``trainer_state``,
    ``completion_ids`` and other extras are ignored).
    """
    count = len(completions)
    columns = {key: _plain(value) for key, value in kwargs.items()}
    columns = {key: value for key, value in columns.items() if isinstance(value, (list, tuple)) and len(value) == count}
    samples = [
        sample_from_fields(
            _completion_text(completion),
            [("dataset columns", {key: value[index] for key, value in columns.items()})],
            hint=_TRL_HINT,
        )
        for index, completion in enumerate(completions)
    ]
    return get_client().rewards(samples)


# --------------------------------------------------------------------------------------------
# verl
# --------------------------------------------------------------------------------------------

_VERL_HINT = (
    "verl passes only reward_model.ground_truth and extra_info to the reward function; top-level "
    "parquet columns (e.g. a `clarification` column next to `prompt`) never reach it. Put the fields "
    "in extra_info, or make reward_model.ground_truth a dict (or JSON string) of them. See docs/integrations/verl.md."
)


def _verl_sample(solution_str: str, ground_truth: Any, extra_info: Any, kwargs: Mapping[str, Any]) -> dict[str, Any]:
    truth = _plain(_parse_json_mapping(ground_truth))
    info = _plain(_parse_json_mapping(extra_info))
    sources: list[tuple[str, Mapping[str, Any] | None]] = []
    if isinstance(truth, Mapping):
        sources.append(("reward_model.ground_truth", truth))
    sources.append(("extra_info", info if isinstance(info, Mapping) else None))
    sources.append(("reward_kwargs", kwargs))
    gold = None if isinstance(truth, Mapping) else truth
    return sample_from_fields(solution_str, sources, gold=gold, gold_where="reward_model.ground_truth", hint=_VERL_HINT)


def compute_score(data_source: Any, solution_str: str, ground_truth: Any, extra_info: Any = None, **kwargs: Any) -> float:
    """verl custom reward function (``custom_reward_function.name=compute_score``): one sample."""
    return get_client().rewards([_verl_sample(solution_str, ground_truth, extra_info, kwargs)])[0]


def compute_score_batch(
    data_sources: Sequence[Any],
    solution_strs: Sequence[str],
    ground_truths: Sequence[Any],
    extra_infos: Sequence[Any] | None = None,
    **kwargs: Any,
) -> list[float]:
    """verl batch reward manager form (``reward_model.reward_manager=batch``): all samples in one call."""
    solutions = list(solution_strs)
    truths = list(_plain(ground_truths))
    infos = list(_plain(extra_infos)) if extra_infos is not None else [None] * len(solutions)
    if not (len(solutions) == len(truths) == len(infos)):
        raise RewardInputError(f"solution_strs, ground_truths and extra_infos differ in length: {len(solutions)}, {len(truths)}, {len(infos)}.")
    samples = [_verl_sample(solution, truth, info, kwargs) for solution, truth, info in zip(solutions, truths, infos)]
    return get_client().rewards(samples)


# --------------------------------------------------------------------------------------------
# OpenRLHF
# --------------------------------------------------------------------------------------------

_OPENRLHF_HINT = (
    'OpenRLHF passes the --label_key column as `labels`; make it a JSON object of the sample fields, e.g. '
    '{"answerable": false, "missing_facts": ["the speed"]}. See docs/integrations/openrlhf.md.'
)


def _response_from_query(query: str, prompt: str) -> str:
    if query.startswith(prompt):
        return query[len(prompt) :]
    at = query.find(prompt)
    if at == -1:
        raise RewardInputError("The prompt does not occur in its query, so the response cannot be cut out of it.")
    return query[at + len(prompt) :]


def reward_func(queries: Sequence[str], prompts: Sequence[str], labels: Sequence[Any], **kwargs: Any) -> dict[str, Any]:
    """OpenRLHF ``--remote_rm_url /path/to/abstain_reward.py`` entry point.

    Returns ``{"rewards", "scores", "extra_logs"}`` as torch tensors when torch is importable (as
    OpenRLHF expects), else as lists. ``scores`` is the reward scaled to [0, 1].
    """
    if not (len(queries) == len(prompts) == len(labels)):
        raise RewardInputError(f"queries, prompts and labels differ in length: {len(queries)}, {len(prompts)}, {len(labels)}.")
    samples = []
    for index, (query, prompt, label) in enumerate(zip(queries, prompts, labels)):
        fields = _parse_json_mapping(label)
        if not isinstance(fields, Mapping):
            raise RewardInputError(f"labels[{index}] is not a JSON object of sample fields: {label!r}. {_OPENRLHF_HINT}")
        samples.append(sample_from_fields(_response_from_query(query, prompt), [(f"labels[{index}]", fields)], hint=_OPENRLHF_HINT))
    results = get_client().score(samples)
    rewards = [float(result["reward"]) for result in results]
    payload: dict[str, Any] = {
        "rewards": rewards,
        "scores": [min(1.0, max(0.0, reward / MAX_REWARD)) for reward in rewards],
        "extra_logs": {
            name: [float(result["components"][name]) for result in results]
            for name in ("format", "answer", "abstention", "clarification")
        },
    }
    try:
        import torch  # type: ignore[import-not-found]
    except ImportError:
        return payload
    return {
        "rewards": torch.tensor(payload["rewards"], dtype=torch.float32),
        "scores": torch.tensor(payload["scores"], dtype=torch.float32),
        "extra_logs": {key: torch.tensor(value, dtype=torch.float32) for key, value in payload["extra_logs"].items()},
    }
