import { parseArgs } from 'node:util';
import { WECHAT_RATE_LIMITS } from '../api/context.js';
import { parseAllowList } from '../notify/targets.js';
import { credentialsPath, initDataFolder } from './data-folder.js';
import { serve } from './serve.js';
import { readSettings, settingFlags, settingsUsage } from './settings.js';

const USAGE = `usage: coupond <command> [options]

commands:
  init     create the data folder (database, platform key, demo merchant, credentials.json)
  serve    run the server
  demo     init if needed, then serve with the sandbox controls on (this is \`npm start\`)
  call     signed call with the credentials file: coupond call <METHOD> <path> [--json '{…}'] [--params 'k=v']

options:
  --host <host>        listen address (default 127.0.0.1, env HOST)
  --port <port>        listen port (default 8080, env PORT)
  --data <dir>         data folder (default ./data, env COUPOND_DATA)
  --sandbox            enable the sandbox controls and http:// notify URLs (serve)
  --rate-limit off     disable WeChat's per-mchid rate limits
  --audit-delay <s>    sandbox: keep new product coupons AUDITING for <s> seconds (default 0)
  --notify-allow <cidr,…>  internal networks notify URLs may reach (env COUPOND_NOTIFY_ALLOW; serve)

timeouts and limits (serve, demo; see docs/operations.md):
${settingsUsage}
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: false,
    options: {
      host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
      port: { type: 'string', default: process.env.PORT ?? '8080' },
      data: { type: 'string', default: process.env.COUPOND_DATA ?? './data' },
      sandbox: { type: 'boolean', default: false },
      'rate-limit': { type: 'string' },
      'audit-delay': { type: 'string', default: '0' },
      ...settingFlags,
      'notify-allow': { type: 'string', default: process.env.COUPOND_NOTIFY_ALLOW ?? '' },
    },
  });
  const data = String(values.data);
  const port = Number(values.port);
  const host = String(values.host);
  const rateLimits = values['rate-limit'] === 'off' ? null : WECHAT_RATE_LIMITS;
  const auditDelaySeconds = Number(values['audit-delay']) || 0;
  const serving = () => ({
    host,
    port,
    data,
    rateLimits,
    auditDelaySeconds,
    settings: readSettings(values, process.env),
    notifyAllow: parseAllowList(String(values['notify-allow'])),
  });
  switch (command) {
    case 'init': {
      const creds = await initDataFolder(data, `http://${host}:${port}/`);
      process.stdout.write(`initialised ${credentialsPath(data)} (mchid ${creds.mchid})\n`);
      return 0;
    }
    case 'serve':
      await serve({ ...serving(), sandbox: values.sandbox === true }, false);
      return -1;
    case 'demo':
      await serve({ ...serving(), sandbox: true }, true);
      return -1;
    case 'call': {
      const { runCall } = await import('./call.js');
      return runCall(rest, credentialsPath(data));
    }
    default:
      process.stdout.write(USAGE);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`coupond: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
