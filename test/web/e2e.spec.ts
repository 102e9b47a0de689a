import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFaceVideo } from '../fixtures/videos.ts';
import { sharedData } from '../support/shared.ts';
import { startServer, type RunningServer } from './server-harness.ts';

const face = (person: string, file: string) => sharedData('faces', person, file);

// Two videos made of face photos shown at known times; the query is another photo of Penny.
// The second is an AVI, a format the browser cannot play.
const videos = [
  {
    name: 'penny-and-sheldon.mp4',
    duration: 9,
    segments: [
      { photo: face('bbt_penny', 'faceapijs__penny1.png'), start: 1, end: 3.4 },
      { photo: face('bbt_sheldon', 'faceapijs__sheldon1.png'), start: 5.6, end: 8 },
    ],
  },
  {
    name: 'raj-and-penny.avi',
    duration: 8,
    segments: [
      { photo: face('bbt_raj', 'faceapijs__raj1.png'), start: 0.5, end: 2.5 },
      { photo: face('bbt_penny', 'faceapijs__penny2.png'), start: 4.2, end: 6.6 },
    ],
  },
];
const query = face('bbt_penny', 'faceapijs__penny4.png');
const pennyStarts = [1, 4.2];

// Screenshots go to test/.output; GLIMPSE_UPDATE_SCREENSHOTS=1 refreshes the README's copies.
const screenshots = process.env.GLIMPSE_UPDATE_SCREENSHOTS
  ? resolve(import.meta.dirname, '..', '..', 'docs', 'screenshots')
  : resolve(import.meta.dirname, '..', '.output', 'screenshots');

/** Sky over grass: a photo with no face and no person in it. */
async function writeLandscape(path: string): Promise<void> {
  const grass = {
    create: { width: 640, height: 120, channels: 3 as const, background: '#3c7832' },
  };
  await sharp({ create: { width: 640, height: 360, channels: 3, background: '#5a8cc8' } })
    .composite([{ input: grass, top: 240, left: 0 }])
    .jpeg()
    .toFile(path);
}

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

describe('the web app in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let fixtures: string;
  let nobodyPhoto: string;
  const consoleErrors: string[] = [];
  // Routes a test makes answer with an error on purpose: the browser logs those answers itself.
  const expectedErrorRoutes = new Set<string>();
  const isExpectedErrorAnswer = (message: ConsoleMessage) =>
    message.text().startsWith('Failed to load resource') &&
    expectedErrorRoutes.has(new URL(message.location().url).pathname);

  beforeAll(async () => {
    fixtures = await mkdtemp(join(tmpdir(), 'glimpse-e2e-'));
    for (const video of videos) {
      await buildFaceVideo({ output: join(fixtures, video.name), ...video });
    }
    nobodyPhoto = join(fixtures, 'landscape.jpg');
    await writeLandscape(nobodyPhoto);
    await mkdir(screenshots, { recursive: true });
    server = await startServer();
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    page.on('console', (message) => {
      if (message.type() === 'error' && !isExpectedErrorAnswer(message)) {
        consoleErrors.push(message.text());
      }
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (fixtures) await rm(fixtures, { recursive: true, force: true });
  });

  it('should say what to do while the library is empty', async () => {
    await page.goto(`${server.baseUrl}/#library`);
    const summary = page.locator('#library-summary');
    await expect.poll(() => summary.textContent()).toContain('No videos yet');
    await page.screenshot({ path: join(screenshots, 'library-empty.png'), fullPage: true });

    await page.click('a[href="#search"]');
    await page.setInputFiles('#photo-input', query);
    await expect
      .poll(() => page.locator('#search-status').textContent(), { timeout: 60_000 })
      .toContain('No moment of this person');
    expect(await page.locator('#results').textContent()).toBe('');
  });

  it('should upload videos and show their analysis finishing live', async () => {
    await page.goto(`${server.baseUrl}/#upload`);
    await page.setInputFiles(
      '#video-input',
      videos.map((video) => join(fixtures, video.name)),
    );

    for (const video of videos) {
      const row = page.locator(`.upload-item[data-file="${video.name}"]`);
      // A failed row shows why; the message makes a failure of this test say it too.
      const stateAndMessage = async () =>
        `${await row.getAttribute('data-state')} ${await row.locator('.message').textContent()}`;
      await expect.poll(stateAndMessage, { timeout: 280_000, interval: 500 }).toMatch(/^done/);
    }
    await page.screenshot({ path: join(screenshots, 'upload.png'), fullPage: true });
  }, 300_000);

  it('should show two uploads at once of a video already analysed as analysed', async () => {
    const copy = join(fixtures, 'the same video.mp4');
    await copyFile(join(fixtures, videos[0].name), copy);
    await page.setInputFiles('#video-input', [join(fixtures, videos[0].name), copy]);

    const again = page.locator('.upload-item');
    await expect.poll(() => again.count()).toBe(videos.length + 2);
    for (const row of (await again.all()).slice(videos.length)) {
      await expect
        .poll(() => row.getAttribute('data-state'), { timeout: 30_000, interval: 250 })
        .toBe('done');
    }
  });

  it('should list every video with its tracks on the library page', async () => {
    await page.click('a[href="#library"]');
    await page
      .locator('.video-card')
      .nth(videos.length - 1)
      .waitFor();
    for (const video of videos) {
      const card = page.locator('.video-card', { hasText: video.name });
      await expect.poll(() => card.locator('.strip img').count()).toBe(video.segments.length);
    }
    await page.screenshot({ path: join(screenshots, 'library.png'), fullPage: true });
  });

  it('should find the person of a photo in both videos, grouped by video', async () => {
    await page.click('a[href="#search"]');
    await page.setInputFiles('#photo-input', query);
    await page.locator('.result-video').nth(1).waitFor({ timeout: 60_000 });

    await expect.poll(() => page.locator('.face-button').count()).toBe(1);
    const starts = await page
      .locator('.moment')
      .evaluateAll((items) => items.map((item) => Number((item as HTMLElement).dataset.start)));
    for (const start of pennyStarts) {
      expect(
        starts.some((found) => Math.abs(found - start) < 0.5),
        `moment near ${start} s`,
      ).toBe(true);
    }
    await page.screenshot({ path: join(screenshots, 'search.png'), fullPage: true });
  });

  it('should play a moment from its start when it is opened', async () => {
    const moment = page
      .locator('.result-video', { hasText: videos[0].name })
      .locator('.moment')
      .first();
    const start = Number(await moment.getAttribute('data-start'));
    await moment.locator('.moment-open').click();

    const player = page.locator('#player');
    await expect
      .poll(() => player.evaluate((video: HTMLVideoElement) => video.readyState), {
        timeout: 30_000,
      })
      .toBeGreaterThanOrEqual(1);
    await expect
      .poll(() => player.evaluate((video: HTMLVideoElement) => video.currentTime), {
        timeout: 30_000,
      })
      .toBeGreaterThanOrEqual(start - 0.05);
    const currentTime = await player.evaluate((video: HTMLVideoElement) => {
      video.pause();
      return video.currentTime;
    });
    expect(Math.abs(currentTime - start)).toBeLessThan(0.5);
    await page.screenshot({ path: join(screenshots, 'player.png') });
  });

  it("should play a moment's clip when the browser cannot play its video", async () => {
    await page.locator('#player-close').click();
    const moment = page.locator('.result-video', { hasText: videos[1].name }).locator('.moment');
    await moment.first().locator('.moment-open').click();

    const player = page.locator('#player');
    await expect
      .poll(() => player.evaluate((video: HTMLVideoElement) => video.currentSrc), {
        timeout: 30_000,
      })
      .toContain('/clip?');
    await expect
      .poll(() => player.evaluate((video: HTMLVideoElement) => video.readyState), {
        timeout: 30_000,
      })
      .toBeGreaterThanOrEqual(1);
    await expect.poll(() => page.locator('#player-info').textContent()).toContain('clip plays');
  });

  it('should find more moments of a person from a moment in the player', async () => {
    await page.locator('#player-more').click();

    await expect
      .poll(() => page.locator('#player-dialog').evaluate((d: HTMLDialogElement) => d.open))
      .toBe(false);
    // The player shows Penny in the second video; her other moment is in the first.
    const other = page.locator('.result-video', { hasText: videos[0].name }).locator('.moment');
    await other.first().waitFor({ timeout: 30_000 });
    expect(Number(await other.first().getAttribute('data-start'))).toBeCloseTo(pennyStarts[0], 0);
    expect(await page.locator('#query').isVisible(), 'the earlier query photo').toBe(false);
  });

  it('should open a moment with the keyboard and close the player with Escape', async () => {
    const open = page.locator('.moment-open').first();
    await open.focus();
    await page.keyboard.press('Enter');
    const dialog = page.locator('#player-dialog');
    await expect.poll(() => dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(true);

    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
    // A video that finishes loading after the dialog closed must stay paused.
    const player = page.locator('#player');
    await expect
      .poll(() => player.evaluate((video: HTMLVideoElement) => video.readyState))
      .toBeGreaterThanOrEqual(1);
    expect(await player.evaluate((video: HTMLVideoElement) => video.paused), 'player').toBe(true);
    const focused = await open.evaluate((button) => button === document.activeElement);
    expect(focused, 'the focus back on the moment').toBe(true);
  });

  it('should fit every page on a phone-width screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const name of ['upload', 'library', 'search']) {
      await page.click(`a[href="#${name}"]`);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `${name} page`).toBeLessThanOrEqual(0);
    }
    await page.screenshot({ path: join(screenshots, 'search-phone.png'), fullPage: true });
  });

  it('should tell the user when the photo shows nobody', async () => {
    await page.setViewportSize({ width: 1280, height: 860 });
    expectedErrorRoutes.add('/api/search');
    await page.setInputFiles('#photo-input', nobodyPhoto);

    const status = page.locator('#search-status');
    await expect.poll(() => status.getAttribute('class'), { timeout: 30_000 }).toContain('bad');
    expect(await status.textContent()).toMatch(/no face or person|nobody|no person/i);
    expect(await page.locator('#results').textContent()).toBe('');
    expect(await page.locator('#faces-panel').isVisible(), "the earlier photo's faces").toBe(false);
    await page.screenshot({ path: join(screenshots, 'search-nobody.png'), fullPage: true });
  });

  it('should log no error in the browser console', () => {
    expect(consoleErrors).toEqual([]);
  });
});
