"""An SMTP server that keeps every message it receives as a file, for bench/faults.sh.

    python bench/smtp_sink.py 127.0.0.1:PORT FOLDER

Each message is written whole (headers and body, as the portal sent it) to FOLDER/<n>.eml, first
under a temporary name and then renamed, so counting the .eml files counts the messages received
and never a half-written one. Stops at once on SIGTERM or SIGINT, dropping open connections.
Needs the `aiosmtpd` package (bench/faults.sh installs it in a virtual environment of its own).
"""

import asyncio
import itertools
import os
import signal
import sys
import time

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.numbers = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        name = f"{time.time_ns()}-{os.getpid()}-{next(self.numbers)}"
        part = os.path.join(self.folder, name + ".part")
        with open(part, "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(part, os.path.join(self.folder, name + ".eml"))
        return "250 Message accepted for delivery"


async def main(address, folder):
    host, port = address.rsplit(":", 1)
    os.makedirs(folder, exist_ok=True)
    loop = asyncio.get_running_loop()
    sink = Sink(folder)
    server = await loop.create_server(lambda: SMTP(sink, hostname="sink.bench"), host, int(port))
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print(f"smtp sink on {address}, writing to {folder}", flush=True)
    await stop.wait()
    # Down at once: the open connections (the portal keeps a pool) end with the process, unwaited.
    server.close()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: smtp_sink.py HOST:PORT FOLDER")
    asyncio.run(main(sys.argv[1], sys.argv[2]))
