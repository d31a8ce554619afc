import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createStudioStore } from '../state/store';
import type { ColumnView } from '../worker/protocol';
import { AdvancedPanel } from './AdvancedPanel';
import { SchemaPanel } from './SchemaPanel';
import { StudioProvider } from './StudioContext';

/** The panel's HTML as the page first draws it, over a store holding `columns`. */
function render(panel: () => ReactNode, columns: ColumnView[] = []): string {
  const { store } = createStudioStore({ send: () => undefined });
  store.setState({ fileName: 'wide.csv', columns });
  // A server render reads zustand's initial state; this one is drawn from the state just set.
  store.getInitialState = store.getState;
  return renderToStaticMarkup(createElement(StudioProvider, { studio: { store, dispose: () => undefined }, children: createElement(panel) }));
}

const column = (i: number): ColumnView => ({ name: `c${i}`, kind: 'categorical', include: true, missingShare: 0, distinct: 3, mini: { labels: [], shares: [] } });
const count = (html: string, text: string) => html.split(text).length - 1;

describe('SchemaPanel', () => {
  it('draws one page of a 1,000-column table, with a way to the rest', () => {
    const html = render(SchemaPanel, Array.from({ length: 1_000 }, (_, i) => column(i)));
    expect(count(html, 'aria-label="Include ')).toBe(100);
    expect(count(html, 'aria-label="Type of ')).toBe(100);
    expect(html).toContain('Columns 1–100 of 1,000');
    expect(html).toContain('aria-label="Find a column"');
    expect(html).toContain('Next 100 columns');
  });

  it('draws a narrow table whole, as before', () => {
    const html = render(SchemaPanel, Array.from({ length: 15 }, (_, i) => column(i)));
    expect(count(html, 'aria-label="Include ')).toBe(15);
    expect(html).not.toContain('Find a column');
  });
});

describe('AdvancedPanel', () => {
  const html = render(AdvancedPanel);

  it('keeps every accessible name and states each range beside its field', () => {
    for (const label of ['Batch size', 'Pack size (PacGAN)', 'Noise dimension', 'Generator layers', 'Discriminator layers', 'Generator learning rate', 'Seed']) {
      expect(html).toContain(`aria-label="${label}"`);
    }
    expect(html).toMatch(/aria-label="Batch size"[^>]*min="10" max="100000"/);
    expect(html).toContain('Whole number, 10 to 100,000');
    expect(html).toContain('0.000001 to 0.1');
    expect(html).toContain('1 to 8 layers of 1 to 4,096');
  });

  it("offers the switch that keeps values within the seed's range", () => {
    expect(html).toMatch(/<input type="checkbox" aria-label="Keep values within the seed&#x27;s range" checked=""/);
  });
});
