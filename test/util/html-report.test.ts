import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeReport } from '../../cli/report/html-report.ts';
import { missingChromium, renderReportInChromium } from '../helpers/render-in-chromium.ts';
import { skipReason } from '../helpers/requirements.ts';

const skip = skipReason(missingChromium());

describe.skipIf(skip)('self-contained HTML report', () => {
  it('renders every chart in headless Chromium', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tessera-report-')), 'report.html');
    writeReport(file, 'Test report', [
      { heading: 'Bars', table: { columns: ['k', 'v'], rows: [['a', 1], ['b', 2.5]] }, charts: [{ title: 'bars', data: [{ type: 'bar', x: ['a', 'b'], y: [1, 2.5] }] }] },
      { heading: 'Scatter', charts: [{ title: 'scatter', data: [{ type: 'scatter', mode: 'markers', x: [1, 2, 3], y: [3, 1, 2] }, { type: 'scatter', x: [1, 3], y: [1, 3] }] }] },
    ]);
    const { charts, errors } = await renderReportInChromium(file);
    expect(errors).toEqual([]);
    expect(charts.map((c) => c.title)).toEqual(['bars', 'scatter']);
    for (const c of charts) expect(c.svgCount).toBeGreaterThan(0);
    expect(charts.map((c) => c.traceCount)).toEqual([1, 2]);
  });
});
