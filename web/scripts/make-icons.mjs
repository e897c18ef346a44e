// Renders public/favicon.svg (the one source of the icon) into the raster icons next to it:
// favicon.ico (16 and 32 px PNGs in an ICO container, for browsers and tools that ask for
// /favicon.ico) and apple-touch-icon.png (180 px, opaque: iOS rounds the corners itself and would
// show transparency as black). Headless Chromium draws them (CHROMIUM_PATH, default
// /usr/bin/chromium). Run `node web/scripts/make-icons.mjs` after changing favicon.svg.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const publicDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../public');
const svg = readFileSync(path.join(publicDir, 'favicon.svg'), 'utf8');
const svgUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;

/** An ICO file holding PNG images (supported by every browser since Windows Vista's format change). */
function icoOf(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0); // width (0 means 256)
    entry.writeUInt8(size >= 256 ? 0 : size, 1); // height
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3); // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    entries.push(entry);
    offset += png.length;
  }
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)]);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  /** The icon at `size` px on `background` (transparent when null), as PNG bytes. */
  const render = async (size, background = null, inset = 0) => {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<body style="margin:0;background:${background ?? 'transparent'}">` +
        `<img src="${svgUrl}" style="display:block;width:${size - 2 * inset}px;height:${size - 2 * inset}px;margin:${inset}px"></body>`,
    );
    await page.locator('img').evaluate((img) => img.decode());
    return page.screenshot({ omitBackground: background === null, type: 'png' });
  };
  const ico = icoOf([
    { size: 16, png: await render(16) },
    { size: 32, png: await render(32) },
  ]);
  writeFileSync(path.join(publicDir, 'favicon.ico'), ico);
  // Full bleed in the icon's colour, the mark slightly inset (iOS crops the corners).
  writeFileSync(path.join(publicDir, 'apple-touch-icon.png'), await render(180, '#2563eb', 10));
  console.log(`favicon.ico: ${ico.length} bytes; apple-touch-icon.png written`);
} finally {
  await browser.close();
}
