import { describe, expect, it } from 'vitest';
import type { AssociationMap } from '../metrics/associations';
import { associationColour, cellText, differenceColour, heatmapLayout, heatmapSummary, inkOn } from './heatmap';

const map: AssociationMap = {
  columns: ['a', 'b', 'c'],
  of: 3,
  pairs: [
    { a: 'a', b: 'b', measure: 'correlation', real: 0.8, synthetic: -0.2, difference: 1, rows: 100 },
    { a: 'a', b: 'c', measure: 'correlationRatio', real: 0.3, synthetic: 0.25, difference: 0.05, rows: 100 },
    { a: 'b', b: 'c', measure: 'correlationRatio', real: 0.1, synthetic: 0.4, difference: 0.3, rows: 100 },
  ],
};

describe('heatmapLayout', () => {
  it('puts each pair once in the lower triangle: row for the later column, cell for the earlier', () => {
    const layout = heatmapLayout(map, 'difference');
    const at = (title: string) => layout.cells.find((c) => c.title.startsWith(title))!;
    const left = at('a × b').x;
    expect(at('a × b')).toMatchObject({ y: 4, text: '1.0' });
    expect(at('a × c')).toMatchObject({ x: left, y: 4 + layout.cell, text: '.05' });
    expect(at('b × c')).toMatchObject({ x: left + layout.cell, y: 4 + layout.cell, text: '.30' });
    expect(layout.rowLabels.map((l) => l.text)).toEqual(['b', 'c']);
    expect(layout.columnLabels.map((l) => l.text)).toEqual(['a', 'b']);
    expect(layout.width).toBe(left + 2 * layout.cell + 8);
    expect(at('a × b').title).toBe('a × b: correlation 0.80 in your data, -0.20 synthetic (difference 1.00)');
  });

  it('writes signed values in the association views, and cuts long names', () => {
    const layout = heatmapLayout({ ...map, columns: ['a', 'b', 'a very long column name'] , pairs: map.pairs.map((p) => (p.b === 'c' ? { ...p, b: 'a very long column name' } : p)) }, 'synthetic');
    expect(layout.cells.map((c) => c.text)).toEqual(['−.20', '.25', '.40']);
    expect(layout.rowLabels[1].text).toBe('a very long col…');
  });

  it('summarises the view with its largest values, and says when columns were left out', () => {
    expect(heatmapSummary(map, 'difference')).toBe('Difference in association between your data and the synthetic rows, for 3 columns. Largest: a × b 1.00, b × c 0.30, a × c 0.05.');
    expect(heatmapSummary({ ...map, of: 30 }, 'real')).toMatch(/^Association in your data, for the 3 of 30 columns with the strongest relationships\. Largest: a × b 0\.80/);
  });
});

describe('colours', () => {
  it('runs from white to full colour, and picks the text that contrasts more', () => {
    expect(associationColour(0)).toBe('#ffffff');
    expect(associationColour(1)).toBe('#2166ac');
    expect(associationColour(-1)).toBe('#b35806');
    expect(differenceColour(0)).toBe('#ffffff');
    expect(differenceColour(0.5)).toBe('#b2182b');
    expect(differenceColour(2)).toBe('#b2182b');
    expect(inkOn('#ffffff')).toBe('#1d2330');
    expect(inkOn('#2166ac')).toBe('#ffffff');
    expect(cellText(0.004)).toBe('.00');
    expect(cellText(-0.996)).toBe('−1.0');
  });
});
