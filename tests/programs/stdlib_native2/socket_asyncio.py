# asyncio over _socket/select: a stream server and client on 127.0.0.1, sleeps, gather, wait_for.
import asyncio

async def handle(reader, writer):
    data = await reader.readline()
    writer.write(b"echo:" + data.upper())
    await writer.drain()
    writer.close()
    await writer.wait_closed()

async def main():
    await asyncio.sleep(0.01)
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"hello\n")
    await writer.drain()
    print(await reader.read())
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()
    r = await asyncio.gather(asyncio.sleep(0.01, result=1), asyncio.sleep(0.02, result=2))
    print(r)
    try:
        await asyncio.wait_for(asyncio.sleep(1), 0.05)
    except asyncio.TimeoutError:
        print("timeout")
    return "done"

print(asyncio.run(main()))
