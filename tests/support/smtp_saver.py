"""A real SMTP server's handler for the outbox tests (tests/http/outbox.test.js).

Run by Debian's aiosmtpd:
    PYTHONPATH=tests/support python3 -m aiosmtpd -n -l 127.0.0.1:PORT \
        -c smtp_saver.Saver FOLDER [DELAY_SECONDS]
Each message accepted is saved to FOLDER as one JSON file (envelope sender,
recipients and the message as received) before the server answers; with a
delay, the answer "250" comes that many seconds after the message is saved,
so a test can stop the client in between (the message is then delivered,
but the client never heard so).
"""
import asyncio
import json
import os
import time


class Saver:
    def __init__(self, folder, delay="0"):
        self.folder = folder
        self.delay = float(delay)
        self.count = 0
        os.makedirs(folder, exist_ok=True)

    @classmethod
    def from_cli(cls, parser, *args):
        if not args:
            parser.error("smtp_saver.Saver needs a folder")
        return cls(*args)

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = "%d-%d-%d" % (time.time_ns(), os.getpid(), self.count)
        saved = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "content": envelope.original_content.decode("utf-8", "replace"),
        }
        tmp = os.path.join(self.folder, name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(saved, f)
        os.rename(tmp, os.path.join(self.folder, name + ".json"))
        if self.delay:
            await asyncio.sleep(self.delay)
        return "250 Message accepted for delivery"
