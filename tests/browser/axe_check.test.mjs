// The axe-core check that every screenshot point runs (lib.mjs): a clean screen passes, and a
// screen with WCAG A/AA faults fails with the screen's name, each rule id, its impact and the
// elements at fault, also after a navigation (which drops the injected script).
import { assert, axeViolations, baseUrl, checkAxe, newPage, run } from './lib.mjs';

async function addFaults(page) {
  await page.evaluate(() => {
    const faults = document.createElement('div');
    faults.id = 'axe-faults';
    // Grey #aaa on white is 2.3:1 (AA needs 4.5:1; set through the CSSOM, which the page's
    // Content-Security-Policy allows, unlike a style attribute); an image without a text alternative.
    faults.innerHTML = '<p id="faint">Vage tekst</p><img id="no-alt" src="/favicon.svg">';
    const faint = faults.querySelector('#faint');
    faint.style.color = '#aaa';
    faint.style.background = '#fff';
    document.querySelector('main').append(faults);
  });
}

async function expectFailure(page, name) {
  const error = await checkAxe(page, name).then(
    () => null,
    (e) => e,
  );
  assert.ok(error, `the axe check passed on ${name} despite the faults`);
  assert.match(error.message, new RegExp(`on screen ${name}`));
  assert.match(error.message, /color-contrast \[serious\].*#faint/);
  assert.match(error.message, /image-alt \[critical\].*#no-alt/);
}

await run('axe_check', async (browser) => {
  const page = await newPage(browser);
  await page.goto(`${baseUrl}/login`);
  await page.getByRole('button', { name: 'Inloggen' }).waitFor();
  await checkAxe(page, 'axe-login-clean');

  await addFaults(page);
  await expectFailure(page, 'axe-login-faults');
  const rules = (await axeViolations(page)).map((v) => v.id).sort();
  assert.deepEqual(rules, ['color-contrast', 'image-alt']);

  // A new page load: the check injects axe-core again and still finds the faults.
  await page.reload();
  await page.getByRole('button', { name: 'Inloggen' }).waitFor();
  assert.equal(await page.evaluate(() => typeof window.axe), 'undefined');
  await checkAxe(page, 'axe-login-reloaded');
  await addFaults(page);
  await expectFailure(page, 'axe-login-reloaded-faults');
});
