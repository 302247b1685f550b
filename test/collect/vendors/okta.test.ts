import { oktaEvent, startFakeOkta } from '../fake/okta.ts';
import { describeVendor } from '../vendor-suite.ts';

const T0 = Date.parse('2025-03-01T00:00:00Z');
const SPAN = 36 * 3_600_000;
const TOKEN = 'okta-suite-token-8c1d';

describeVendor({
  vendor: 'okta',
  envVar: 'OKTA_TOKEN',
  token: TOKEN,
  idPath: '$.uuid',
  refusal: /Okta System Log answered 401 Unauthorized to GET .*: Invalid token provided \(E0000011\)/,
  async start() {
    const f = await startFakeOkta({ events: Array.from({ length: 150 }, (_, i) => oktaEvent(i + 1, T0 + Math.floor((i * SPAN) / 150))), token: TOKEN });
    return {
      server: f.server,
      ids: () => f.events.map((e) => e.uuid).sort(),
      request: () => ({ vendor: 'okta', baseUrl: f.server.url, from: '2025-03-01', to: '2025-03-02T12:00:00Z', pageSize: 20 }),
      cliArgs: (c) => ['pull', 'okta', c, '--from', '2025-03-01', '--to', '2025-03-02T12:00:00Z', '--base-url', f.server.url, '--page-size', '20'],
      coverage: [{ from: '2025-03-01T00:00:00.000Z', to: '2025-03-02T12:00:00.000Z' }],
      addShiftEvent: () => f.events.push(oktaEvent(9001, Date.parse('2025-03-01T23:59:59Z'))),
      overlap: () => {
        f.slackMs = 6 * 3_600_000;
      },
      rateLimit: { headers: { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(Math.ceil(Date.now() / 1000) + 2) }, reason: /429 rate limited \(x-rate-limit-reset \d+\)/ },
      firstList: 1,
      close: () => f.close(),
    };
  },
});
