#!/usr/bin/env node
// The README's screenshots (docs/*.png), taken in Debian's Chromium from a server on
// catalog-data/, so that they can be remade whenever the pages change:
//   make screenshots        (or: node tests/browser/screenshots.mjs [path/to/varcat])
// Creates a temporary data directory, imports catalog-data/, serves on a free port of
// 127.0.0.1, writes one PNG per page (1280 px wide, the top 900 px) and removes the directory.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const BIN = resolve(process.argv[2] ?? process.env.VARCAT_BIN ?? join(ROOT, 'target/debug/varcat'));
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

// File name in docs/ → page.
const PAGES = {
    'start.png': '/',
    'sok.png': '/sok?q=v%C3%A4ntetid',
    'variabel.png': '/variabel/vantetid-dagar',
    'kodverk.png': '/kodverk/icd-10-se',
    'matris.png': '/matris',
    'datainsamling.png': '/datainsamling/rikshoft',
};

function varcatOk(dataDir, args) {
    const r = spawnSync(BIN, ['--data-dir', dataDir, ...args], { encoding: 'utf8' });
    if (r.error || r.status !== 0) {
        throw new Error(`varcat ${args.join(' ')}: ${r.error?.message ?? r.stderr}`);
    }
}

function freePort() {
    return new Promise((res, rej) => {
        const s = createServer();
        s.on('error', rej);
        s.listen(0, '127.0.0.1', () => {
            const { port } = s.address();
            s.close(() => res(port));
        });
    });
}

const dataDir = mkdtempSync(join(tmpdir(), 'varcat-screenshots-'));
let child;
let browser;
try {
    varcatOk(dataDir, ['init']);
    varcatOk(dataDir, ['import', join(ROOT, 'catalog-data')]);
    const port = await freePort();
    child = spawn(BIN, ['--data-dir', dataDir, 'serve', '--bind', `127.0.0.1:${port}`], { stdio: 'ignore' });
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    for (;;) {
        try {
            if ((await fetch(`${base}/health`)).ok) break;
        } catch {
            // not listening yet
        }
        if (Date.now() > deadline) throw new Error('varcat serve did not answer within 60 s');
        await new Promise((r) => setTimeout(r, 200));
    }
    browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    for (const [file, path] of Object.entries(PAGES)) {
        const r = await page.goto(base + path);
        if (!r?.ok()) throw new Error(`${path}: HTTP ${r?.status()}`);
        await page.screenshot({ path: join(ROOT, 'docs', file) });
        console.log(`docs/${file} ← ${path}`);
    }
} finally {
    await browser?.close();
    child?.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
}
