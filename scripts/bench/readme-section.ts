/**
 * The README's measured tables live between marker comments (`<!-- bench:NAME -->` … `<!-- /bench:NAME -->`);
 * benchmark scripts rewrite them, a test checks them against a fast re-run of the deterministic part.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './bench-cloud';

export const README_PATH = join(ROOT, 'README.md');

const markers = (name: string) => [`<!-- bench:${name} -->`, `<!-- /bench:${name} -->`] as const;

export function readSection(readme: string, name: string): string | null {
  const [open, close] = markers(name);
  const start = readme.indexOf(open);
  const end = readme.indexOf(close);
  if (start < 0 || end < start) return null;
  return readme.slice(start + open.length, end).trim();
}

export function replaceSection(readme: string, name: string, body: string): string {
  const [open, close] = markers(name);
  const start = readme.indexOf(open);
  const end = readme.indexOf(close);
  if (start < 0 || end < start) throw new Error(`README.md has no ${open} … ${close} markers`);
  return `${readme.slice(0, start)}${open}\n${body.trim()}\n${readme.slice(end)}`;
}

export function writeReadmeSection(name: string, body: string): void {
  writeFileSync(README_PATH, replaceSection(readFileSync(README_PATH, 'utf8'), name, body));
}

/** The cells of each body row of the first markdown table in `text` (header and separator skipped). */
export function tableRows(text: string): string[][] {
  const lines = text.split('\n').filter((l) => l.trim().startsWith('|'));
  return lines.slice(2).map((l) =>
    l
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((c) => c.trim()),
  );
}

export const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
