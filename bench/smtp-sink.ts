import { SMTPServer } from 'smtp-server';

// An SMTP server on loopback that accepts every message and throws it away, counting. Runs as a
// child process (so it does not share a core with what it measures) and answers `stats` over IPC.

interface Stats {
  accepted: number;
  bytes: number;
  firstAt: number | null;
  lastAt: number | null;
}

let stats: Stats = { accepted: 0, bytes: 0, firstAt: null, lastAt: null };

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  logger: false,
  maxClients: 200,
  onData(stream, _session, callback) {
    let bytes = 0;
    stream.on('data', (chunk: Buffer) => (bytes += chunk.length));
    stream.on('end', () => {
      const now = Date.now();
      stats.accepted++;
      stats.bytes += bytes;
      stats.firstAt ??= now;
      stats.lastAt = now;
      callback();
    });
  },
});

server.listen(0, '127.0.0.1', () => {
  const address = server.server.address();
  process.send?.({ type: 'listening', port: typeof address === 'object' && address ? address.port : 0 });
});

process.on('message', (message: { type: string }) => {
  if (message.type === 'stats') {
    process.send?.({ type: 'stats', stats });
  } else if (message.type === 'reset') {
    stats = { accepted: 0, bytes: 0, firstAt: null, lastAt: null };
    process.send?.({ type: 'reset' });
  } else if (message.type === 'close') {
    server.close(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));
