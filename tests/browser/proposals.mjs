// The improvement-proposal pages in the browser (issue 14): signed in as a registrar, a new
// proposal through the form (prefilled from `?id=A&id=B`), its page with the field-level
// diff, a status move through its form, and WCAG 2.1 AA (axe-core) on each page in Swedish
// and English. Called by run.mjs with its helpers.

export async function proposalPages(browser, base, dataDir, h) {
    const { check, expect, newContext, axeClean, varcatOk } = h;
    const token = varcatOk(dataDir, ['token', 'create', '--name', 'browser-registrar', '--role', 'registrar']).stdout.trim();
    await check('proposal pages: new proposal form, proposal page with its diff, a status move (axe-core, sv and en)', async (problems) => {
        const ctx = await newContext(browser);
        const page = await ctx.newPage();
        const anonymous = await page.goto(`${base}/forslag/ny?id=kon`);
        expect(problems, anonymous.status() === 401, `anonymous /forslag/ny: ${anonymous.status()}, expected 401`);
        await page.goto(`${base}/logga-in`);
        await page.fill('#token', token);
        await Promise.all([page.waitForNavigation(), page.click('form[action$="logga-in"] button')]);
        for (const path of ['/forslag/ny?id=remissdatum&id=besoksdatum', '/en/forslag/ny?id=remissdatum&id=besoksdatum']) {
            const r = await page.goto(`${base}${path}`);
            expect(problems, r.status() === 200, `${path}: ${r.status()}`);
            await axeClean(page, problems, path);
        }
        await page.goto(`${base}/forslag/ny?id=remissdatum&id=besoksdatum`);
        const note = await page.inputValue('#motivation');
        expect(problems, note.includes('remissdatum och besoksdatum är samma information'), `no prefilled note: ${note}`);
        await page.selectOption('#field_1', 'definition');
        await page.fill('#value_1', 'Datum då remissen kom in (ändrad genom ett förslag).');
        await page.fill('#proposer', '232100-0016');
        const [made] = await Promise.all([page.waitForNavigation(), page.click('form[action$="/forslag"] button')]);
        expect(problems, made.status() === 200 && /\/forslag\/\d+$/.test(page.url()), `after the form: ${made.status()} ${page.url()}`);
        const shown = await page.textContent('main');
        expect(problems, shown.includes('ändrad genom ett förslag') && shown.includes('Vad förslaget skulle ändra'), `no diff: ${shown.slice(0, 400)}`);
        await axeClean(page, problems, 'proposal page');
        const url = page.url();
        await page.goto(url.replace(base, `${base}/en`));
        await axeClean(page, problems, 'proposal page (en)');
        await page.goto(url);
        await page.selectOption('#to', 'under beredning');
        await Promise.all([page.waitForNavigation(), page.click('form[action$="/status"] button')]);
        expect(problems, (await page.textContent('main')).includes('under beredning'), 'the status did not move');
        await axeClean(page, problems, 'proposal page after a move');
        for (const path of ['/forslag?status=under+beredning', '/en/forslag?status=under+beredning', '/variabel/remissdatum']) {
            const r = await page.goto(`${base}${path}`);
            expect(problems, r.status() === 200, `${path}: ${r.status()}`);
            expect(problems, (await page.content()).includes(url.replace(base, '')), `${path} does not list the proposal`);
            await axeClean(page, problems, path);
        }
        await ctx.close();
    });
}
