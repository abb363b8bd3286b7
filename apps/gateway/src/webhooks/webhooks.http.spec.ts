import { createServer, IncomingHttpHeaders, Server } from 'http';
import { AddressInfo } from 'net';
import { createServer as createTlsServer, Server as TlsServer } from 'tls';
import { pinnedAddresses, pinnedLookup, postWebhook } from './webhooks.http';

describe('webhook requests', () => {
  let http: Server;
  let tls: TlsServer;
  const seen: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
  const names: string[] = [];

  beforeAll(async () => {
    http = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.statusCode = 204;
        res.end();
      });
    });
    // No certificate: only the ClientHello's server name is of interest, then the handshake fails.
    tls = createTlsServer({
      SNICallback: (name, cb) => {
        names.push(name);
        cb(new Error('no certificate here'));
      },
    });
    tls.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
    await new Promise((resolve) => tls.close(resolve));
  });

  it('should connect to the pinned address, never resolving the name, and keep the name as Host', async () => {
    const port = (http.address() as AddressInfo).port;
    // `.invalid` never resolves (RFC 6761): only the pin can bring this request anywhere.
    const url = new URL(`http://partner.invalid:${port}/hooks?x=1`);
    const status = await postWebhook(url, { headers: { 'content-type': 'application/cloudevents+json' }, body: '{"id":"1"}', timeoutMs: 2000, pin: pinnedAddresses(['127.0.0.1']) });
    expect(status).toBe(204);
    expect(seen.at(-1)).toEqual({ headers: expect.objectContaining({ host: `partner.invalid:${port}`, 'content-type': 'application/cloudevents+json', 'content-length': '10' }), body: '{"id":"1"}' });
    await expect(postWebhook(url, { headers: {}, body: '{}', timeoutMs: 2000 })).rejects.toMatchObject({ code: expect.stringMatching(/ENOTFOUND|EAI_AGAIN/) });
  });

  it('should answer every checked address, and only those, to whoever looks the name up', () => {
    const lookup = pinnedLookup(pinnedAddresses(['203.0.113.7', '[2001:4860::1]']));
    const answers: unknown[] = [];
    lookup('partner.example.nl', { all: true }, (...args: unknown[]) => answers.push(args));
    lookup('partner.example.nl', {}, (...args: unknown[]) => answers.push(args));
    expect(answers).toEqual([
      [null, [{ address: '203.0.113.7', family: 4 }, { address: '2001:4860::1', family: 6 }]],
      [null, '203.0.113.7', 4],
    ]);
  });

  it('should send the name, not the pinned address, as the TLS server name', async () => {
    const port = (tls.address() as AddressInfo).port;
    await expect(postWebhook(new URL(`https://partner.invalid:${port}/hooks`), { headers: {}, body: '{}', timeoutMs: 2000, pin: pinnedAddresses(['127.0.0.1']) })).rejects.toBeDefined();
    expect(names).toEqual(['partner.invalid']);
  });
});
