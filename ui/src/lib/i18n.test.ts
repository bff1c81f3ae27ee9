// Every key the UI asks for exists in both catalogues, so no screen shows
// a raw key in either language.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FluentBundle, FluentResource } from '@fluent/bundle';
import { describe, expect, it } from 'vitest';
import { BREAKDOWNS } from './bindings';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const catalogue = (lang: string) => readFileSync(join(root, '../../assets/i18n', lang, 'binome.ftl'), 'utf8');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(svelte|ts)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

function ids(source: string): Set<string> {
  const bundle = new FluentBundle('fr', { useIsolating: false });
  const errors = bundle.addResource(new FluentResource(source));
  expect(errors).toEqual([]);
  return new Set([...source.matchAll(/^([a-z][a-z0-9_-]*) =/gm)].map((m) => m[1]));
}

// Keys built from a prefix and a closed list of codes.
const expansions: Record<string, string[]> = {
  'ui-bundle-${preview.outcome}': ['ui-bundle-quarantined', 'ui-bundle-device_introduced'],
  'ui-duplicates-reason-${r}': ['ui-duplicates-reason-name', 'ui-duplicates-reason-phone'],
  'ui-import-title-${kind}': ['participants', 'sessions', 'attendance', 'scores', 'frameworks'].map((k) => `ui-import-title-${k}`),
  'ui-import-step-${s}': ['columns', 'values', 'preview'].map((k) => `ui-import-step-${k}`),
  'ui-role-${code}': ['expert', 'referent', 'coordinator'].map((k) => `ui-role-${k}`),
  'ui-exports-table-${name}': ['indicators', 'sessions', 'attendance', 'scores', 'assessments'].map((k) => `ui-exports-table-${k}`),
  'ui-exports-by-${code}': BREAKDOWNS.map((k) => `ui-exports-by-${k}`),
  'ui-exports-by-${b}': BREAKDOWNS.map((k) => `ui-exports-by-${k}`),
  'ui-status-key-${status}': ['present', 'late', 'left_early', 'absent', 'excused'].map((k) => `ui-status-key-${k}`),
  'ui-trust-${device.trust}': ['self', 'trusted', 'pending', 'revoked', 'rejected'].map((k) => `ui-trust-${k}`)
};

function usedKeys(): Set<string> {
  const used = new Set<string>();
  for (const file of sources(root)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/['`](ui-[a-z0-9-]+(?:\$\{[^}]+\}[a-z0-9-]*)?)['`]/g)) {
      const key = match[1];
      if (key.includes('${')) {
        const expanded = expansions[key];
        if (!expanded) throw new Error(`${file}: dynamic key ${key} has no expansion listed in this test`);
        expanded.forEach((k) => used.add(k));
      } else used.add(key);
    }
  }
  return used;
}

describe('message catalogues', () => {
  const fr = ids(catalogue('fr'));
  const en = ids(catalogue('en'));

  it('have the same keys in French and English', () => {
    expect([...fr].filter((k) => !en.has(k))).toEqual([]);
    expect([...en].filter((k) => !fr.has(k))).toEqual([]);
  });

  it('hold every key the UI uses, in both languages', () => {
    const used = usedKeys();
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((k) => !fr.has(k))).toEqual([]);
    expect([...used].filter((k) => !en.has(k))).toEqual([]);
  });
});
