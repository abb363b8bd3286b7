// Loads the demo data: every tools/demo/<NN>-<name>.mjs in name order, through the gateway's
// public API with development tokens. Each loader is idempotent, so this runs on every start.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export function demoApi(gatewayUrl) {
  const request = async (method, path, { token, body, headers = {} } = {}) => {
    const res = await fetch(`${gatewayUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: res.status, body: parsed };
  };
  const token = async (claims) => {
    const res = await request('POST', '/api/gateway/v1/dev/token', { body: { sub: 'demo-loader', municipalities: [], ...claims } });
    if (res.status !== 200) throw new Error(`dev token refused: ${JSON.stringify(res.body)}`);
    return res.body.access_token;
  };
  return { request, token, gatewayUrl };
}

export async function loadDemoData(gatewayUrl, log = console.log) {
  const api = demoApi(gatewayUrl);
  const files = readdirSync(here).filter((f) => /^\d+-.+\.mjs$/.test(f)).sort();
  for (const f of files) {
    const started = Date.now();
    const mod = await import(pathToFileURL(join(here, f)).href);
    const summary = await mod.load(api);
    log(`demo data ${f}: ${summary ?? 'loaded'} (${Date.now() - started} ms)`);
  }
}
