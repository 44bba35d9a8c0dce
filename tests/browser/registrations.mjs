// Registration per authority in the browser (issue 14): a registrar of Socialstyrelsen
// registers a public variable there through the API; its page shows the table of statuses per
// registration authority, in Swedish and English, and passes WCAG 2.1 AA (axe-core). Called
// by run.mjs with its helpers.

export async function registrationPages(browser, base, dataDir, h) {
    const { check, expect, newContext, axeClean, varcatOk } = h;
    const token = varcatOk(dataDir, ['token', 'create', '--name', 'browser-socialstyrelsen', '--role', 'registrar', '--authority', '202100-0555']).stdout.trim();
    await check('registration per authority: the table on a variable page (axe-core, sv and en)', async (problems) => {
        const auth = { Authorization: `Bearer ${token}` };
        for (const to of ['kandidat', 'standard']) {
            const item = await fetch(`${base}/api/variabler/vardform`, { headers: auth });
            const r = await fetch(`${base}/api/variabler/vardform/status`, {
                method: 'POST',
                headers: { ...auth, 'Content-Type': 'application/json', 'If-Match': item.headers.get('etag') },
                body: JSON.stringify({ status: to, note: `Registrerad som ${to} <i>i test</i>` }),
            });
            expect(problems, r.status === 200, `POST status ${to}: ${r.status} ${await r.text()}`);
        }
        const ctx = await newContext(browser);
        const page = await ctx.newPage();
        for (const [path, words] of [
            ['/variabel/vardform', ['Registrering per myndighet', 'Socialstyrelsen', 'utgivare av katalogen', '<i>i test</i>']],
            ['/en/variabel/vardform', ['Registration per authority', 'National Board of Health and Welfare', 'publisher of the catalogue']],
        ]) {
            const r = await page.goto(`${base}${path}`);
            expect(problems, r.status() === 200, `${path}: ${r.status()}`);
            const text = await page.textContent('main');
            for (const w of words) expect(problems, text.includes(w), `${path} lacks ${w}`);
            expect(problems, (await page.$('main i')) === null, `${path}: the note's markup was not escaped`);
            await axeClean(page, problems, path);
        }
        await ctx.close();
    });
}
