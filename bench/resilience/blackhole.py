"""A TCP proxy that can drop traffic the way a network partition does.

    python3 blackhole.py LISTEN_PORT TARGET_PORT

Forwards 127.0.0.1:LISTEN_PORT to 127.0.0.1:TARGET_PORT. SIGUSR1: from now on nothing goes through, in either
direction, on open connections or new ones, but no socket is closed or refused (packets dropped, not a stopped
server). SIGUSR2: the traffic flows again, what was held back first (as TCP retransmits it after a partition).
"""
import asyncio
import signal
import sys

dropping = False
pipes = []


class Pipe:
    """One direction of one connection."""

    def __init__(self, reader, writer):
        self.reader, self.writer = reader, writer
        self.flowing = asyncio.Event()
        self.flowing.set()

    async def run(self):
        try:
            while True:
                await self.flowing.wait()
                data = await self.reader.read(65536)
                if not data:
                    break
                await self.flowing.wait()  # held back while dropping
                self.writer.write(data)
                await self.writer.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            self.writer.close()
            pipes.remove(self)


async def handle(client_reader, client_writer):
    server_reader, server_writer = await asyncio.open_connection("127.0.0.1", int(sys.argv[2]))
    up, down = Pipe(client_reader, server_writer), Pipe(server_reader, client_writer)
    for pipe in (up, down):
        pipes.append(pipe)
        if dropping:
            pipe.flowing.clear()
    await asyncio.gather(up.run(), down.run())


def drop():
    global dropping
    dropping = True
    for pipe in pipes:
        pipe.flowing.clear()


def heal():
    global dropping
    dropping = False
    for pipe in pipes:
        pipe.flowing.set()


async def main():
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGUSR1, drop)
    loop.add_signal_handler(signal.SIGUSR2, heal)
    server = await asyncio.start_server(handle, "127.0.0.1", int(sys.argv[1]))
    async with server:
        await server.serve_forever()


asyncio.run(main())
