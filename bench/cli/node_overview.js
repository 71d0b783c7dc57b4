#!/usr/bin/env node
// What the original `node scripts/overview.js` cost, rebuilt from the Kapso
// contract for the benchmark: a fresh Node process making five serial GETs
// (phone numbers, API logs, API log errors, webhook deliveries, delivery
// errors) and printing {"ok": true, "data": ...}.
//
// Env: KAPSO_API_BASE_URL (host only, e.g. http://127.0.0.1:PORT; falls back
// to KAPSO_SANDBOX_URL), KAPSO_API_KEY (default sandbox-key).
'use strict';

const base = (process.env.KAPSO_API_BASE_URL || process.env.KAPSO_SANDBOX_URL || '')
  .replace(/\/$/, '');
const apiKey = process.env.KAPSO_API_KEY || 'sandbox-key';
const period = process.argv.includes('--period')
  ? process.argv[process.argv.indexOf('--period') + 1] : '24h';

function get(path) {
  const url = new URL(base + '/platform/v1' + path);
  const lib = url.protocol === 'https:' ? require('https') : require('http');
  return new Promise((resolve, reject) => {
    const req = lib.get(url, { headers: { 'X-API-Key': apiKey, Accept: 'application/json' } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => { body += chunk; });
        res.on('end', () => {
          if (res.statusCode >= 400) {
            reject(new Error(`GET ${path}: HTTP ${res.statusCode}: ${body}`));
            return;
          }
          resolve(JSON.parse(body));
        });
      });
    req.on('error', reject);
  });
}

async function main() {
  if (!base) throw new Error('set KAPSO_API_BASE_URL or KAPSO_SANDBOX_URL');
  // Serial, as the original script awaited each call in turn.
  const phoneNumbers = await get('/whatsapp/phone_numbers');
  const apiLogs = await get(`/api_logs?period=${period}`);
  const apiErrors = await get(`/api_logs?period=${period}&errors_only=true`);
  const deliveries = await get(`/webhook_deliveries?period=${period}`);
  const deliveryErrors = await get(`/webhook_deliveries?period=${period}&errors_only=true`);
  const count = (r) => (r.meta && r.meta.total_count) || (r.data || []).length;
  const data = {
    phone_numbers: phoneNumbers.data,
    api_calls_total: count(apiLogs),
    api_calls_failed: count(apiErrors),
    webhook_deliveries_total: count(deliveries),
    webhook_deliveries_failed: count(deliveryErrors),
  };
  process.stdout.write(JSON.stringify({ ok: true, data }) + '\n');
}

main().catch((err) => {
  process.stderr.write(JSON.stringify({ ok: false, error: String(err.message || err) }) + '\n');
  process.exit(1);
});
