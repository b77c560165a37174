import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { missingTool, toolPath } from './requirements.ts';

/** Why a browser test must skip here, or undefined when Debian's chromium is on PATH. */
export function missingChromium(): string | undefined {
  return missingTool('chromium');
}

export interface RenderedChart { title: string; svgCount: number; traceCount: number }

/**
 * Opens a report in headless Chromium and returns, for each chart div, how many plotly SVG layers
 * and traces it drew, plus any page errors. A chart that failed to render has no SVG.
 */
export async function renderReportInChromium(htmlPath: string): Promise<{ charts: RenderedChart[]; errors: string[] }> {
  const browser = await chromium.launch({
    executablePath: toolPath('chromium'),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(htmlPath).href);
    await page.waitForSelector('body[data-charts-rendered]', { timeout: 60_000 });
    const charts = await page.$$eval('div.chart', (divs) =>
      divs.map((d) => ({
        title: d.getAttribute('data-title') ?? '',
        svgCount: d.querySelectorAll('svg.main-svg').length,
        traceCount: d.querySelectorAll('g.trace').length,
      })),
    );
    return { charts, errors };
  } finally {
    await browser.close();
  }
}
