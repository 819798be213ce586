// Runs `npm ci --no-audit --no-fund` unless node_modules already holds exactly what package-lock.json pins.
// "Exactly" = npm's own record of the install (node_modules/.package-lock.json) lists every locked package with
// the same version and integrity, and nothing else; optional packages for other platforms may be absent.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/** Why node_modules is stale, or null when it matches the lockfile; `exists` checks a package dir on disk. */
export function staleness(lock, installed, exists = (path) => existsSync(resolve(root, path))) {
  if (installed === null) return 'node_modules/.package-lock.json missing';
  if (lock === null) return 'package-lock.json unreadable';
  const want = lock.packages ?? {};
  const have = installed.packages ?? {};
  for (const [path, pkg] of Object.entries(want)) {
    if (path === '') continue;
    const got = have[path];
    if (got === undefined) {
      if (pkg.optional) continue;
      return `${path} not installed`;
    }
    if (got.version !== pkg.version || (pkg.integrity && got.integrity !== pkg.integrity)) {
      return `${path} is ${got.version}, lockfile wants ${pkg.version}`;
    }
  }
  for (const path of Object.keys(have)) {
    if (!(path in want)) return `${path} is installed but not in the lockfile`;
  }
  for (const path of Object.keys(have)) {
    if (!exists(path)) return `${path} missing on disk`;
  }
  return null;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const reason = staleness(readJson(resolve(root, 'package-lock.json')),
    readJson(resolve(root, 'node_modules/.package-lock.json')));
  if (reason === null) {
    // Up to date: nothing to do (and nothing to print, so quiet builds stay quiet).
  } else {
    console.log(`running npm ci (${reason})`);
    const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
      cwd: root, stdio: 'inherit', shell: process.platform === 'win32',
    });
    process.exit(r.status ?? 1);
  }
}
