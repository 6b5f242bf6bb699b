import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer } from './support/auth';
import { cli } from './support/cli';
import { complaint } from './support/fixtures';
import { call, get, post } from './support/http';
import { describeKafka, eventually, mockEnv, startMockCluster, type MockCluster } from './support/kafka-mock';
import { kill9, startServerProcess, type ServerProcess } from './support/server-process';

/** Two requesters whose strings are found nowhere else. */
const FILOMENA = {
  requester: { kind: 'BENEFICIARIO', name: 'Filomena Carnaubeira', document: '52998224725', email: 'filomena.carnaubeira@example.com' },
  description: 'Quimioterapia Xiquexique negada',
  instructions: 'Rever Mandacaru',
  reply: 'Zabumba liberada',
  answer: 'Jurubeba autorizada',
  comment: 'Pitangueira agradece',
  question: 'Qual o laudo Cajazeira?',
  clarified: 'Laudo Macambira enviado',
  file: 'Receita Graviola assinada',
  words: ['Xiquexique', 'Mandacaru', 'Zabumba', 'Jurubeba', 'Pitangueira', 'Cajazeira', 'Macambira', 'Graviola'],
};
const BARTOLOMEU = {
  requester: { kind: 'BENEFICIARIO', name: 'Bartolomeu Quixaba', document: '11144477735', email: 'bartolomeu.quixaba@example.com' },
  description: 'Fisioterapia Umbuzeiro negada',
  instructions: 'Rever Juazeiro',
  reply: 'Catingueira liberada',
  answer: 'Aroeira autorizada',
  comment: 'Oiticica agradece',
  question: 'Qual o laudo Sucupira?',
  clarified: 'Laudo Jatoba enviado',
  file: 'Receita Mangaba assinada',
  words: ['Umbuzeiro', 'Juazeiro', 'Catingueira', 'Aroeira', 'Oiticica', 'Sucupira', 'Jatoba', 'Mangaba'],
};
/** Each requester's identity and the one word of each of their texts that no other text holds. */
const stringsOf = (person: typeof FILOMENA) => [
  ...person.requester.name.split(' '),
  person.requester.document,
  person.requester.email,
  ...person.words,
];

/** Every file under a directory, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Which of the strings occur in which files, as bytes (UTF-8, as SQLite stores text). */
function found(dir: string, strings: string[]): string[] {
  const files = filesUnder(dir).map((file) => ({ file, bytes: readFileSync(file) }));
  return strings.flatMap((text) => files.filter(({ bytes }) => bytes.includes(Buffer.from(text))).map(({ file }) => `${text} in ${file}`));
}

/**
 * The whole data directory (log, write-ahead logs, read models, the Kafka relay's file, the key
 * store) after one of two requesters was erased: none of that one's strings anywhere, the other's
 * still served, the REA report unchanged, the chains intact, and a restart changes nothing.
 */
describeKafka('an erasure, on the files of a real data directory', () => {
  let mock: MockCluster;
  let dir: string;
  let server: ServerProcess | undefined;
  const protocols = { filomena: '', bartolomeu: '' };
  beforeAll(async () => {
    mock = await startMockCluster();
    dir = mkdtempSync(join(tmpdir(), 'ouvidoria-erasure-'));
  }, 30_000);
  afterAll(async () => {
    if (server) await kill9(server.child);
    mock?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const env = () => ({ ...mockEnv(mock, 'erasure-intake'), DATA_DIR: dir, OPERATOR_ANS_REGISTRATION: '123456', RETENTION_YEARS: '0' });
  const rea = async () => (await call(server!.url, 'GET', '/reports/rea?year=2026', { headers: { accept: 'text/csv' } })).body as string;
  const inbox = async () => (await get(server!.url, '/departments/regulacao/forwardings')).body.items as Array<Record<string, unknown>>;

  /** A case's whole life; left open when `close` is false (then no retention runs for it, even at 0 years). */
  async function caseLife(person: typeof FILOMENA, close = true): Promise<string> {
    const { protocol } = (
      await post(server!.url, '/manifestations', complaint({ requester: person.requester, description: person.description }))
    ).body;
    const path = `/manifestations/${protocol}`;
    // A question to the requester, their reply, and a document (its name and its bytes carry their words).
    const asked = await post(server!.url, `${path}/clarification-requests`, { question: person.question });
    await post(server!.url, `${path}/clarification-requests/${asked.body.clarifications[0].clarificationId}/reply`, {
      text: person.clarified,
    });
    const form = new FormData();
    form.append('file', new Blob([person.file]), `${person.file}.txt`);
    const uploaded = await fetch(`${server!.url}${path}/attachments`, {
      method: 'POST',
      body: form,
      headers: await bearer('ouvidoria', 'analista'),
    });
    expect(uploaded.status).toBe(201);
    const forwarded = await post(server!.url, `${path}/forwardings`, {
      department: 'regulacao',
      instructions: person.instructions,
      shareRequesterContact: true,
    });
    const forwardingId = forwarded.body.forwardings[0].forwardingId;
    await post(server!.url, `${path}/forwardings/${forwardingId}/reply`, { text: person.reply });
    await post(server!.url, `${path}/answer`, { text: person.answer, outcome: 'PROCEDENTE' });
    expect((await post(server!.url, `${path}/satisfaction`, { score: 4, comment: person.comment })).status).toBe(200);
    if (close) await post(server!.url, `${path}/close`, { reason: 'RESPONDIDA' });
    return protocol;
  }

  it("leaves none of the erased requester's strings in any file, and everything else as it was", async () => {
    server = await startServerProcess(env());
    protocols.filomena = await caseLife(FILOMENA);
    protocols.bartolomeu = await caseLife(BARTOLOMEU, false);
    await eventually(async () => (await inbox()).length === 2 && (await get(server!.url, '/health')).body.kafka.relay.lagEvents === 0);
    const before = await rea();
    expect(before).toContain('RECLAMACAO');
    expect(found(dir, stringsOf(FILOMENA)).length).toBeGreaterThan(0); // the relay holds them in clear
    // The read models keep personal values sealed in the log, even before any erasure (the inbox answers them opened).
    expect(found(join(dir, 'read-models'), [...stringsOf(FILOMENA), ...stringsOf(BARTOLOMEU)])).toEqual([]);
    expect((await inbox()).map((item) => item.description).sort()).toEqual([BARTOLOMEU.description, FILOMENA.description].sort());

    const erased = await post(server.url, '/data-subjects/erasure', { document: '529.982.247-25' }, await bearer('dpo', 'encarregado'));
    expect(erased.body).toMatchObject({ status: 'ERASED', protocols: [protocols.filomena] });
    await eventually(async () => {
      const items = await inbox();
      const relay = (await get(server!.url, '/health')).body.kafka.relay;
      return items.some((item) => item.description === '[erased]') && relay.lagEvents === 0;
    });
    expect(await rea()).toBe(before);
    await kill9(server.child);
    server = undefined;

    expect(found(dir, stringsOf(FILOMENA))).toEqual([]);
    expect(found(dir, ['Umbuzeiro']).length).toBeGreaterThan(0); // the relay's copy still holds the other's
    expect(cli(dir, 'audit:verify').status).toBe(0);

    server = await startServerProcess(env());
    const filomena = (await get(server.url, `/manifestations/${protocols.filomena}`)).body;
    expect(filomena.requester).toMatchObject({ name: '[erased]', document: '[erased]', email: '[erased]' });
    expect([filomena.description, filomena.answer.text, filomena.satisfaction.comment]).toEqual(['[erased]', '[erased]', '[erased]']);
    const bartolomeu = (await get(server.url, `/manifestations/${protocols.bartolomeu}`)).body;
    expect(bartolomeu.requester).toMatchObject(BARTOLOMEU.requester);
    expect([bartolomeu.description, bartolomeu.answer.text, bartolomeu.satisfaction.comment]).toEqual([
      BARTOLOMEU.description,
      BARTOLOMEU.answer,
      BARTOLOMEU.comment,
    ]);
    const items = await inbox();
    expect(items.find((item) => item.protocol === protocols.filomena)).toMatchObject({
      description: '[erased]',
      instructions: '[erased]',
      requester: { kind: 'BENEFICIARIO', name: '[erased]', document: '[erased]', email: '[erased]' },
      reply: { text: '[erased]' },
    });
    expect(items.find((item) => item.protocol === protocols.bartolomeu)).toMatchObject({ description: BARTOLOMEU.description });
    expect(await rea()).toBe(before);
  });
});
