// People (issue 15) through the administrator's screens: admin creates a finance user and a
// second administrator (both enrol a second factor at their first log-in), changes the finance
// user's roles, requests that its second factor is cleared and sees no approve button for its
// own request; the second administrator approves (four eyes) and the finance user's session
// ends at once; admin deactivates the user with confirmation. A user with two roles switches
// between them in the header. The rights overview lists the route table. A provider
// administrator, once the municipality allows it, manages its own organisation's users (its
// provider named in the list). The list of users is paged, searched, filtered and sorted.
import { assert, baseUrl, login, newPage, run, screenshot, totp } from './lib.mjs';

const PASSWORD = 'browser-people-2026!';
const suffix = String(Date.now()).slice(-8);

async function logIn(page, username) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

// The first log-in of a role with a second factor: the app asks to enrol it.
async function logInAndEnrol(page, username) {
  await logIn(page, username);
  await page.getByRole('heading', { name: 'Tweede factor instellen' }).waitFor();
  const secret = (await page.locator('main code').textContent()).trim();
  await page.getByLabel('Code (6 cijfers)').fill(totp(secret));
  await page.getByRole('button', { name: 'Bevestigen' }).click();
  await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
}

async function createStaff(page, username, roles) {
  await page.goto(`${baseUrl}/users`);
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Gebruiker aanmaken' }) });
  await form.getByLabel('Gebruikersnaam').fill(username);
  await form.getByLabel(/^Naam/).fill(`Browser ${username}`);
  await form.getByLabel('Eerste wachtwoord').fill(PASSWORD);
  await form.getByLabel('auditor').uncheck();
  for (const r of roles) await form.getByLabel(r, { exact: true }).check();
  await form.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
  await page.getByText(`Gebruiker ${username} is aangemaakt.`).waitFor();
}

// The list of users is paged by the server: a user is found with its search field.
async function search(page, text) {
  await page.getByLabel('Zoek gebruiker').fill(text);
  await page.getByRole('button', { name: 'Zoek', exact: true }).click();
}

async function openUser(page, username) {
  await page.goto(`${baseUrl}/users`);
  await search(page, username);
  await page.getByRole('link', { name: `Browser ${username}` }).click();
  await page.getByRole('heading', { name: `Gebruiker Browser ${username}` }).waitFor();
}

// The paged list: a search, a filter by role, the status line "X–Y van Z" and the address that
// keeps them, a sortable column and the next page.
async function pageAndSearch(admin) {
  await admin.goto(`${baseUrl}/users`);
  const status = admin.locator('.paged-list .list-status');
  await search(admin, `brw.${suffix}`);
  await status.filter({ hasText: '1–2 van 2' }).waitFor();
  await admin.getByRole('link', { name: `Browser adm.brw.${suffix}` }).waitFor();
  await admin.getByLabel('Rol', { exact: true }).selectOption('admin');
  await status.filter({ hasText: '1–1 van 1' }).waitFor();
  assert.equal(await admin.getByRole('link', { name: `Browser fin.brw.${suffix}` }).count(), 0, 'the role filter applies');
  assert.equal(await admin.locator('.paged-list .list-body').getByText('null', { exact: true }).count(), 0, 'one page: no pager, and no "null"');
  assert.match(admin.url(), /[?&]role=admin/);
  assert.match(admin.url(), /[?&]q=brw/);
  await screenshot(admin, 'adm-users-search');

  await admin.goto(`${baseUrl}/users?limit=10`);
  const first = await status.filter({ hasText: /^1–10 van \d+$/ }).textContent();
  const total = Number(first.replace(/^.* van /, '').replace('.', ''));
  assert.ok(total > 10, `more than one page of users: ${first}`);
  await admin.getByRole('button', { name: 'Volgende' }).click();
  await status.filter({ hasText: new RegExp(`^11–${Math.min(20, total)} van `) }).waitFor();
  await admin.getByRole('button', { name: 'Gebruikersnaam' }).click();
  await admin.locator('th[aria-sort="ascending"]', { hasText: 'Gebruikersnaam' }).waitFor();
  // The database's collation sorts '_' apart; the other characters of a username sort as bytes.
  const names = (await admin.locator('.paged-list tbody tr td:nth-child(2)').allTextContents()).filter((n) => !n.includes('_'));
  assert.deepEqual(names, [...names].sort(), `sorted by username: ${names}`);
}

async function fourEyesReset(admin, second, target, name) {
  await openUser(admin, name);
  await admin.getByRole('button', { name: 'Wissen aanvragen' }).click();
  await admin.getByRole('button', { name: 'Ja, aanvragen' }).click();
  await admin.getByText('Het verzoek is ingediend').waitFor();
  await admin.goto(`${baseUrl}/users`);
  const ownRow = admin.locator('tr', { hasText: name }).filter({ hasText: 'Door u aangevraagd' });
  await ownRow.waitFor();
  assert.equal(await ownRow.getByRole('button', { name: 'Goedkeuren' }).count(), 0, 'no approve button for the requester');
  await screenshot(admin, 'adm-users');

  await second.goto(`${baseUrl}/users`);
  const row = second.locator('tr', { hasText: name }).filter({ has: second.getByRole('button', { name: 'Goedkeuren' }) });
  await row.getByRole('button', { name: 'Goedkeuren' }).click();
  await second.getByRole('button', { name: 'Ja, wissen' }).click();
  await second.getByText(`De tweede factor van ${name} is gewist.`).waitFor();
  // The user's session ended: the next request is answered 401 and the log-in form returns.
  await target.reload();
  await target.getByRole('button', { name: 'Inloggen' }).waitFor();
}

async function changeRolesAndDeactivate(admin, name) {
  await openUser(admin, name);
  await admin.getByLabel('auditor', { exact: true }).check();
  await admin.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
  await admin.getByText('De wijzigingen zijn opgeslagen.').waitFor();
  await admin.locator('dd', { hasText: 'financiën, auditor' }).waitFor();
  await screenshot(admin, 'adm-user');
  await admin.getByRole('button', { name: 'Deactiveren' }).click();
  await admin.getByText('Alle sessies van').waitFor();
  await screenshot(admin, 'adm-user-deactivate-confirm');
  await admin.getByRole('button', { name: 'Ja, deactiveren' }).click();
  await admin.getByText('is gedeactiveerd; alle sessies zijn beëindigd.').waitFor();
  await admin.locator('dd .badge', { hasText: 'gedeactiveerd' }).waitFor();
}

async function roleSwitch(browser, admin) {
  const name = `multi.${suffix}`;
  await createStaff(admin, name, ['contractmanager', 'auditor']);
  const page = await newPage(browser);
  await logIn(page, name);
  const select = page.getByLabel('Actieve rol');
  await select.waitFor();
  assert.equal(await select.inputValue(), 'contract_manager');
  await select.selectOption('auditor');
  await page.getByRole('link', { name: 'Audittrail' }).waitFor();
  assert.equal(await page.getByLabel('Actieve rol').inputValue(), 'auditor');
  await screenshot(page, 'adm-role-switch');
}

async function rights(admin) {
  await admin.goto(`${baseUrl}/rights`);
  await admin.getByRole('heading', { name: 'Wie heeft welke rechten' }).waitFor();
  await admin.locator('td code', { hasText: 'POST /users/{id}/deactivate' }).waitFor();
  await screenshot(admin, 'adm-rights');
}

async function providerAdministrator(browser, admin) {
  await admin.goto(`${baseUrl}/users`);
  const setting = admin.locator('form', { has: admin.getByRole('button', { name: 'Instelling opslaan' }) });
  await setting.getByLabel('Mag de eigen gebruikers beheren').check();
  await setting.getByRole('button', { name: 'Instelling opslaan' }).click();
  await admin.getByText('De instelling is opgeslagen.').waitFor();
  const boss = `prov.boss.${suffix}`;
  const form = admin.locator('form', { has: admin.getByRole('button', { name: 'Gebruiker aanmaken' }) });
  await form.getByLabel('Gebruikersnaam').fill(boss);
  await form.getByLabel(/^Naam/).fill(`Browser ${boss}`);
  await form.getByLabel('Eerste wachtwoord').fill(PASSWORD);
  await form.getByLabel('Zorgaanbieder').selectOption({ index: 1 });
  const providerName = (await form.getByLabel('Zorgaanbieder').locator('option:checked').textContent()).replace(/ \(\d+\)$/, '');
  await form.getByLabel('Beheerder van de eigen organisatie').check();
  await form.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
  await admin.getByText(`Gebruiker ${boss} is aangemaakt.`).waitFor();

  const page = await newPage(browser);
  await logIn(page, boss);
  await page.getByRole('link', { name: 'Gebruikers van uw organisatie' }).click();
  await page.getByRole('heading', { name: 'Gebruikers van uw organisatie' }).waitFor();
  const staff = `prov.staff.${suffix}`;
  await page.getByLabel('Gebruikersnaam').fill(staff);
  await page.getByLabel(/^Naam/).fill(`Browser ${staff}`);
  await page.getByLabel('Eerste wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
  await page.getByText(`Gebruiker ${staff} is aangemaakt.`).waitFor();
  await page.getByRole('link', { name: `Browser ${staff}` }).waitFor();
  // The scope column names the provider, not its id.
  await page.locator('tr', { hasText: `Browser ${staff}` }).getByRole('cell', { name: providerName, exact: true }).waitFor();
  // Only the own organisation's users are listed.
  assert.equal(await page.getByRole('link', { name: `Browser fin.brw.${suffix}` }).count(), 0);
  await screenshot(page, 'adm-provider-users');
}

await run('people', async (browser) => {
  const admin = await newPage(browser);
  await login(admin, 'admin');
  await admin.getByRole('heading', { name: 'Gebruikers', exact: true }).waitFor();
  const fin = `fin.brw.${suffix}`;
  const second = `adm.brw.${suffix}`;
  await createStaff(admin, fin, ['financiën']);
  await createStaff(admin, second, ['applicatiebeheer']);
  const target = await newPage(browser);
  await logInAndEnrol(target, fin);
  const admin2 = await newPage(browser);
  await logInAndEnrol(admin2, second);

  await pageAndSearch(admin);
  await fourEyesReset(admin, admin2, target, fin);
  await changeRolesAndDeactivate(admin, fin);
  await roleSwitch(browser, admin);
  await rights(admin);
  await providerAdministrator(browser, admin);
});
