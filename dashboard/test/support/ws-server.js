// A minimal RFC 6455 WebSocket server on node:http for client tests over real sockets (text frames only).
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

function encode(text, opcode = 0x1) {
  const payload = Buffer.from(text);
  let header;
  if (payload.length < 126) header = Buffer.from([0x80 | opcode, payload.length]);
  else if (payload.length < 65536) {
    header = Buffer.alloc(4);
    header[0] = 0x80 | opcode;
    header[1] = 126;
    header.writeUInt16BE(payload.length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = 0x80 | opcode;
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(payload.length), 2);
  }
  return Buffer.concat([header, payload]);
}

/** One accepted connection: `send(obj)`, `received` (parsed client messages), `onMessage`, `terminate()`. */
class Connection {
  constructor(socket) {
    this.socket = socket;
    this.received = [];
    this.onMessage = () => {};
    this.buffer = Buffer.alloc(0);
    socket.on('data', (chunk) => this.#read(chunk));
    socket.on('error', () => {});
  }

  send(message) {
    if (this.socket.writable) this.socket.write(encode(JSON.stringify(message)));
  }

  terminate() {
    this.socket.destroy();
  }

  #read(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    while (this.buffer.length >= 2) {
      let length = this.buffer[1] & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.buffer.length < 4) return;
        length = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.buffer.length < 10) return;
        length = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (this.buffer.length < offset + 4 + length) return;
      const opcode = this.buffer[0] & 0x0f;
      const mask = this.buffer.subarray(offset, offset + 4);
      const data = Buffer.from(this.buffer.subarray(offset + 4, offset + 4 + length)).map((b, i) => b ^ mask[i % 4]);
      this.buffer = this.buffer.subarray(offset + 4 + length);
      if (opcode === 0x8) {
        this.socket.end(encode('', 0x8));
        return;
      }
      if (opcode === 0x9) this.socket.write(encode(data.toString(), 0xa));
      if (opcode !== 0x1) continue;
      const message = JSON.parse(data.toString());
      this.received.push(message);
      this.onMessage(message);
    }
  }
}

/** Starts a server on 127.0.0.1:`port` (0 = random); `onConnection(conn)` is called per client. */
export async function startServer(port, onConnection) {
  const connections = [];
  const server = createServer((req, res) => res.writeHead(404).end());
  server.on('upgrade', (req, socket) => {
    const accept = createHash('sha1').update(req.headers['sec-websocket-key'] + GUID).digest('base64');
    socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
      + `Sec-WebSocket-Accept: ${accept}\r\n\r\n`);
    const conn = new Connection(socket);
    connections.push(conn);
    onConnection(conn);
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    connections,
    /** Kills every connection and stops listening (a server crash/restart). */
    async stop() {
      for (const c of connections) c.terminate();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
