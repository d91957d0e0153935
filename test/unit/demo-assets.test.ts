import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_ASSET_DIR, DEMO_ASSETS, renderDemoAsset } from '../../scripts/make-demo-assets';

describe('the demo brand’s images', () => {
  it('are exactly the committed renderings of their SVG sources: original, no text, no foreign references', () => {
    const committed = readdirSync(DEMO_ASSET_DIR).filter((f) => f.endsWith('.png')).sort();
    expect(committed).toEqual(Object.keys(DEMO_ASSETS).sort());
    for (const [name, svg] of Object.entries(DEMO_ASSETS)) {
      expect(svg).not.toMatch(/<(text|image|use|script)\b|href=/);
      const png = readFileSync(join(DEMO_ASSET_DIR, name));
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(png.length).toBeLessThan(100 * 1024);
      expect(png.equals(renderDemoAsset(svg))).toBe(true);
    }
  });
});
