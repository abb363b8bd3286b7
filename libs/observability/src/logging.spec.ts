import { createServer, request, Server } from 'http';
import { AddressInfo } from 'net';
import pinoHttp from 'pino-http';
import { Writable } from 'stream';
import { pinoOptions } from './logging';

// The request line every service logs, from pino-http with the services' own options: the
// serializers read the request and response themselves (no copy of every header first), so the
// line must still say the method, the URL with personal data masked and the status, and never a
// header (the token).
describe('request logging', () => {
  let server: Server;
  let lines: Array<Record<string, unknown>>;

  beforeEach(async () => {
    lines = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const logger = pinoHttp({ ...pinoOptions('test'), level: 'info', stream: sink });
    server = createServer((req, res) => {
      logger(req, res);
      res.statusCode = req.url?.includes('missing') ? 404 : 200;
      res.end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });

  afterEach(() => new Promise<void>((r) => server.close(() => r())));

  const get = (path: string) =>
    new Promise<void>((resolve, reject) => {
      const { port } = server.address() as AddressInfo;
      request({ host: '127.0.0.1', port, path, headers: { authorization: 'Bearer secret-token', cookie: 'a=b' } }, (res) => {
        res.resume();
        res.on('end', () => setImmediate(resolve));
      })
        .on('error', reject)
        .end();
    });

  it('should log method, masked URL and status, and no header', async () => {
    await get('/api/access/v1/persons/999990019?bsn=999990019&limit=10');
    await get('/api/access/v1/missing');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      level: 'info',
      service: 'test',
      req: { method: 'GET', url: '/api/access/v1/persons/[redacted]?bsn=[redacted]&limit=10' },
      res: { statusCode: 200 },
    });
    expect(Object.keys(lines[0].req as object).sort()).toEqual(['method', 'url']);
    expect(lines[0].res).toEqual({ statusCode: 200 });
    expect(lines[1]).toMatchObject({ level: 'warn', res: { statusCode: 404 } });
    const text = JSON.stringify(lines);
    expect(text).not.toContain('secret-token');
    expect(text).not.toContain('999990019');
    expect(text).not.toContain('a=b');
  });
});
