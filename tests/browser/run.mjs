#!/usr/bin/env node
// Browser tests of varcat's web UI, in a real Chromium driven by playwright-core:
//   1. WCAG 2.1 AA with axe-core on every page type, in Swedish and English;
//   2. page basics: lang, one h1, skip link to main, visible keyboard focus, language switch;
//   3. a click-through with real clicks: start → search → variable → codebook → variable →
//      use case (and organisation);
//   4. XSS proof: tests/browser/fixtures/xss/ puts script payloads into every text field; no
//      page may run them or turn them into elements, and each shows them as plain text;
//   5. the import page: sign in, upload, a field-level preview, confirm, the change on the
//      item's page; a preview made before another import is refused with a fresh one;
//   6. the validation page (validation.mjs): 401 anonymous, both feeds' reports signed in.
//
// Usage (from the repository root; `make test` runs it after `.ci/browser-deps`):
//   node tests/browser/run.mjs [path/to/varcat]      (default $VARCAT_BIN or target/debug/varcat)
// It creates a temporary data directory, imports catalog-data/ and the XSS fixture, serves on a
// free port of 127.0.0.1, runs every check, stops the server and removes the directory.
// Exit code 0 when every check passes, 1 otherwise. $CHROMIUM overrides /usr/bin/chromium;
// $VARCAT_BROWSER_ONLY=word runs only the checks whose name contains the word.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { proposalPages } from './proposals.mjs';
import { registrationPages } from './registrations.mjs';
import { mappingPages } from './mappings.mjs';
import { validationPage } from './validation.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const BIN = resolve(process.argv[2] ?? process.env.VARCAT_BIN ?? join(ROOT, 'target/debug/varcat'));
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ONLY = process.env.VARCAT_BROWSER_ONLY ?? '';
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// The XSS fixture's payloads (tests/browser/fixtures/xss/*.csv).
const PAYLOAD_SCRIPT = '<script>window.__xss=1</script>';
const PAYLOAD_IMG = '<img src=x onerror="window.__xss=1">';
const PAYLOAD_SVG = '"><svg onload=window.__xss=1>';

// ---------------------------------------------------------------------------------------------
// A tiny runner: each check collects problems; a thrown error is one more problem.

const results = [];

async function check(name, fn, { always = false } = {}) {
    if (ONLY && !always && !name.includes(ONLY)) return;
    const problems = [];
    const started = Date.now();
    try {
        await fn(problems);
    } catch (e) {
        problems.push(`error: ${e?.message ?? e}`.split('\n').slice(0, 6).join('\n'));
    }
    results.push({ name, problems });
    const ms = Date.now() - started;
    console.log(`${problems.length ? 'FAIL' : 'ok  '} ${name} (${ms} ms)`);
    for (const p of problems) console.log(`       - ${String(p).replace(/\n/g, '\n         ')}`);
}

function expect(problems, ok, message) {
    if (!ok) problems.push(message);
    return ok;
}

// ---------------------------------------------------------------------------------------------
// The server.

function varcat(dataDir, args) {
    const r = spawnSync(BIN, ['--data-dir', dataDir, ...args], { encoding: 'utf8', env: { ...process.env, VARCAT_ACTOR: 'browser-tests' } });
    if (r.error) throw new Error(`cannot run ${BIN}: ${r.error.message}`);
    return r;
}

function varcatOk(dataDir, args) {
    const r = varcat(dataDir, args);
    if (r.status !== 0) {
        throw new Error(`varcat ${args.join(' ')} exited with ${r.status}:\n${r.stderr}${r.stdout}`);
    }
    return r;
}

function freePort() {
    return new Promise((res, rej) => {
        const s = createServer();
        s.unref();
        s.on('error', rej);
        s.listen(0, '127.0.0.1', () => {
            const { port } = s.address();
            s.close(() => res(port));
        });
    });
}

async function startServer(dataDir) {
    const port = await freePort();
    const child = spawn(BIN, ['--data-dir', dataDir, 'serve', '--bind', `127.0.0.1:${port}`], {
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`varcat serve exited with ${child.exitCode}:\n${log}`);
        try {
            const r = await fetch(`${base}/health`);
            if (r.ok) return { base, child, log: () => log };
        } catch {
            // not listening yet
        }
        await new Promise((r) => setTimeout(r, 200));
    }
    child.kill('SIGKILL');
    throw new Error(`varcat serve did not answer GET /health within 60 s:\n${log}`);
}

async function stopServer(server) {
    if (!server || server.child.exitCode !== null) return;
    const exited = new Promise((r) => server.child.once('exit', r));
    server.child.kill('SIGTERM');
    const timer = setTimeout(() => server.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
}

// ---------------------------------------------------------------------------------------------
// Page helpers.

/** A fresh browser context (own cookies, history, focus) that gives up on a missing element
 *  after 10 s rather than Playwright's 30 s. */
async function newContext(browser, options = {}) {
    const ctx = await browser.newContext(options);
    ctx.setDefaultTimeout(10_000);
    ctx.setDefaultNavigationTimeout(30_000);
    return ctx;
}

/** Runs axe-core in the page (evaluated through the DevTools protocol, which the page's CSP
 *  `script-src 'none'` does not block) and returns the violations. */
async function axe(page) {
    await page.evaluate(AXE_SOURCE);
    return page.evaluate(async (tags) => {
        const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
        return r.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            helpUrl: v.helpUrl,
            nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary ?? '' })),
        }));
    }, AXE_TAGS);
}

function describeViolation(v) {
    const lines = [`${v.id} [${v.impact}] ${v.help} (${v.helpUrl.replace(/\?.*/, '')})`];
    for (const n of v.nodes.slice(0, 8)) {
        const why = n.summary.split('\n').slice(1, 2).join(' ').trim();
        lines.push(`  ${n.target}${why ? `  — ${why}` : ''}`);
    }
    if (v.nodes.length > 8) lines.push(`  … and ${v.nodes.length - 8} more`);
    return lines.join('\n');
}

/** What has keyboard focus, and whether it is visibly marked (outline or box-shadow). */
function focused(page) {
    return page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return { tag: 'BODY', visible: false, inMain: false, desc: 'body' };
        const s = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
        const shadow = s.boxShadow && s.boxShadow !== 'none';
        const label = (el.textContent || el.getAttribute('name') || '').trim().replace(/\s+/g, ' ').slice(0, 40);
        return {
            tag: el.tagName,
            id: el.id,
            href: el.getAttribute('href'),
            inMain: !!el.closest('main'),
            visible: outline || shadow,
            onScreen: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight,
            style: `outline: ${s.outlineStyle} ${s.outlineWidth}; box-shadow: ${s.boxShadow}`,
            desc: `<${el.tagName.toLowerCase()}${el.getAttribute('href') ? ` href="${el.getAttribute('href')}"` : ''}> "${label}"`,
        };
    });
}

/** The language-switch href a page should have: the same page (and query) in the other language. */
function expectedSwitch(url) {
    const u = new URL(url);
    const p = u.pathname;
    const path = p === '/en' || p.startsWith('/en/') ? p.slice(3) || '/' : `/en${p}`;
    return { path, search: u.search };
}

async function pageBasics(page, lang, problems) {
    const html = await page.evaluate(() => ({
        lang: document.documentElement.getAttribute('lang'),
        h1: [...document.querySelectorAll('h1')].map((h) => h.textContent.trim()),
    }));
    expect(problems, html.lang === lang, `<html lang="${html.lang}">, expected lang="${lang}"`);
    expect(problems, html.h1.length === 1, `${html.h1.length} h1 elements, expected exactly one: ${JSON.stringify(html.h1)}`);
    expect(problems, html.h1.every((t) => t.length > 0), 'the h1 is empty');

    // Skip link: the first Tab lands on it, it is visible, Enter moves focus to <main>.
    await page.keyboard.press('Tab');
    const skip = await focused(page);
    if (expect(problems, skip.tag === 'A' && skip.href?.startsWith('#'), `the first Tab focuses ${skip.desc}, expected the skip link (<a href="#…">)`)) {
        expect(problems, skip.visible, `the focused skip link has no visible focus indicator (${skip.style})`);
        expect(problems, skip.onScreen, 'the focused skip link is not on screen');
        const target = await page.evaluate((id) => {
            const t = document.getElementById(id);
            return t ? t.tagName : null;
        }, decodeURIComponent(skip.href.slice(1)));
        expect(problems, target === 'MAIN', `the skip link points at ${skip.href}, which is ${target ? `a <${target.toLowerCase()}>` : 'missing'}, not <main>`);
        await page.keyboard.press('Enter');
        const after = await focused(page);
        expect(problems, after.tag === 'MAIN', `Enter on the skip link leaves focus on ${after.desc}, expected <main>`);
        // The next Tabs go into the content; every stop is visibly focused, up to the first link.
        for (let i = 0; i < 25; i++) {
            await page.keyboard.press('Tab');
            const f = await focused(page);
            if (!f.inMain) {
                expect(problems, i > 0 || !(await page.locator('main a[href]').count()), `Tab after the skip link goes to ${f.desc}, outside <main>`);
                break;
            }
            expect(problems, f.visible, `focused ${f.desc} in <main> has no visible focus indicator (${f.style})`);
            if (f.tag === 'A') break;
        }
    }

    // Language switch: the same page in the other language.
    const sw = page.locator('header a[hreflang]');
    if (expect(problems, (await sw.count()) === 1, `${await sw.count()} language-switch links (header a[hreflang]), expected one`)) {
        const href = await sw.getAttribute('href');
        const got = new URL(href, page.url());
        const want = expectedSwitch(page.url());
        expect(problems, got.pathname === want.path, `the language switch links to ${href}, expected ${want.path}`);
        if (/\/(jamfor|sok)$/.test(want.path)) {
            expect(problems, got.search === want.search, `the language switch drops the query: ${href}, expected ${want.path}${want.search}`);
        }
        const other = lang === 'sv' ? 'en' : 'sv';
        expect(problems, (await sw.getAttribute('hreflang')) === other, `the language switch has hreflang="${await sw.getAttribute('hreflang')}", expected "${other}"`);
    }
}

// ---------------------------------------------------------------------------------------------
// The checks.

// Every page type, Swedish and English. (404: an unknown path.)
const PAGES = [
    ['start', '/', 200],
    ['search', '/sok?q=väntetid', 200],
    ['variable', '/variabel/kon', 200],
    ['codebook (tree)', '/kodverk/icd-10-se', 200],
    ['value set', '/kodverk/icd-10-se-hoftfraktur', 200],
    ['code system searched within', '/kodverk/icd-10-se?q=S72.1', 200],
    ['variable with a use case narrowing it', '/variabel/huvuddiagnos', 200],
    ['use case', '/anvandningsfall/vantetider', 200],
    ['data collection', '/datainsamling/vantetidsdatabasen', 200],
    ['problem area', '/problemomrade/p3', 200],
    ['organisation', '/organisation/SE2021000555', 200],
    ['matrix', '/matris', 200],
    ['compare', '/jamfor?id=remissdatum&id=besoksdatum', 200],
    ['history', '/variabel/kon/historik', 200],
    ['releases', '/utgavor', 200],
    ['metadata quality', '/kvalitet', 200],
    ['SPARQL form', '/sparql', 200],
    ['release', '/utgavor/2026.1', 200],
    ['sign in', '/logga-in', 200],
    ['proposals', '/forslag', 200],
    ['conformance matrix', '/efterlevnad?datainsamling=patientregistret', 200],
    ['conformance readiness', '/efterlevnad?anvandningsfall=vardfloden-hoftfraktur', 200],
    ['conformance of a variable', '/efterlevnad/variabel/kon', 200],
    ['conformance detail', '/efterlevnad/232100-0016/kon', 200],
    ['harmonisation overview', '/harmonisering', 200],
    ['harmonisation filtered', '/harmonisering?datainsamling=patientregistret&anvandningsfall=vardfloden-hoftfraktur&agare=202100-0555', 200],
    ['harmonisation candidates', '/kandidater', 200],
    ['404', '/finns-inte', 404],
];

function english(path) {
    if (path === '/') return '/en/';
    if (path.startsWith('/sok')) return '/en/sok?q=waiting';
    return `/en${path}`;
}

async function pageChecks(browser, base) {
    for (const [kind, svPath, status] of PAGES) {
        for (const [lang, path] of [['sv', svPath], ['en', english(svPath)]]) {
            const ctx = await newContext(browser);
            const page = await ctx.newPage();
            let response;
            await check(`page ${kind} ${path}: status ${status} and WCAG 2.1 AA (axe-core)`, async (problems) => {
                response = await page.goto(base + path);
                if (!expect(problems, response.status() === status, `HTTP ${response.status()}, expected ${status}${response.status() === 404 && path.includes('/sok') ? ' (the search page is not built yet)' : ''}`)) {
                    if (status === 200) return;
                }
                for (const v of await axe(page)) problems.push(describeViolation(v));
            });
            if (response && response.status() === status) {
                await check(`page ${kind} ${path}: lang, one h1, skip link, focus, language switch`, async (problems) => {
                    await page.goto(base + path);
                    await pageBasics(page, lang, problems);
                });
            }
            await ctx.close();
        }
    }
}

async function searchResults(browser, base) {
    for (const [path, word] of [['/sok?q=väntetid', 'väntetid'], ['/en/sok?q=waiting', 'waiting']]) {
        await check(`search ${path}: results list links and <mark> highlights`, async (problems) => {
            const ctx = await newContext(browser);
            const page = await ctx.newPage();
            const r = await page.goto(base + path);
            if (!expect(problems, r.status() === 200, `HTTP ${r.status()}, expected 200${r.status() === 404 ? ' (the search page is not built yet)' : ''}`)) return ctx.close();
            const hrefs = await page.locator('ol.results > li').evaluateAll((lis) => lis.map((li) => li.querySelector('a[href]')?.getAttribute('href') ?? null));
            if (expect(problems, hrefs.length > 0, 'no results in <ol class="results">')) {
                const prefix = path.startsWith('/en/') ? '/en/' : '/';
                hrefs.forEach((href, i) => expect(problems, href?.startsWith(prefix) && !href.startsWith('/sok'), `result ${i + 1} has no link to an item page (href ${href})`));
                const marks = await page.locator('ol.results mark').allTextContents();
                expect(problems, marks.some((m) => m.toLowerCase().includes(word)), `no <mark> in the results highlights "${word}" (marks: ${JSON.stringify(marks.slice(0, 5))})`);
            }
            const boxes = page.locator('form[role="search"] input[name="q"]');
            if (expect(problems, (await boxes.count()) >= 1, 'the results page has no search form (form[role=search] input[name=q])')) {
                const values = await boxes.evaluateAll((els) => els.map((e) => e.value));
                expect(problems, values.includes(word), `no search box keeps the query: ${JSON.stringify(values)}`);
            }
            await ctx.close();
        });
    }
}

async function clickThrough(browser, base) {
    await check('click-through: start → search → variable → codebook → variable → use case; organisation', async (problems) => {
        const ctx = await newContext(browser);
        const page = await ctx.newPage();
        const h1 = async () => (await page.locator('h1').first().textContent()).trim();
        const step = (what, ok, detail) => {
            if (!ok) throw new Error(`${what}: ${detail}`);
        };

        await page.goto(`${base}/`);
        const form = page.locator('form[role="search"]:has(input[name="q"])').first();
        const box = form.locator('input[name="q"]');
        step('start page', (await box.count()) === 1, 'no search box (form[role=search] input[name=q])');
        const action = await form.getAttribute('action');
        step('start page', new URL(action, page.url()).pathname === '/sok', `the search form submits to ${action}, expected /sok`);
        await box.click();
        await box.pressSequentially('undantagskod');
        await box.press('Enter');
        await page.waitForURL((u) => u.pathname === '/sok');
        step('search', new URL(page.url()).searchParams.get('q') === 'undantagskod', `URL ${page.url()}`);
        const hit = page.locator('ol.results > li a[href^="/variabel/"]').first();
        step('search', (await hit.count()) === 1, `no variable among the results for "undantagskod" (page title "${await page.title()}")`);
        const varHref = await hit.getAttribute('href');
        const varText = (await hit.textContent()).trim();
        await hit.click();
        await page.waitForURL((u) => u.pathname === varHref);
        const varH1 = await h1();
        step('variable page', varH1 && varText.includes(varH1), `h1 "${varH1}" does not match the result link "${varText}"`);

        const cbLink = page.locator('main a[href^="/kodverk/"]:not([href*="."])').first();
        step('variable page', (await cbLink.count()) === 1, `${varHref} has no codebook link`);
        const cbHref = await cbLink.getAttribute('href');
        const cbText = (await cbLink.textContent()).trim();
        await cbLink.click();
        await page.waitForURL((u) => u.pathname === cbHref);
        step('codebook page', (await h1()) === cbText, `h1 "${await h1()}", expected the link text "${cbText}"`);
        step('codebook page', (await page.locator('main .tree li').count()) > 0, 'no codes shown');

        const back = page.locator(`main a[href="${varHref}"]`).first();
        step('codebook page', (await back.count()) === 1, `does not link back to the variable that uses it (${varHref})`);
        await back.click();
        await page.waitForURL((u) => u.pathname === varHref);
        step('variable page again', (await h1()) === varH1, `h1 "${await h1()}"`);

        const ucLink = page.locator('main a[href^="/anvandningsfall/"]:not([href*="."])').first();
        step('variable page', (await ucLink.count()) === 1, `${varHref} has no use-case link`);
        const ucHref = await ucLink.getAttribute('href');
        const ucText = (await ucLink.textContent()).trim();
        await ucLink.click();
        await page.waitForURL((u) => u.pathname === ucHref);
        step('use case page', (await h1()) === ucText, `h1 "${await h1()}", expected "${ucText}"`);
        step('use case page', await page.locator('h1').isVisible(), 'the heading is not visible');
        step('use case page', (await page.locator(`main a[href="${varHref}"]`).count()) === 1, `does not list the variable ${varHref}`);

        await page.goBack();
        await page.waitForURL((u) => u.pathname === varHref);
        const orgLink = page.locator('main a[href^="/organisation/"]').first();
        step('variable page', (await orgLink.count()) === 1, 'no link to the owning organisation');
        const orgHref = await orgLink.getAttribute('href');
        const orgText = (await orgLink.textContent()).trim();
        await orgLink.click();
        await page.waitForURL((u) => u.pathname === orgHref);
        step('organisation page', (await h1()) === orgText, `h1 "${await h1()}", expected "${orgText}"`);
        console.log(`       ${['/', '/sok?q=undantagskod', varHref, cbHref, varHref, ucHref, varHref, orgHref].join(' → ')}`);
        await ctx.close();
    });

    await check('language switch: click /variabel/kon → /en/variabel/kon → back', async (problems) => {
        const ctx = await newContext(browser);
        const page = await ctx.newPage();
        await page.goto(`${base}/variabel/kon`);
        if (!expect(problems, (await page.locator('header a[hreflang]').count()) === 1, 'no language-switch link (header a[hreflang])')) return ctx.close();
        await page.locator('header a[hreflang]').click();
        await page.waitForURL((u) => u.pathname === '/en/variabel/kon');
        expect(problems, (await page.getAttribute('html', 'lang')) === 'en', 'the English page is not lang="en"');
        await page.locator('header a[hreflang]').click();
        await page.waitForURL((u) => u.pathname === '/variabel/kon');
        expect(problems, (await page.getAttribute('html', 'lang')) === 'sv', 'the Swedish page is not lang="sv"');
        await ctx.close();
    });
}

// Pages that show the fixture's payloads, and some that reflect the request: [path, expected
// HTTP status, payloads that must appear as text].
const XSS_PAGES = [
    ['/variabel/xss-prov', 200, [PAYLOAD_SCRIPT, PAYLOAD_IMG, PAYLOAD_SVG]],
    ['/en/variabel/xss-prov', 200, [PAYLOAD_SCRIPT, PAYLOAD_IMG]],
    ['/kodverk/xss-kodverk', 200, [PAYLOAD_SCRIPT, PAYLOAD_IMG]],
    ['/en/kodverk/xss-kodverk', 200, [PAYLOAD_SVG]],
    ['/anvandningsfall/xss-fall', 200, [PAYLOAD_IMG, PAYLOAD_SCRIPT]],
    ['/datainsamling/xss-insamling', 200, [PAYLOAD_SVG, PAYLOAD_SCRIPT]],
    ['/problemomrade/xss-problem', 200, [PAYLOAD_SCRIPT, PAYLOAD_IMG]],
    ['/organisation/SE9999999999', 200, [PAYLOAD_SCRIPT]],
    ['/', 200, [PAYLOAD_SCRIPT]],
    ['/sok?q=xssprov', 200, [PAYLOAD_SCRIPT, PAYLOAD_IMG]],
    ['/en/sok?q=xss', 200, [PAYLOAD_SCRIPT]],
    [`/sok?q=${encodeURIComponent(PAYLOAD_SCRIPT + PAYLOAD_SVG)}`, 200, []],
    ['/jamfor?id=xss-prov&id=kon', 200, [PAYLOAD_SCRIPT, PAYLOAD_IMG]],
    [`/jamfor?id=xss-prov&id=${encodeURIComponent(PAYLOAD_SVG)}`, 200, []],
    ['/matris', 200, [PAYLOAD_SCRIPT, '<b>X</b>']],
    ['/en/matris', 200, [PAYLOAD_SCRIPT]],
    ['/harmonisering', 200, [PAYLOAD_SCRIPT]],
    [`/harmonisering?datainsamling=${encodeURIComponent(PAYLOAD_SVG)}&agare=${encodeURIComponent(PAYLOAD_SCRIPT)}`, 200, []],
    [`/finns-inte/${encodeURIComponent(PAYLOAD_SCRIPT)}`, 404, []],
];

async function xss(browser, base) {
    await check('xss: a javascript: address in a URL field is refused by the importer', async (problems) => {
        // Run against a scratch copy of nothing: a refused import changes nothing anyway, but the
        // server holds the real store open, so use a second, empty data directory.
        const dir = mkdtempSync(join(tmpdir(), 'varcat-browser-refused-'));
        try {
            varcatOk(dir, ['init']);
            const r = varcat(dir, ['import', join(HERE, 'fixtures/xss-refused')]);
            expect(problems, r.status === 1, `exit code ${r.status}, expected 1`);
            expect(problems, /javascript:window\.__xss=1/.test(r.stderr) && /nothing was imported/.test(r.stderr), `stderr does not name the bad address and the refusal:\n${r.stderr}`);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    // bypassCSP: the check proves the HTML escaping, not the Content-Security-Policy, so the
    // policy is switched off in this browser context (it is checked on its own below).
    const ctx = await newContext(browser, { bypassCSP: true });
    for (const [path, status, literal] of XSS_PAGES) {
        await check(`xss ${decodeURIComponent(path)}: nothing runs, no elements from content, text shown literally`, async (problems) => {
            const page = await ctx.newPage();
            const dialogs = [];
            page.on('dialog', (d) => {
                dialogs.push(`${d.type()}: ${d.message()}`);
                d.dismiss().catch(() => {});
            });
            const r = await page.goto(base + path);
            if (!expect(problems, r.status() === status, `HTTP ${r.status()}, expected ${status}${r.status() === 404 && path.includes('/sok') ? ' (the search page is not built yet)' : ''}`)) {
                await page.close();
                return;
            }
            // Let onerror/onload handlers of anything injected fire, hover and focus everything.
            await page.waitForLoadState('load');
            await page.mouse.move(10, 10);
            for (const el of await page.locator('main a, main summary').all()) {
                await el.hover({ timeout: 500 }).catch(() => {});
            }
            await page.waitForTimeout(100);
            const dom = await page.evaluate(() => ({
                xss: typeof window.__xss,
                parentXss: typeof window.parent.__xss,
                scripts: document.querySelectorAll('script').length,
                imgs: [...document.querySelectorAll('img[src="x"], img[onerror]')].map((e) => e.outerHTML.slice(0, 80)),
                injected: [...document.querySelectorAll('svg, iframe, object, embed, b, i')].map((e) => e.outerHTML.slice(0, 80)),
                handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `<${e.tagName.toLowerCase()} ${a.name}="${a.value}">`)),
                jsLinks: [...document.querySelectorAll('[href], [src]')].map((e) => e.getAttribute('href') ?? e.getAttribute('src')).filter((h) => /^\s*javascript:/i.test(h)),
                text: document.body.textContent,
            }));
            expect(problems, dom.xss === 'undefined' && dom.parentXss === 'undefined', `window.__xss is set: a payload ran`);
            expect(problems, dialogs.length === 0, `dialogs opened: ${dialogs.join('; ')}`);
            expect(problems, dom.scripts === 0, `${dom.scripts} <script> elements (the pages use none)`);
            expect(problems, dom.imgs.length === 0, `<img src=x> elements created: ${dom.imgs.join(' ')}`);
            expect(problems, dom.injected.length === 0, `elements created from content: ${dom.injected.join(' ')}`);
            expect(problems, dom.handlers.length === 0, `event-handler attributes: ${dom.handlers.join(' ')}`);
            expect(problems, dom.jsLinks.length === 0, `javascript: links: ${dom.jsLinks.join(' ')}`);
            for (const s of literal) expect(problems, dom.text.includes(s), `the payload ${s} is not shown as text`);
            await page.close();
        });
    }
    await ctx.close();

    await check('xss: every page sends the Content-Security-Policy script-src \'none\'', async (problems) => {
        for (const [path] of XSS_PAGES) {
            const r = await fetch(base + path, { headers: { accept: 'text/html' } });
            const csp = r.headers.get('content-security-policy') ?? '';
            expect(problems, /script-src 'none'/.test(csp), `${path}: Content-Security-Policy "${csp}"`);
        }
    });
}

// ---------------------------------------------------------------------------------------------
// The import page.

async function axeClean(page, problems, what) {
    const violations = await axe(page);
    expect(problems, violations.length === 0, `${what}: ${violations.map(describeViolation).join('\n')}`);
}

async function importPage(browser, base, dataDir) {
    const token = varcatOk(dataDir, ['token', 'create', '--name', 'browser-editor', '--role', 'editor']).stdout.trim();
    const changed = join(dataDir, 'variabler.csv');
    writeFileSync(changed, 'Identifierare,Namn,Definition\nkon,Kön,Administrativt kön (ändrad i webbläsaren).\n');
    const signIn = async (page) => {
        await page.goto(`${base}/logga-in`);
        await page.fill('#token', token);
        await Promise.all([page.waitForNavigation(), page.click('form[action$="logga-in"] button')]);
    };
    await check('import page: sign in, upload, field-level preview, confirm, the page shows the change (axe-core)', async (problems) => {
        const ctx = await newContext(browser);
        const page = await ctx.newPage();
        const anonymous = await page.goto(`${base}/importera`);
        expect(problems, anonymous.status() === 401, `anonymous /importera: ${anonymous.status()}, expected 401`);
        await signIn(page);
        for (const path of ['/importera', '/en/importera']) {
            const r = await page.goto(`${base}${path}`);
            expect(problems, r.status() === 200, `${path}: ${r.status()}`);
            await axeClean(page, problems, path);
        }
        await page.goto(`${base}/importera`);
        await page.setInputFiles('#file', changed);
        await Promise.all([page.waitForNavigation(), page.click('form[enctype="multipart/form-data"] button')]);
        const preview = await page.textContent('main');
        expect(problems, preview.includes('Definition: ') && preview.includes('ändrad i webbläsaren'), `no field-level preview: ${preview.slice(0, 400)}`);
        await axeClean(page, problems, 'preview');
        const before = await (await fetch(`${base}/variabel/kon`)).text();
        expect(problems, !before.includes('ändrad i webbläsaren'), 'the preview wrote the change');
        await Promise.all([page.waitForNavigation(), page.click('form[action$="bekrafta"] button')]);
        const done = await page.textContent('main');
        expect(problems, done.includes('Importerat'), `no confirmation: ${done.slice(0, 300)}`);
        await axeClean(page, problems, 'result');
        await page.goto(`${base}/variabel/kon`);
        expect(problems, (await page.textContent('main')).includes('ändrad i webbläsaren'), 'the variable page does not show the import');
        await ctx.close();
    });
    await check('import page: a preview made before another import is refused with a fresh preview', async (problems) => {
        const ctx = await newContext(browser);
        const page = await ctx.newPage();
        await signIn(page);
        writeFileSync(changed, 'Identifierare,Namn,Definition\nkon,Kön,Administrativt kön (inaktuell förhandsgranskning).\n');
        await page.goto(`${base}/importera`);
        await page.setInputFiles('#file', changed);
        await Promise.all([page.waitForNavigation(), page.click('form[enctype="multipart/form-data"] button')]);
        // Meanwhile an import through the command line (which goes through the server).
        varcatOk(dataDir, ['import', join(HERE, 'fixtures/import-other.csv')]);
        const [resp] = await Promise.all([page.waitForNavigation(), page.click('form[action$="bekrafta"] button')]);
        expect(problems, resp.status() === 409, `stale confirmation: ${resp.status()}, expected 409`);
        const text = await page.textContent('main');
        expect(problems, text.includes('Katalogen har ändrats'), `no stale notice: ${text.slice(0, 300)}`);
        await axeClean(page, problems, 'stale preview');
        const kon = await (await fetch(`${base}/variabel/kon`)).text();
        expect(problems, !kon.includes('inaktuell'), 'the stale preview was imported');
        await ctx.close();
    });
}

// ---------------------------------------------------------------------------------------------
// The harmonisation candidates, signed in: the buttons, axe-core, and "not the same".

async function candidatesPage(browser, base, dataDir) {
    const token = varcatOk(dataDir, ['token', 'create', '--name', 'browser-candidates', '--role', 'editor']).stdout.trim();
    await check('candidates page signed in: buttons per pair, WCAG 2.1 AA (sv, en), "not the same" takes the pair off', async (problems) => {
        const ctx = await newContext(browser);
        const page = await ctx.newPage();
        await page.goto(`${base}/kandidater`);
        expect(problems, (await page.locator('main form[method="post"]').count()) === 0, 'anonymous visitors get buttons');
        await page.goto(`${base}/logga-in`);
        await page.fill('#token', token);
        await Promise.all([page.waitForNavigation(), page.click('form[action$="logga-in"] button')]);
        for (const path of ['/kandidater', '/en/kandidater']) {
            const r = await page.goto(`${base}${path}`);
            expect(problems, r.status() === 200, `${path}: ${r.status()}`);
            expect(problems, (await page.locator('main form[action$="/kandidater/samma"]').count()) > 0, `${path}: no "same" buttons for an editor`);
            await axeClean(page, problems, `${path} signed in`);
        }
        await page.goto(`${base}/kandidater`);
        const first = page.locator('main tbody tr').first();
        const pair = await first.locator('input[name="a"]').first().inputValue() + ' ' + await first.locator('input[name="b"]').first().inputValue();
        await Promise.all([page.waitForNavigation(), first.locator('form[action="/kandidater"] button').click()]);
        const text = await page.textContent('main');
        expect(problems, text.includes('Paret är markerat'), `no notice after "not the same": ${text.slice(0, 300)}`);
        await axeClean(page, problems, 'after "not the same"');
        const list = await (await fetch(`${base}/api/kandidater?limit=500`)).json();
        expect(problems, !list.items.some((c) => `${c.a.id} ${c.b.id}` === pair), `${pair} is still suggested`);
        await ctx.close();
    });
}

// ---------------------------------------------------------------------------------------------

async function main() {
    for (const [what, path] of [['the varcat binary', BIN], ['Chromium', CHROMIUM]]) {
        if (!existsSync(path)) {
            console.error(`browser tests: ${what} is missing at ${path}${path === CHROMIUM ? ' (run .ci/browser-deps)' : ' (build it first: cargo build)'}`);
            process.exit(1);
        }
    }
    const dataDir = mkdtempSync(join(tmpdir(), 'varcat-browser-'));
    let server;
    let browser;
    const cleanup = async () => {
        await browser?.close().catch(() => {});
        await stopServer(server);
        rmSync(dataDir, { recursive: true, force: true });
    };
    for (const sig of ['SIGINT', 'SIGTERM']) {
        process.on(sig, () => cleanup().finally(() => process.exit(130)));
    }
    // Whatever ends this process (a closed pipe on stdout, a crash) also ends the server.
    process.stdout.on('error', () => {});
    process.on('exit', () => {
        if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
        rmSync(dataDir, { recursive: true, force: true });
    });
    try {
        console.log(`browser tests: ${BIN}, data in ${dataDir}`);
        varcatOk(dataDir, ['init']);
        varcatOk(dataDir, ['import', join(ROOT, 'catalog-data')]);
        varcatOk(dataDir, ['release', '2026.1']);
        // Results of the synthetic demo extracts for the conformance pages (exit 1: they
        // have their documented errors).
        for (const [file, collection, region, period] of [
            ['patientregistret-region-a.csv', 'patientregistret', '232100-0016', '2025-02'],
            ['patientregistret-region-a.csv', 'patientregistret', '232100-0016', '2025-03'],
            ['rikshoft-region-c.csv', 'rikshoft', '232100-0024', '2025-03'],
        ]) {
            const r = varcat(dataDir, ['check', join(ROOT, 'examples/extracts', file), '--collection', collection,
                '--record', '--synthetic', '--region', region, '--period', period]);
            if (r.status !== 1) throw new Error(`varcat check ${file} --record exited with ${r.status}:\n${r.stderr}`);
        }
        await check('xss fixture imports cleanly on top of catalog-data', async () => {
            varcatOk(dataDir, ['import', join(HERE, 'fixtures/xss')]);
        }, { always: true });
        server = await startServer(dataDir);
        console.log(`browser tests: serving on ${server.base}`);
        browser = await chromium.launch({
            executablePath: CHROMIUM,
            args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        });
        console.log(`browser tests: Chromium ${browser.version()}, axe-core ${JSON.parse(readFileSync(createRequire(import.meta.url).resolve('axe-core/package.json'), 'utf8')).version}`);

        await pageChecks(browser, server.base);
        await searchResults(browser, server.base);
        await clickThrough(browser, server.base);
        await xss(browser, server.base);
        await importPage(browser, server.base, dataDir);
        await proposalPages(browser, server.base, dataDir, { check, expect, newContext, axeClean, varcatOk });
        await registrationPages(browser, server.base, dataDir, { check, expect, newContext, axeClean, varcatOk });
        await mappingPages(browser, server.base, dataDir, join(HERE, 'fixtures'), { check, expect, newContext, axeClean, varcatOk });
        await candidatesPage(browser, server.base, dataDir);
        await validationPage(browser, server.base, dataDir, { check, expect, newContext, axeClean, varcatOk });
    } catch (e) {
        results.push({ name: 'setup', problems: [String(e.message ?? e)] });
        console.log(`FAIL setup\n       - ${String(e.message ?? e).replace(/\n/g, '\n         ')}`);
        if (server) console.log(`server log:\n${server.log()}`);
    } finally {
        await cleanup();
    }
    const failed = results.filter((r) => r.problems.length);
    console.log(`\nbrowser tests: ${results.length - failed.length} passed, ${failed.length} failed`);
    for (const f of failed) console.log(`  FAIL ${f.name}`);
    process.exit(failed.length ? 1 : 0);
}

await main();
