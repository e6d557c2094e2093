"""`nntui train`: train without the UI, with a progress bar, metrics JSONL and checkpoints.

Exit codes: 0 done, 2 bad input (raised by the caller's validation),
3 diverged (the checkpoint, if asked for, holds the last good weights),
4 trained, but --checkpoint-out or --metrics-out could not be written at the
end and went to the system temp folder instead (the path is on stderr),
130 interrupted (the checkpoint is written first).
"""

from __future__ import annotations

import sys
import time

from threadpoolctl import threadpool_limits

from nntui.training.checkpoint import save_checkpoint
from nntui.training.metrics import MetricsLog, metrics_record
from nntui.training.outputs import fallback_path, reason
from nntui.training.schedule import schedule_text
from nntui.training.trainer import Diverged, Trainer

EXIT_DIVERGED = 3
EXIT_OUTPUT_MOVED = 4  # trained, but an output file went to the temp folder (named on stderr)
EXIT_NOT_SAVED = 5  # trained, but the checkpoint could be written nowhere (as the app's quit)
EXIT_INTERRUPTED = 130


def rmse_text(trainer: Trainer, test_loss: float) -> str:
    """"test RMSE 2.013e+04 in price's units (the loss is on the standardized target)", or plain for unscaled data."""
    text = f"test RMSE {trainer.dataset.target_rmse(test_loss):.4g}"
    if trainer.dataset.y_std is None:
        return text
    return f"{text} in {trainer.dataset.target_name}'s units (the loss is on the standardized target)"


def summary_line(trainer: Trainer, wall_s: float) -> str:
    last = trainer.evals[-1] if trainer.evals else None
    parts = [f"{trainer.config.data_label} {'-'.join(map(str, trainer.net.sizes))}",
             f"{trainer.epoch} epochs", f"{trainer.step} steps"]
    if last is not None:
        if last.test_acc is not None:
            parts.append(f"test acc {last.test_acc:.2%}")
        if trainer.dataset.task == "regression":
            parts.append(rmse_text(trainer, last.test_loss))
        parts.append(f"test loss {last.test_loss:.4f}")
    parts += [f"{trainer.samples_per_s:,.0f} samples/s", f"{wall_s:.1f} s"]
    return "done: " + " · ".join(parts)


class _Progress:
    """A rich progress bar on a terminal, plain lines (one per epoch) otherwise."""

    def __init__(self, total_steps: int, tty: bool, out):
        self.tty, self.out = tty, out
        self.bar = None
        if tty:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(TextColumn("[bold]training"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("{task.fields[info]}"), TimeRemainingColumn(), transient=True)
            self.task = self.bar.add_task("train", total=total_steps, info="")

    def __enter__(self):
        if self.bar:
            self.bar.__enter__()
        return self

    def __exit__(self, *exc):
        if self.bar:
            self.bar.__exit__(*exc)

    def advance(self, step: int, loss: float) -> None:
        if self.bar and step % 20 == 0:
            self.bar.update(self.task, completed=step, info=f"loss {loss:.4f}")

    def epoch_done(self, record: dict) -> None:
        acc = record["test_acc"]
        line = (f"epoch {record['epoch']} step {record['step']} train loss {record['train_loss']:.4f} "
                f"test loss {record['test_loss']:.4f}" + (f" test acc {acc:.2%}" if acc is not None else "")
                + (f" test RMSE {record['test_rmse']:.4g}" if record["test_rmse"] is not None else "")
                + f" {record['samples_per_s']:,.0f} samples/s")
        if self.bar:
            self.bar.console.print(line)
        else:
            print(line, file=self.out, flush=True)


def train_headless(trainer: Trainer, *, out=None, err=None, tty: bool | None = None) -> int:
    """Train to --epochs (or --steps); return the exit code."""
    out, err = out or sys.stdout, err or sys.stderr
    config = trainer.config
    tty = out.isatty() if tty is None else tty
    total = config.steps if config.steps is not None else config.epochs * trainer.steps_per_epoch
    target_step = trainer.step + total
    print(f"{config.data_label}: {trainer.dataset.meaning()}", file=out)
    if config.lr_decay != 1:
        print(schedule_text(config), file=out)
    start = time.perf_counter()
    code = 0
    with MetricsLog(config.metrics_out) as metrics, threadpool_limits(1), _Progress(total, tty, out) as progress:
        try:
            while trainer.step < target_step:
                epoch = trainer.epoch
                loss = trainer.train_step()
                progress.advance(trainer.step - (target_step - total), loss)
                if trainer.epoch != epoch:
                    record = metrics_record(trainer, time.perf_counter() - start)
                    progress.epoch_done(record)
                    metrics.write(record)
        except Diverged as e:
            print(f"nntui: {e}", file=err)
            code = EXIT_DIVERGED
        except KeyboardInterrupt:
            print(f"nntui: interrupted at step {trainer.step}", file=err)
            code = EXIT_INTERRUPTED
    if code == 0 and (not trainer.evals or trainer.evals[-1].step != trainer.step):
        trainer.evaluate()  # --steps ended mid-epoch: measure where we stopped
    if metrics.failure:
        asked, why, fallback = metrics.failure
        print(f"nntui: could not write the metrics to {asked} ({why}); wrote them to {fallback}", file=err)
        code = code or EXIT_OUTPUT_MOVED
    if config.checkpoint_out:
        code = _save_checkpoint(trainer, config.checkpoint_out, code, out, err)
    if code in (0, EXIT_OUTPUT_MOVED):
        print(summary_line(trainer, time.perf_counter() - start), file=out)
    return code


def _save_checkpoint(trainer: Trainer, asked: str, code: int, out, err) -> int:
    """Write the checkpoint where asked, else to the temp folder (said on stderr); the exit code."""
    try:
        path = save_checkpoint(trainer, asked)
    except OSError as e:
        why = reason(e)
    else:
        print(f"checkpoint written to {path}", file=out if code == 0 else err)
        return code
    try:
        fallback = save_checkpoint(trainer, fallback_path(asked, ".npz"))
    except OSError as e:
        print(f"nntui: the checkpoint was not saved: {asked} failed ({why}), so did the system temp folder "
              f"({reason(e)})", file=err)
        return code or EXIT_NOT_SAVED
    print(f"nntui: could not write the checkpoint to {asked} ({why}); saved it to {fallback}", file=err)
    return code or EXIT_OUTPUT_MOVED
