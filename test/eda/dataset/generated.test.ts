import { describe, expect, it } from 'vitest';
import { generatedDesigns } from '../../../cli/commands/dataset-generated.ts';

describe('generated PE-array variants for the data set', () => {
  it('are distinct, reproducible from the seed, and carry the generated Verilog and its top', () => {
    const a = generatedDesigns(5, 3);
    expect(a).toHaveLength(5);
    expect(new Set(a.map((d) => d.id)).size).toBe(5);
    expect(generatedDesigns(5, 3).map((d) => d.id)).toEqual(a.map((d) => d.id));
    expect(generatedDesigns(5, 4).map((d) => d.id)).not.toEqual(a.map((d) => d.id));
    for (const d of a) {
      expect(d.corpus).toBe('generated');
      const [text] = Object.values(d.files);
      expect(text).toMatch(new RegExp(`module ${d.top}\\b`));
    }
  });
});
