/**
 * `npm run bench`: one run, one table. Every target is a ratio against a baseline measured in
 * the same run on the same machine, because these machines are shared and absolute numbers drift.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer } from '../test/support/auth';
import { startServerProcess, kill9 } from '../test/support/server-process';
import { commandPathRegistrations, sampleBody } from './command-path';
import { load } from './http-load';
import { rawSqliteInserts } from './raw-sqlite-baseline';
import { kafkaBench } from './kafka';
import { kurrentDbBench } from './kurrentdb';
import { personalDataBench, printPersonalDataBench } from './personal-data';
import { readSide } from './read-side';
import { startUpBench } from './start-up';

const COUNT = Number(process.env.BENCH_COUNT ?? 3000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const KAFKA_EVENTS = Number(process.env.BENCH_KAFKA_EVENTS ?? 50_000);
const ESCALATIONS = Number(process.env.BENCH_ESCALATIONS ?? 2_000);
const KURRENT_COUNT = Number(process.env.BENCH_KURRENTDB_COUNT ?? 1000);
const SEALED_COUNT = Number(process.env.BENCH_SEALED_COUNT ?? 1500);
const SEALED_LOG = Number(process.env.BENCH_SEALED_LOG ?? 20_000);
const LEASE_SECONDS = Number(process.env.BENCH_LEASE_SECONDS ?? 3);
/** About 1,000,000 events (a registration and, for 9 cases in 10, an answer). */
const START_CASES = Number(process.env.BENCH_START_CASES ?? 526_316);
const TS_NODE = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];

function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ouvidoria-bench-'));
  try {
    const b = await commandPathRegistrations(join(dir, 'command-path-1'), COUNT, 1);
    const b32 = await commandPathRegistrations(join(dir, 'command-path-32'), COUNT, 32);
    const a = rawSqliteInserts(dir, COUNT, b.row);

    const server = await startServerProcess({ DATA_DIR: join(dir, 'http'), OPERATOR_ANS_REGISTRATION: '123456' });
    let c, d, serverRss;
    try {
      const headers = await bearer('ouvidoria', 'bench');
      c = await load(`${server.url}/manifestations`, { method: 'POST', body: sampleBody, seconds: SECONDS, headers });
      d = await load(`${server.url}/health`, { method: 'GET', seconds: SECONDS });
      serverRss = peakRssMiB(server.child.pid!);
    } finally {
      await kill9(server.child);
    }
    const ceiling = await startServerProcess({}, [...TS_NODE, join(__dirname, 'validation-ceiling-server.ts')]);
    let e;
    try {
      e = await load(`${ceiling.url}/manifestations`, { method: 'POST', body: sampleBody, seconds: SECONDS });
    } finally {
      await kill9(ceiling.child);
    }

    const rows = [
      ['(a) raw better-sqlite3 insert, 1 tx each (WAL, FULL)', `${a.toFixed(0)} /s`, '', ''],
      ['(b) RegisterManifestation via CommandBus, 1 in flight', `${b.perSecond.toFixed(0)} /s`, '', ''],
      ['(b32) the same, 32 in flight (group commit)', `${b32.perSecond.toFixed(0)} /s`, '', ''],
      ['(c) POST /manifestations, 32 conns', `${c.requestsPerSecond.toFixed(0)} req/s`, `p50 ${c.p50} ms`, `p99 ${c.p99} ms`],
      ['(d) GET /health, 32 conns (HTTP ceiling)', `${d.requestsPerSecond.toFixed(0)} req/s`, `p50 ${d.p50} ms`, `p99 ${d.p99} ms`],
      ['(e) POST same body, validation only, no store', `${e.requestsPerSecond.toFixed(0)} req/s`, `p50 ${e.p50} ms`, `p99 ${e.p99} ms`],
    ];
    const ratios = [
      ['(b)/(a)', b.perSecond / a, 0.5],
      ['(b32)/(a)', b32.perSecond / a, 0.5],
      ['(c)/(d)', c.requestsPerSecond / d.requestsPerSecond, 0.3],
    ] as const;
    const shares = [
      ['(e)/(d): what the POST front (parse, validate, serialise) leaves of the ceiling', e.requestsPerSecond / d.requestsPerSecond],
      ['(c)/(e): what deciding and storing leave of that', c.requestsPerSecond / e.requestsPerSecond],
    ] as const;

    console.log(`\nbench: ${COUNT} registrations, ${SECONDS}s per HTTP run, node ${process.version}\n`);
    console.log('| measure | rate | latency | |');
    console.log('|---|---|---|---|');
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
    console.log('\n| ratio | measured | target | |');
    console.log('|---|---|---|---|');
    for (const [name, value, target] of ratios) {
      console.log(`| ${name} | ${value.toFixed(2)} | >= ${target} | ${value >= target ? 'met' : 'MISSED'} |`);
    }
    console.log('\n| where a POST goes (no target) | ratio |');
    console.log('|---|---|');
    for (const [name, value] of shares) console.log(`| ${name} | ${value.toFixed(2)} |`);
    const r = await readSide(mkdtempSync(join(dir, 'read-side-')), CASES);
    console.log(`\nread side: ${r.cases} cases (${r.cases / 5} a year over 5 years), ${r.events} events\n`);
    console.log('| measure | value | target | |');
    console.log('|---|---|---|---|');
    const rows2: Array<[string, string, string, boolean | null]> = [
      ['(f0) raw SQLite read-and-upsert, 500 per tx', `${r.baselinePerSecond.toFixed(0)} events/s`, '', null],
      ['(f) work-queue rebuild (catch-up from 0)', `${r.workQueueRebuildPerSecond.toFixed(0)} events/s`, '', null],
      [
        '(f)/(f0)',
        (r.workQueueRebuildPerSecond / r.baselinePerSecond).toFixed(2),
        '>= 0.5',
        r.workQueueRebuildPerSecond / r.baselinePerSecond >= 0.5,
      ],
      ['(f-rea) rea rebuild', `${r.reaRebuildPerSecond.toFixed(0)} events/s`, '', null],
      ['(g) REA report, one year of 200k cases, p50', `${r.reaP50Ms.toFixed(1)} ms`, '< 100 ms', r.reaP50Ms < 100],
      ['(h) work-queue query with all cases stored, p50', `${r.queueP50Ms.toFixed(2)} ms`, '', null],
      ['(h) work-queue query, p99', `${r.queueP99Ms.toFixed(2)} ms`, '< 20 ms', r.queueP99Ms < 20],
    ];
    for (const [name, value, target, met] of rows2)
      console.log(`| ${name} | ${value} | ${target} | ${met === null ? '' : met ? 'met' : 'MISSED'} |`);
    const k = await kafkaBench(mkdtempSync(join(dir, 'kafka-')), KAFKA_EVENTS, ESCALATIONS);
    if (k) {
      console.log(
        `\nkafka (librdkafka mock cluster via kcat): ${k.events} events of ${k.messageBytes} bytes, ${k.escalations} escalations\n`,
      );
      console.log('| measure | value | |');
      console.log('|---|---|---|');
      console.log(`| (k0) kcat -P, same number and size of messages, acks=all | ${k.kcatPerSecond.toFixed(0)} msgs/s | baseline |`);
      console.log(`| (k) relay, store to broker acknowledgement | ${k.relayPerSecond.toFixed(0)} events/s | |`);
      console.log(`| (k)/(k0) | ${(k.relayPerSecond / k.kcatPerSecond).toFixed(2)} | |`);
      console.log(`| (i) SAC intake, consumed, validated, appended (FULL sync) | ${k.intakePerSecond.toFixed(0)} escalations/s | |`);
    } else {
      console.log('\nkafka: SKIPPED, kcat is not installed (apt-get install -y kcat)');
    }
    printPersonalDataBench(await personalDataBench(mkdtempSync(join(dir, 'personal-data-')), SEALED_COUNT, SEALED_LOG), SEALED_COUNT);
    const kd = await kurrentDbBench(mkdtempSync(join(dir, 'kurrentdb-')), KURRENT_COUNT, LEASE_SECONDS * 1000, 5);
    const on = kd.onRealNode ? 'KURRENTDB_TEST_URL' : 'the wire test server, not KurrentDB: no target';
    console.log(`\nkurrentdb (${on}): ${KURRENT_COUNT} registrations each, lease of ${LEASE_SECONDS} s\n`);
    console.log('| measure | SQLite | KurrentDB | KurrentDB/SQLite |');
    console.log('|---|---|---|---|');
    for (const [name, key] of [
      ['(b-k) RegisterManifestation via CommandBus, 1 in flight', 'one'],
      ['(b32-k) the same, 32 in flight', 'many'],
    ] as const)
      console.log(
        `| ${name} | ${kd.sqlite[key].toFixed(0)} /s | ${kd.kurrentdb[key].toFixed(0)} /s | ${(kd.kurrentdb[key] / kd.sqlite[key]).toFixed(2)} |`,
      );
    const spread = (ms: number[]) => `${(Math.min(...ms) / 1000).toFixed(2)}–${(Math.max(...ms) / 1000).toFixed(2)} s`;
    console.log(
      `| (l) lease take-over after the holder died, ${kd.takeOver.sqliteMs.length} rounds (bound ${((LEASE_SECONDS * 4) / 3).toFixed(1)} s) | ${spread(kd.takeOver.sqliteMs)} | ${spread(kd.takeOver.kurrentdbMs)} | |`,
    );
    const st = await startUpBench(mkdtempSync(join(dir, 'start-up-')), START_CASES);
    console.log(`\nstart-up: a server process from spawn until it answers, and until /health/ready is 200; a log of ${st.events} events\n`);
    console.log('| measure | answers | ready | target | |');
    console.log('|---|---|---|---|---|');
    const startRow = (name: string, listenS: number, readyS: number, target: string, met: boolean | null) =>
      console.log(
        `| ${name} | ${listenS.toFixed(2)} s | ${readyS.toFixed(2)} s | ${target} | ${met === null ? '' : met ? 'met' : 'MISSED'} |`,
      );
    startRow('(st0) an empty DATA_DIR (baseline)', st.emptyListenS, st.emptyListenS, '', null);
    startRow(
      '(st1) first start on the log, no read models: answers at once, ready once caught up',
      st.firstListenS,
      st.firstReadyS,
      'answers < 2 × (st0)',
      st.firstListenS < 2 * st.emptyListenS,
    );
    startRow(
      '(st2) restart with the read models in place',
      st.restartListenS,
      st.restartReadyS,
      'ready < 2 × (st0)',
      st.restartReadyS < 2 * st.emptyListenS,
    );
    console.log(`\npeak RSS: bench process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB, server ${serverRss.toFixed(0)} MiB`);
    console.log(`HTTP errors: POST non-2xx ${c.non2xx}, errors ${c.errors}; GET non-2xx ${d.non2xx}, errors ${d.errors}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
