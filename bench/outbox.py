"""Mail delivered after commit: how long from a request's commit to the message leaving,
with the worker running beside the writers (SQLite, or PostgreSQL with --url).

    .venv/bin/python bench/outbox.py [--messages N] [--writers N] [--url postgresql+psycopg://...]

Writers commit one mail each in turn while a `flask worker` loop runs in a thread (the file
sender, so the figure is the outbox's own overhead, not an SMTP server's); each message's
delay is the time from its commit's start to its file being written. Prints p50/p95/max beside the
target (p95 ≤ 5 s).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from diaspora_platform import create_app, outbox, worker  # noqa: E402
from diaspora_platform.extensions import db  # noqa: E402
from diaspora_platform.mail import build_message, enqueue_message  # noqa: E402

TARGET_P95 = 5.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--url", default=None)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    url = args.url or f"sqlite:///{tmp / 'bench.sqlite'}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "INSTANCE_PATH": str(tmp / "i"),
                      "MAIL_DIR": str(tmp / "mail"), "SEARCH_INDEX_DIR": str(tmp / "index"),
                      "WORKER": "external", "MAIL_SERVER": None})
    with app.app_context():
        db.drop_all()
        db.create_all()
    stop = threading.Event()
    loop = threading.Thread(target=worker.Worker(app).run_forever,
                            kwargs={"interval": 1.0, "stop": stop}, daemon=True)
    loop.start()
    committed: dict[str, float] = {}
    lock = threading.Lock()
    per_writer = args.messages // args.writers

    def write(n: int) -> None:
        with app.test_request_context():
            for i in range(per_writer):
                msg = build_message(f"w{n}.{i}@example.org", "tg", "Bench", "notification",
                                    name="Bench", text="x", link=None)
                key = enqueue_message(msg)
                with lock:  # just before the commit: the delay includes the commit
                    committed[key] = time.time()
                db.session.commit()
                time.sleep(0.01)

    started = time.time()
    writers = [threading.Thread(target=write, args=(n,)) for n in range(args.writers)]
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join()
    folder = tmp / "mail"
    deadline = time.time() + 120
    while len(list(folder.glob("*.eml"))) < len(committed) and time.time() < deadline:
        time.sleep(0.2)
    stop.set()
    worker.wake()
    delays = []
    for path in folder.glob("*.eml"):
        key = path.stem.rsplit("-", 1)[1]
        delays.append(path.stat().st_mtime - committed[key])
    delays.sort()
    with app.app_context():
        waiting = outbox.count_waiting()
    p95 = delays[int(len(delays) * 0.95) - 1] if delays else float("nan")
    print(f"database: {url.split(':')[0]}; {len(committed)} mails committed by {args.writers} "
          f"writers in {time.time() - started:.1f} s; delivered {len(delays)}, waiting {waiting}")
    print(f"commit → sent  p50 {statistics.median(delays):.3f} s  p95 {p95:.3f} s  "
          f"max {delays[-1]:.3f} s   target p95 ≤ {TARGET_P95:.0f} s "
          f"({'met' if p95 <= TARGET_P95 else 'NOT met'})")


if __name__ == "__main__":
    main()
