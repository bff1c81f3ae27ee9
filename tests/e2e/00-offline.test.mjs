// The UI the app embeds asks nothing from the network: no CDN, no web
// font, no remote script. (At run time the app's content security policy,
// in src-tauri/tauri.conf.json, also forbids any other origin.)
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './support.mjs';

const BUILD = join(ROOT, 'ui', 'build');

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

// Addresses that are names, not requests: XML namespaces and the like.
const NAMESPACES = /^https?:\/\/(www\.w3\.org|schema\.tauri\.app)\//;

test('the embedded UI loads nothing from another origin', () => {
  const all = files(BUILD);
  assert.ok(all.some((f) => f.endsWith('.woff2')), 'the fonts are bundled');
  const remote = [];
  for (const file of all.filter((f) => /\.(html|css|js)$/.test(f))) {
    const text = readFileSync(file, 'utf8');
    const patterns = [
      /url\(\s*['"]?(https?:\/\/[^'")\s]+)/g,
      /(?:src|href)\s*=\s*['"](https?:\/\/[^'"]+)/g,
      /(?:import|fetch)\(\s*['"](https?:\/\/[^'"]+)/g,
      /@import\s+['"](https?:\/\/[^'"]+)/g
    ];
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) {
        if (!NAMESPACES.test(match[1])) remote.push(`${file.slice(BUILD.length)}: ${match[1]}`);
      }
    }
  }
  assert.deepEqual(remote, []);
});

test('the content security policy allows only the app itself', () => {
  const config = JSON.parse(readFileSync(join(ROOT, 'src-tauri', 'tauri.conf.json'), 'utf8'));
  const csp = config.app.security.csp;
  assert.match(csp, /default-src 'self'/);
  assert.doesNotMatch(csp, /https?:\/\/(?!ipc\.localhost|asset\.localhost)/, 'no remote origin is allowed');
});
