// Records a HAR of one page with Playwright's recordHar, in Debian's Chromium (no browser is
// downloaded): opens --page, waits until the page shows #done, closes the context (which writes the
// HAR) and the browser. Also writes the page's console (console.log) and a screenshot (page.png)
// to --out. Run by RecordedBrowserHarTest; by hand:
//
//   node record-har.mjs --page http://127.0.0.1:3000/ --har out.har --out target/x \
//        [--chromium /usr/bin/chromium] [--profile DIR] [--timeout-ms 60000]
import { chromium } from 'playwright-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({
  options: {
    page: { type: 'string' },
    har: { type: 'string' },
    out: { type: 'string' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
    profile: { type: 'string' },
    'timeout-ms': { type: 'string', default: '60000' },
  },
});
for (const required of ['page', 'har', 'out']) {
  if (!opts[required]) {
    console.error(`record-har: --${required} is required`);
    process.exit(2);
  }
}
const timeout = Number(opts['timeout-ms']);
// a backstop: never outlive the test that started this, whatever the browser does
setTimeout(() => {
  console.error(`record-har: gave up after ${timeout} ms`);
  process.exit(3);
}, timeout + 10_000).unref();

mkdirSync(opts.out, { recursive: true });
const profile = opts.profile ?? join(opts.out, 'profile');
const consoleLines = [];
// the same flags as the Selenium tests; Playwright adds --headless itself
const context = await chromium.launchPersistentContext(profile, {
  executablePath: opts.chromium,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
  recordHar: { path: opts.har, content: 'embed', mode: 'full' },
  timeout,
});
let status = 0;
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => consoleLines.push(`${m.type()} ${m.text()}`));
  page.on('pageerror', (e) => consoleLines.push(`pageerror ${e}`));
  await page.goto(opts.page, { timeout });
  await page.locator('#done').waitFor({ state: 'visible', timeout });
  await page.screenshot({ path: join(opts.out, 'page.png'), fullPage: true });
  console.log(await page.locator('#results').innerText());
} catch (e) {
  status = 1;
  console.error(`record-har: ${e}`);
  for (const p of context.pages()) {
    await p.screenshot({ path: join(opts.out, 'page.png'), fullPage: true }).catch(() => {});
  }
} finally {
  writeFileSync(join(opts.out, 'console.log'), consoleLines.join('\n') + '\n');
  // closing the context writes the HAR
  await context.close();
}
process.exit(status);
