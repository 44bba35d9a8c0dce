// Mappings between code systems in the browser (issue 14): two illustrative code systems and
// their mappings are imported through the running server; the codebook page's mapping table,
// in Swedish and English, passes WCAG 2.1 AA (axe-core) and its links lead to the target
// codes. Called by run.mjs with its helpers.

import { join } from 'node:path';

export async function mappingPages(browser, base, dataDir, fixtures, h) {
    const { check, expect, newContext, axeClean, varcatOk } = h;
    await check('mappings between code systems: the table on a codebook page (axe-core, sv and en)', async (problems) => {
        varcatOk(dataDir, ['import', join(fixtures, 'mappings')]);
        const ctx = await newContext(browser);
        const page = await ctx.newPage();
        for (const [path, words] of [
            ['/kodverk/zz-karta-a', ['Mappningar till andra kodverk', 'exakt motsvarighet', 'bredare motsvarighet', 'Kodsystem B (test)', '<i>i test</i>']],
            ['/en/kodverk/zz-karta-a', ['Mappings to other code systems', 'exact match', 'broader match', 'Code system B (test)']],
        ]) {
            const r = await page.goto(`${base}${path}`);
            expect(problems, r.status() === 200, `${path}: ${r.status()}`);
            const text = await page.textContent('main');
            for (const w of words) expect(problems, text.includes(w), `${path} lacks ${w}`);
            expect(problems, (await page.$('main i')) === null, `${path}: the note's markup was not escaped`);
            await axeClean(page, problems, path);
        }
        // The target code's link leads to its row on its codebook's page.
        await page.goto(`${base}/kodverk/zz-karta-a`);
        await page.click('a[href="/kodverk/zz-karta-b#kod-B1"]');
        expect(problems, page.url().endsWith('/kodverk/zz-karta-b#kod-B1'), `followed to ${page.url()}`);
        expect(problems, (await page.$('#kod-B1')) !== null, 'the target code has its row');
        await ctx.close();
    });
}
