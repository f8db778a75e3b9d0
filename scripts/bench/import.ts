// npm run bench:import [-- --rows 5000 --scale 50]
//
// The spreadsheet importer (issue 12) on the benchmark's national data: a
// plan of --rows rows (one action each, three to a recommendation) in the
// words partnerships use, imported into a new review of a fresh copy of the
// generated database, through the same lib/ functions the pages call.
// Measures, in this process: reading the upload, the preview, the commit,
// the same file again (every row unchanged), the export of the plan, and the
// export imported again (which must change nothing: the run fails if not).
// Writes bench/results/<time>-import-<rows>.md.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { projectRoot, startEmbeddedPostgres } from '../database';
import { benchDataRoot, copyDatabase, ensureData, parseScale } from './generate';
import { describeMachine } from './report';

const log = (message: string) => console.log(`[bench:import] ${message}`);
const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '5000' },
    scale: { type: 'string', default: '50' },
    'results-dir': { type: 'string', default: path.join(projectRoot, 'bench', 'results') },
  },
});
const ROWS = Number(args.rows);
if (!Number.isInteger(ROWS) || ROWS < 3 || ROWS > 20_000) throw new Error('--rows must be a whole number from 3 to 20,000');
const scale = parseScale(args.scale, 50);

const STATUS_WORDS = ['Ongoing', 'Not started', 'Complete', 'In progress'];
const WORDS = 'staff training audit multi-agency meeting referral pathway escalation supervision record policy review strategy board partnership'.split(' ');

type Step = { step: string; seconds: number; note: string };

async function main() {
  const started = Date.now();
  const loadBefore = os.loadavg();
  const cluster = await startEmbeddedPostgres({ dataDir: path.join(benchDataRoot(), 'postgres') });
  try {
    await ensureData(cluster, scale, false, log);
    const { url, postgres } = await copyDatabase(cluster, `bench_import_scale_${scale}`, scale);
    log(`Copied the scale ${scale} data`);
    // The app's database client reads DATABASE_URL when first loaded: set it, then load lib/.
    process.env.DATABASE_URL = url;
    const { db } = await import('@/lib/db');
    const { toActor } = await import('@/lib/auth/session-user');
    const { createReview } = await import('@/lib/reviews/create-review');
    const { createFinding } = await import('@/lib/findings/create-finding');
    const { startPlanImport } = await import('@/lib/imports/start-import');
    const { getPlanImport } = await import('@/lib/imports/get-import');
    const { updatePlanImport } = await import('@/lib/imports/update-import');
    const { commitPlanImport } = await import('@/lib/imports/commit-import');
    const { exportActionPlan } = await import('@/lib/imports/export-plan');

    const counts = await db.$queryRaw<{ events: bigint; recommendations: bigint; users: bigint }[]>`
      SELECT (SELECT count(*) FROM "HistoryEvent") AS events, (SELECT count(*) FROM "Recommendation") AS recommendations, (SELECT count(*) FROM "User") AS users`;
    const reviewer = toActor(await db.user.findFirstOrThrow({ where: { role: 'REVIEWER', active: true }, include: { agency: true }, orderBy: { email: 'asc' } }));
    // One partnership's agencies and their owners, as a partnership's plan names them.
    const partnership = reviewer.email.split('.')[0]!;
    const agencies = await db.agency.findMany({ where: { id: { startsWith: `${partnership}-` }, isBoard: false }, orderBy: { id: 'asc' } });
    const owners = await db.user.findMany({ where: { role: 'OWNER', active: true, agencyId: { in: agencies.map((a) => a.id) } }, orderBy: { email: 'asc' } });
    const review = await createReview(reviewer, {
      title: `Imported plan, ${ROWS} rows`,
      kind: 'LEARNING_REVIEW',
      commissioningBody: 'Benchmark',
      periodStart: null,
      periodEnd: null,
      publishedOn: null,
      status: 'PUBLISHED',
      summary: '',
      sourceUrl: null,
    });
    const finding = await createFinding(reviewer, { reviewId: review.id, reference: 'F1', text: 'Concerns were not escalated', theme: 'Escalation', severity: 'HIGH' });

    // The file: a title above the headings; dates as text, as Excel dates and as quarters; the partnership's own status words.
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)]!;
    const sentence = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Action plan');
    sheet.addRow([`Action plan: ${ROWS} rows`]);
    sheet.addRow([]);
    sheet.addRow(['Ref', 'Finding', 'Recommendation', 'Action', 'Responsibility', 'Lead officer', 'Target date', 'Status', 'Progress update', 'Evidence']);
    for (let i = 0; i < ROWS; i++) {
      const agencyIndex = i % agencies.length;
      const agency = agencies[agencyIndex]!;
      const officer = owners.find((o) => o.agencyId === agency.id);
      const year = 2027 + (i % 3);
      const due = i % 3 === 0 ? `31/12/${year}` : i % 3 === 1 ? new Date(Date.UTC(year, 5, 30)) : `Q${1 + (i % 4)} ${year}`;
      sheet.addRow([
        i % 3 === 0 ? `R${i / 3 + 1}` : null,
        i % 3 === 0 ? 'F1' : null,
        i % 3 === 0 ? `${sentence(12)} (${i / 3 + 1})` : null,
        sentence(10),
        agency.shortName,
        officer?.name ?? null,
        due,
        pick(STATUS_WORDS),
        i % 2 ? sentence(20) : null,
        i % 5 === 0 ? `${sentence(4)}\n${sentence(3)}` : null,
      ]);
    }
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const file = (b: Uint8Array, name: string) => new File([new Uint8Array(b)], name);
    log(`Built a ${ROWS}-row workbook (${(bytes.length / 1024).toFixed(0)} kB)`);

    const steps: Step[] = [];
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    const time = async <T>(step: string, task: () => Promise<T>, note: (result: T) => string = () => ''): Promise<T> => {
      const t = process.hrtime.bigint();
      const result = await task();
      const seconds = Number(process.hrtime.bigint() - t) / 1e9;
      steps.push({ step, seconds, note: note(result) });
      log(`${step}: ${seconds.toFixed(2)} s ${note(result)}`);
      return result;
    };
    const preview = async (id: string) => {
      const loaded = await getPlanImport(reviewer, id);
      if (loaded.committed) throw new Error('already committed');
      return loaded;
    };
    const problemsOf = (p: Awaited<ReturnType<typeof preview>>) => `${p.plan.counts.withProblems} rows with problems`;

    const upload = await time('Upload: read the file, find the header row, keep it', () => startPlanImport(reviewer, { reviewId: review.id, file: file(bytes, 'plan.xlsx') }));
    const first = await time('Preview: read again, compare every row with the review', () => preview(upload.id), problemsOf);
    await updatePlanImport(reviewer, {
      importId: upload.id,
      version: first.version,
      sheetName: first.sheetName,
      headerRow: first.headerRow,
      columns: [...first.settings.columns],
      statusWords: first.plan.statusWords.map((w) => ({ word: w.word, status: w.proposed })),
      defaultDueDate: null,
      defaultFindingId: finding.id,
    });
    const confirmed = await time('Preview after confirming the status words', () => preview(upload.id), problemsOf);
    const committed = await time(
      'Commit: every recommendation, action and history event, one transaction',
      () => commitPlanImport(reviewer, { importId: upload.id, version: confirmed.version, fingerprint: confirmed.fingerprint, leaveOutProblemRows: false }),
      (r) => `${r.recommendationsCreated} recommendations, ${r.actionsCreated} actions`,
    );
    const events = await db.historyEvent.count({ where: { reviewId: review.id } });
    const again = await time('The same file again: upload and preview (every row unchanged)', async () => preview((await startPlanImport(reviewer, { reviewId: review.id, file: file(bytes, 'plan.xlsx') })).id), (p) => `${p.plan.counts.unchanged} unchanged`);
    const exported = await time('Export the plan (XLSX)', () => exportActionPlan(reviewer, review.id, 'xlsx'), (f) => `${(f.body.length / 1024).toFixed(0)} kB`);
    const back = await time('The export imported again: upload and preview', async () => preview((await startPlanImport(reviewer, { reviewId: review.id, file: file(new Uint8Array(exported.body), exported.fileName) })).id), (p) => `${p.plan.counts.unchanged} unchanged, ${p.plan.counts.newActions + p.plan.counts.updated} changes`);
    const csv = await exportActionPlan(reviewer, review.id, 'csv');
    const csvBack = await time('The CSV export imported again: upload and preview', async () => preview((await startPlanImport(reviewer, { reviewId: review.id, file: file(new Uint8Array(csv.body), csv.fileName) })).id), (p) => `${p.plan.counts.unchanged} unchanged, ${p.plan.counts.newActions + p.plan.counts.updated} changes`);
    clearInterval(sampler);

    const checks = [
      { ok: confirmed.plan.counts.withProblems === 0, text: `every row importable once the status words were confirmed (${confirmed.plan.counts.withProblems} with problems)` },
      { ok: committed.actionsCreated === ROWS, text: `${committed.actionsCreated} of ${ROWS} actions created` },
      { ok: again.plan.counts.unchanged === ROWS, text: `the same file again: ${again.plan.counts.unchanged} of ${ROWS} rows unchanged` },
      { ok: back.plan.counts.unchanged === ROWS && back.plan.counts.withProblems === 0, text: `export then import (XLSX): ${back.plan.counts.unchanged} of ${ROWS} unchanged` },
      { ok: csvBack.plan.counts.unchanged === ROWS && csvBack.plan.counts.withProblems === 0, text: `export then import (CSV): ${csvBack.plan.counts.unchanged} of ${ROWS} unchanged` },
    ];
    const seconds = (name: string) => steps.find((s) => s.step.startsWith(name))!.seconds;
    const previewSeconds = seconds('Upload') + seconds('Preview: read again');
    const machine = describeMachine(postgres);
    const at = new Date();
    const lines = [
      `## Importing a ${ROWS.toLocaleString('en-GB')}-row action plan (scale ${scale} data)`,
      '',
      `Into a new review of a copy of the benchmark's data (${Number(counts[0]!.recommendations).toLocaleString('en-GB')} recommendations, ${Number(counts[0]!.events).toLocaleString('en-GB')} history events, ${Number(counts[0]!.users).toLocaleString('en-GB')} users), through the lib/ functions the pages call, in one process (no HTTP). ` +
        `An XLSX file of ${(bytes.length / 1024).toFixed(0)} kB: ${Math.ceil(ROWS / 3)} recommendations of (up to) three actions each, a title above the headings, dates as text, Excel dates and quarters, the partnership's own status words.`,
      '',
      `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB memory; Node.js ${machine.node}; ${postgres}. Run ${at.toISOString()} (\`npm run bench:import -- --rows ${ROWS}\`), ${((Date.now() - started) / 1000).toFixed(0)} s in all. Load average (1 min) ${loadBefore[0]!.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after.`,
      '',
      '| step | seconds | |',
      '|---|--:|---|',
      ...steps.map((s) => `| ${s.step} | ${s.seconds.toFixed(2)} | ${s.note} |`),
      '',
      `- Upload and preview together: ${previewSeconds.toFixed(2)} s (target under 10 s: ${previewSeconds < 10 ? '✓' : '✗'}); commit ${seconds('Commit').toFixed(2)} s (target under 20 s: ${seconds('Commit') < 20 ? '✓' : '✗'}), writing ${events.toLocaleString('en-GB')} history events.`,
      `- Peak memory of the process (RSS): ${(peakRss / 1024 ** 2).toFixed(0)} MB.`,
      ...checks.map((c) => `- ${c.ok ? '✓' : '✗'} ${c.text}`),
    ];
    const markdown = `${lines.join('\n')}\n`;
    const dir = path.resolve(args['results-dir']!);
    await fs.mkdir(dir, { recursive: true });
    const out = path.join(dir, `${at.toISOString().replace(/[:.]/g, '-')}-import-${ROWS}.md`);
    await fs.writeFile(out, markdown);
    console.log(`\n${markdown}`);
    log(`Wrote ${path.relative(process.cwd(), out)}`);
    await db.$disconnect();
    const client = new pg.Client({ connectionString: cluster.url('postgres') });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(`bench_import_scale_${scale}`)} WITH (FORCE)`);
    await client.end();
    if (checks.some((c) => !c.ok)) process.exitCode = 1;
  } finally {
    await cluster.stop();
  }
}

await main();
