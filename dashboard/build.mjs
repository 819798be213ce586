// Builds the dashboard into target/classes/tickgate/dashboard/ (the module jar's classpath resources):
// index.html, app.js (page + lightweight-charts, one IIFE bundle), app.css, and tickgate-client.js (the
// standalone ES module client). Usage: node build.mjs [--outdir=DIR]
import * as esbuild from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const outArg = process.argv.find((a) => a.startsWith('--outdir='));
const outdir = resolve(root, outArg ? outArg.slice('--outdir='.length) : 'target/classes/tickgate/dashboard');

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });

const common = {
  bundle: true,
  minify: true,
  target: ['es2020'],
  legalComments: 'eof',
  logLevel: 'warning',
  conditions: ['production'],
  absWorkingDir: root,
};

await Promise.all([
  // A classic script (not type=module) so the page also opens from file:// for checks.
  esbuild.build({ ...common, entryPoints: ['src/app.js'], format: 'iife', outfile: `${outdir}/app.js` }),
  esbuild.build({ ...common, entryPoints: ['src/app.css'], outfile: `${outdir}/app.css` }),
  esbuild.build({ ...common, entryPoints: ['src/tickgate-client.js'], format: 'esm', outfile: `${outdir}/tickgate-client.js` }),
  copyFile(resolve(root, 'src/index.html'), `${outdir}/index.html`),
]);
