// The validation page for editors (issue 15): anonymous visitors get 401 and the sign-in link;
// a signed-in editor sees, per feed and profile, the verdict and each violation with its
// resource, property, severity and message, in Swedish and English, and the page passes
// WCAG 2.1 AA (axe-core), with the warnings opened too. Called by run.mjs with its helpers.

export async function validationPage(browser, base, dataDir, h) {
    const { check, expect, newContext, axeClean, varcatOk } = h;
    const token = varcatOk(dataDir, ['token', 'create', '--name', 'browser-validation', '--role', 'editor']).stdout.trim();
    await check('validation page: 401 anonymous, the report of both feeds signed in (axe-core, sv and en)', async (problems) => {
        const ctx = await newContext(browser);
        const page = await ctx.newPage();
        const anonymous = await page.goto(`${base}/validering`);
        expect(problems, anonymous.status() === 401, `anonymous /validering: ${anonymous.status()}, expected 401`);
        expect(problems, (await page.locator('main a[href$="/logga-in"]').count()) === 1, 'no sign-in link for anonymous visitors');
        await axeClean(page, problems, '/validering anonymous');
        await page.goto(`${base}/logga-in`);
        await page.fill('#token', token);
        await Promise.all([page.waitForNavigation(), page.click('form[action$="logga-in"] button')]);
        for (const [path, words] of [
            ['/validering', ['DCAT-AP-SE 3.0.1', 'Följer profilen: inga överträdelser.', 'HealthDCAT-AP (release 8)', 'Överträdelse', 'healthdcatap:hdab']],
            ['/en/validering', ['DCAT-AP-SE 3.0.1', 'Conforms to the profile: no violations.', 'Does not conform', 'Violation']],
        ]) {
            const r = await page.goto(`${base}${path}`);
            expect(problems, r.status() === 200, `${path}: ${r.status()}`);
            const text = await page.textContent('main');
            for (const w of words) expect(problems, text.includes(w), `${path} lacks ${w}`);
            await axeClean(page, problems, path);
            for (const d of await page.locator('main details summary').all()) await d.click();
            await axeClean(page, problems, `${path} with the warnings open`);
        }
        await ctx.close();
    });
}
