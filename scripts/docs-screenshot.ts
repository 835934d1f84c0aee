// Refreshes the README's image (docs/journey-map.png): a real `cxloop serve` on the demo data, the
// built dashboard and Debian's Chromium, the same set-up as the browser tests. Tests never write
// here (they keep their screenshots in artifacts/), so this runs only when asked:
//   npm run docs:screenshot
import { chromiumMissing } from '../tests/e2e/chromium.ts';
import { dashboardKit } from '../tests/e2e/dashboard-kit.ts';

const OUT = 'docs/journey-map.png';

const missing = chromiumMissing();
if (missing) {
  process.stderr.write(`${missing}\n`);
  process.exit(1);
}
const kit = await dashboardKit();
try {
  const { page } = await kit.newPage();
  await kit.signIn(page);
  await page.goto(kit.url + '/');
  await page.locator('.journey-page[data-state="ready"]').waitFor({ timeout: 60_000 });
  await page.screenshot({ path: OUT, fullPage: true });
  process.stdout.write(`wrote ${OUT}\n`);
} finally {
  await kit.close();
}
