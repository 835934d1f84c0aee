// A team of an admin, an analyst, an agent and a viewer, each joining by an emailed invitation link
// in a real Chromium against a real `cxloop serve`: each sees the pages their role allows and not
// the others, and the admin invites and changes roles on the Users page (issue #16).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildDashboardIfStale } from '../../web/build-if-stale.mjs';
import { tempDir } from '../helpers.ts';
import { startServerProcess } from '../server-process.ts';
import { launchChromium } from './chromium.ts';

const PASSWORD = 'correct horse battery';
const ALL_PAGES = [
  'Journey map',
  'Scores',
  'Drivers',
  'Cross-impact',
  'Customers',
  'Keys',
  'Users',
  'Send data',
  'Rejected data',
];
const SEES: Record<string, string[]> = {
  admin: ALL_PAGES,
  analyst: ['Journey map', 'Scores', 'Drivers', 'Cross-impact', 'Customers', 'Send data', 'Rejected data'],
  agent: ['Journey map', 'Scores', 'Customers'],
  viewer: ['Journey map', 'Scores'],
};

describe('a team in the dashboard, each role seeing what it allows', () => {
  const tmp = tempDir('cxloop-team-');
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let browser: Browser;

  before(async () => {
    await buildDashboardIfStale({ quiet: true });
    server = await startServerProcess(tmp.db);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    tmp.cleanup();
  });

  const invite = async (email: string, role: string) => {
    const res = await fetch(server.url + '/v1/users/invitations', {
      method: 'POST',
      headers: { authorization: `Bearer ${server.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email, role }),
    });
    assert.equal(res.status, 201);
    return ((await res.json()) as { link: string }).link;
  };

  const join = async (link: string, name: string): Promise<Page> => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(link);
    await page.getByLabel('Your name').fill(name);
    await page.getByLabel('Password (at least 10 characters)').fill(PASSWORD);
    await page.getByRole('button', { name: 'Join' }).click();
    await page.getByRole('navigation', { name: 'Pages' }).waitFor();
    return page;
  };

  const pagesShown = async (page: Page) =>
    (await page.getByRole('navigation', { name: 'Pages' }).getByRole('link').allTextContents()).map((t) =>
      t.trim(),
    );

  test('each role sees its pages only; the admin invites on the Users page and changes a role', async () => {
    const pages: Record<string, Page> = {};
    for (const role of ['admin', 'analyst', 'agent', 'viewer']) {
      pages[role] = await join(await invite(`${role}@example.com`, role), `The ${role}`);
      const shown = await pagesShown(pages[role]!);
      const expected = SEES[role]!;
      for (const label of ALL_PAGES) {
        assert.equal(
          shown.includes(label),
          expected.includes(label),
          `${role} and the ${label} page: ${shown.join(', ')}`,
        );
      }
      assert.match(
        (await pages[role]!.locator('.account-link').textContent()) ?? '',
        new RegExp(`${role}@example.com \\(${role}\\)`),
      );
    }

    // The admin invites someone on the Users page and makes the viewer an agent.
    const admin = pages.admin!;
    await admin.getByRole('link', { name: 'Users' }).click();
    await admin.getByLabel('Email').fill('late@example.com');
    await admin.getByLabel('Role', { exact: true }).selectOption('agent');
    await admin.getByRole('button', { name: 'Invite' }).click();
    await admin.getByTestId('invitation').waitFor();
    assert.match(
      (await admin.getByTestId('invitation').textContent()) ?? '',
      /Invited late@example.com as agent/,
    );
    const changed = admin.waitForResponse(
      (r) => r.request().method() === 'PATCH' && r.url().includes('/v1/users/'),
    );
    await admin.getByLabel('Role of viewer@example.com').selectOption('agent');
    assert.equal((await changed).status(), 204);
    const viewer = pages.viewer!;
    await viewer.reload();
    await viewer
      .getByRole('navigation', { name: 'Pages' })
      .getByRole('link', { name: 'Customers' })
      .waitFor();

    // The agent cannot reach the members list even by typing its address: the server refuses it.
    const agent = pages.agent!;
    const refused = await agent.evaluate(async () => (await fetch('/v1/users')).status);
    assert.equal(refused, 403);
  });

  test('sign-in with email and password, and a wrong password is refused without saying which part', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url + '/');
    await page.getByLabel('Email').fill('analyst@example.com');
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('alert').waitFor();
    assert.match((await page.getByRole('alert').textContent()) ?? '', /the email or the password is wrong/);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('navigation', { name: 'Pages' }).waitFor();
    assert.ok((await pagesShown(page)).includes('Drivers'));
    await context.close();
  });
});
