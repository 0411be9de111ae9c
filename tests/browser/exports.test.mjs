// "Exporteren (Excel)" (issue 15): aud.smit filters the audit trail on log-ins and exports it;
// the downloaded file opens in Dutch Excel: it starts with the UTF-8 byte order mark, its
// columns are separated by semicolons with Dutch headers, its rows end with CRLF, and it holds
// only the filtered rows (all of them, not just the page on screen). fin.devries exports the
// payment runs the same way, and as an Excel workbook (.xlsx). Every screen is saved as a
// screenshot (accessibility checked).
import { assert, baseUrl, login, newPage, run, screenshot } from './lib.mjs';

const BOM = [0xef, 0xbb, 0xbf];

// RFC 4180 with ';' and CRLF: the rows as arrays of cells.
function parseCsv(text) {
  const rows = [[]];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') { rows.at(-1).push(cell); cell = ''; } else if (c === '\r' && text[i + 1] === '\n') {
      rows.at(-1).push(cell); cell = ''; rows.push([]); i++;
    } else cell += c;
  }
  assert.equal(rows.at(-1).length, 0, 'the file ends with CRLF');
  rows.pop();
  return rows;
}

// Clicks the screen's export button and answers the downloaded bytes and its name.
async function exportFile(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Exporteren (Excel)' }).click(),
  ]);
  const bytes = Buffer.concat(await (await download.createReadStream()).toArray());
  return { bytes, name: download.suggestedFilename() };
}

function checkExcelFile(bytes, firstHeaders) {
  assert.deepEqual([...bytes.subarray(0, 3)], BOM, 'the file starts with the UTF-8 byte order mark');
  const rows = parseCsv(bytes.subarray(3).toString('utf8'));
  assert.deepEqual(rows[0].slice(0, firstHeaders.length), firstHeaders, `headers: ${rows[0].join(';')}`);
  for (const row of rows) assert.equal(row.length, rows[0].length, `a row of ${row.length} cells: ${row.join(';')}`);
  return rows;
}

await run('exports', async (browser) => {
  const page = await newPage(browser);
  await login(page, 'aud.smit');
  await page.goto(`${baseUrl}/audit?action=auth.login`);
  await page.getByRole('heading', { level: 1, name: 'Audittrail' }).waitFor();
  await page.locator('main tbody tr').first().waitFor();
  const { bytes, name } = await exportFile(page);
  assert.equal(name, 'audittrail.csv');
  const rows = checkExcelFile(bytes, ['Volgnummer', 'Tijdstip', 'Gebruiker']);
  const action = rows[0].indexOf('Actie');
  assert.ok(rows.length > 1, 'the filtered trail has log-ins');
  for (const row of rows.slice(1)) assert.equal(row[action], 'auth.login', 'the screen\'s filter applies');
  assert.match(rows[1][1], /^\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}$/, `a moment as dd-mm-jjjj: ${rows[1][1]}`);
  await page.getByText(`Het bestand audittrail.csv is gedownload (${rows.length - 1} regels).`).waitFor();
  await screenshot(page, 'aud-export');

  const fin = await newPage(browser);
  await login(fin, 'fin.devries');
  await fin.goto(`${baseUrl}/finance/runs`);
  await fin.getByRole('heading', { level: 1, name: 'Betaalruns' }).waitFor();
  const runs = await exportFile(fin);
  assert.equal(runs.name, 'betaalruns.csv');
  const runRows = checkExcelFile(runs.bytes, ['Id', 'Gemeente', 'Gemeenten']);
  const sum = runRows[0].indexOf('Controletotaal (€)');
  for (const row of runRows.slice(1)) assert.match(row[sum], /^-?\d+,\d{2}$/, `euros with a decimal comma: ${row[sum]}`);
  await fin.getByText(/Het bestand betaalruns\.csv is gedownload/).waitFor();
  await screenshot(fin, 'fin-runs-export');

  // The same runs as an Excel workbook: a ZIP package (PK) named .xlsx.
  const [download] = await Promise.all([
    fin.waitForEvent('download'),
    fin.getByRole('button', { name: 'Werkmap (.xlsx)' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'betaalruns.xlsx');
  const workbook = Buffer.concat(await (await download.createReadStream()).toArray());
  assert.equal(workbook.subarray(0, 4).toString('latin1'), 'PK\x03\x04', 'a ZIP package');
  assert.ok(workbook.includes(Buffer.from('xl/worksheets/sheet1.xml')), 'with its worksheet');
  await fin.getByText('Het bestand betaalruns.xlsx is gedownload.').waitFor();
});
