import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('runs with no configuration at all: embedded defaults, a warning about the operator registration', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      sqliteSynchronous: 'FULL',
      operatorRegistration: '000000',
      calendar: { timeZone: 'America/Sao_Paulo', region: 'BR', holidayTypes: ['public'], extraHolidays: [] },
      answerDeadlineBusinessDays: 7,
      maxExtensionBusinessDays: 30,
      http: { bodyLimitBytes: 1024 * 1024, requestTimeoutMs: 20_000, headersTimeoutMs: 10_000, keepAliveTimeoutMs: 5000 },
    });
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.warnings).toEqual([expect.stringContaining('OPERATOR_ANS_REGISTRATION is not set')]);
  });

  it('reads every setting', () => {
    const config = loadConfig({
      PORT: '8080',
      DATA_DIR: '/var/lib/ouvidoria',
      OPERATOR_ANS_REGISTRATION: '123456',
      TIMEZONE: 'America/Fortaleza',
      HOLIDAYS_REGION: 'BR-PB',
      HOLIDAY_TYPES: 'public, bank',
      EXTRA_HOLIDAYS: '2026-07-27,2026-12-24',
      ANSWER_DEADLINE_BUSINESS_DAYS: '5',
      MAX_EXTENSION_BUSINESS_DAYS: '20',
      SQLITE_SYNCHRONOUS: 'extra',
    });
    expect(config).toMatchObject({
      port: 8080,
      dataDir: '/var/lib/ouvidoria',
      operatorRegistration: '123456',
      sqliteSynchronous: 'EXTRA',
      calendar: {
        timeZone: 'America/Fortaleza',
        region: 'BR-PB',
        holidayTypes: ['public', 'bank'],
        extraHolidays: ['2026-07-27', '2026-12-24'],
      },
      answerDeadlineBusinessDays: 5,
      maxExtensionBusinessDays: 20,
      warnings: [],
    });
  });

  it('reports every problem at once, naming the setting', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        OPERATOR_ANS_REGISTRATION: '12345',
        TIMEZONE: 'Mars/Olympus',
        HOLIDAYS_REGION: 'BR-XX',
        HOLIDAY_TYPES: 'public,festive',
        EXTRA_HOLIDAYS: '2026-13-01',
        ANSWER_DEADLINE_BUSINESS_DAYS: '40',
        SQLITE_SYNCHRONOUS: 'OFF',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of [
      'PORT',
      'OPERATOR_ANS_REGISTRATION',
      'Mars/Olympus',
      'BR-XX',
      'festive',
      '2026-13-01',
      'ANSWER_DEADLINE_BUSINESS_DAYS',
      'SQLITE_SYNCHRONOUS',
    ]) {
      expect(problems).toContain(name);
    }
  });

  it('reads the HTTP limits and the seal cadence, and refuses values out of range', () => {
    const config = loadConfig({
      HTTP_REQUEST_TIMEOUT_SECONDS: '30',
      HTTP_HEADERS_TIMEOUT_SECONDS: '5',
      HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: '2',
      AUDIT_SEAL_INTERVAL_SECONDS: '60',
      AUDIT_SEAL_MAX_EVENTS: '50',
    });
    expect(config.http).toMatchObject({ requestTimeoutMs: 30_000, headersTimeoutMs: 5000, keepAliveTimeoutMs: 2000 });
    expect(config.seals).toEqual({ intervalMs: 60_000, maxEvents: 50 });
    // Node needs the headers' deadline within the request's.
    expect(loadConfig({ HTTP_REQUEST_TIMEOUT_SECONDS: '3', HTTP_HEADERS_TIMEOUT_SECONDS: '8' }).http.requestTimeoutMs).toBe(8000);
    expect(() => loadConfig({ HTTP_REQUEST_TIMEOUT_SECONDS: '0', AUDIT_SEAL_INTERVAL_SECONDS: 'soon' })).toThrow(
      /HTTP_REQUEST_TIMEOUT_SECONDS must be an integer from 1 to 600[\s\S]*AUDIT_SEAL_INTERVAL_SECONDS must be an integer/,
    );
  });

  it('refuses a maximum extension that does not exceed the standard deadline', () => {
    expect(() => loadConfig({ ANSWER_DEADLINE_BUSINESS_DAYS: '10', MAX_EXTENSION_BUSINESS_DAYS: '10' })).toThrow(
      'MAX_EXTENSION_BUSINESS_DAYS must be greater than ANSWER_DEADLINE_BUSINESS_DAYS',
    );
  });

  it('reads the token settings, and refuses a short secret, a bad JWKS URL, or both sources at once', () => {
    const jwks = loadConfig({
      JWT_JWKS_URL: 'https://idp.example/jwks.json',
      JWT_ISSUER: 'https://idp.example',
      JWT_AUDIENCE: 'ouvidoria',
    });
    expect(jwks.auth).toEqual({ jwksUrl: new URL('https://idp.example/jwks.json'), issuer: 'https://idp.example', audience: 'ouvidoria' });
    expect(loadConfig({}).auth).toEqual({});
    expect(loadConfig({}).rateLimitPerMinute).toBe(1200);
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow('JWT_SECRET must be at least 32 characters');
    const audience = { JWT_AUDIENCE: 'ouvidoria' };
    expect(() => loadConfig({ JWT_JWKS_URL: 'idp.example/jwks', ...audience })).toThrow('JWT_JWKS_URL must be an https URL');
    expect(() => loadConfig({ JWT_JWKS_URL: 'ftp://idp.example/jwks', ...audience })).toThrow('JWT_JWKS_URL must be an https URL');
    expect(() => loadConfig({ JWT_JWKS_URL: 'http://idp.example/jwks', ...audience })).toThrow('JWT_JWKS_URL must be an https URL');
    expect(loadConfig({ JWT_JWKS_URL: 'http://127.0.0.1:8080/jwks', ...audience }).auth.jwksUrl?.port).toBe('8080');
    expect(() => loadConfig({ JWT_JWKS_URL: 'https://idp.example/jwks.json' })).toThrow('JWT_AUDIENCE is required with JWT_JWKS_URL');
    expect(() => loadConfig({ JWT_SECRET: 's'.repeat(32), JWT_JWKS_URL: 'https://idp.example/jwks.json', ...audience })).toThrow(
      'not both',
    );
    expect(() => loadConfig({ RATE_LIMIT_PER_MINUTE: '-1' })).toThrow('RATE_LIMIT_PER_MINUTE');
  });

  it('has no Kafka without KAFKA_BROKERS, and reads every Kafka setting with it', () => {
    expect(loadConfig({}).kafka).toBeUndefined();
    expect(loadConfig({ KAFKA_BROKERS: 'kafka:9092', OPERATOR_ANS_REGISTRATION: '123456' }).kafka).toEqual({
      brokers: ['kafka:9092'],
      clientId: 'ouvidoria',
      ssl: false,
      sasl: undefined,
      topicPrefix: 'ouvidoria',
      sacTopic: 'sac.escalations.v1',
      sacGroup: 'ouvidoria-sac-intake',
      source: 'urn:ans:operadora:123456:ouvidoria',
      idempotentProducer: true,
      createTopics: true,
      relayLeaseMs: 15_000,
    });
    const all = loadConfig({
      KAFKA_BROKERS: 'b1:9092, b2:9093',
      KAFKA_CLIENT_ID: 'ouv',
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: 'u',
      KAFKA_SASL_PASSWORD: 'p',
      KAFKA_TOPIC_PREFIX: 'unimed.ouv',
      KAFKA_SAC_TOPIC: 'sac.v2',
      KAFKA_SAC_GROUP: 'g',
      CLOUDEVENTS_SOURCE: 'urn:x',
      KAFKA_IDEMPOTENT_PRODUCER: 'false',
      KAFKA_CREATE_TOPICS: 'false',
      KAFKA_RELAY_LEASE_SECONDS: '30',
    }).kafka;
    expect(all).toMatchObject({
      brokers: ['b1:9092', 'b2:9093'],
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'u', password: 'p' },
      topicPrefix: 'unimed.ouv',
      sacTopic: 'sac.v2',
      idempotentProducer: false,
      createTopics: false,
      relayLeaseMs: 30_000,
    });
  });

  it('reads the event store: SQLite by default, KurrentDB with its connection string, and refuses a half setting', () => {
    expect(loadConfig({}).eventStore).toEqual({ kind: 'sqlite' });
    const url = 'kurrentdb://node1:2113,node2:2113,node3:2113?tls=true';
    const shared = { PERSONAL_DATA_SECRET: 'p'.repeat(32), KEY_ENCRYPTION_KEY: 'ab'.repeat(32) };
    expect(loadConfig({ EVENT_STORE: 'kurrentdb', KURRENTDB_URL: url, ...shared }).eventStore).toEqual({ kind: 'kurrentdb', url });
    expect(() => loadConfig({ EVENT_STORE: 'kurrentdb', KURRENTDB_URL: url })).toThrow(
      /needs PERSONAL_DATA_SECRET, the same on every instance/,
    );
    expect(() => loadConfig({ EVENT_STORE: 'kurrentdb', KURRENTDB_URL: url })).toThrow(/needs KEY_ENCRYPTION_KEY/);
    expect(() => loadConfig({ EVENT_STORE: 'kurrentdb' })).toThrow(/EVENT_STORE=kurrentdb needs KURRENTDB_URL/);
    expect(() => loadConfig({ EVENT_STORE: 'postgres' })).toThrow(/EVENT_STORE must be sqlite or kurrentdb/);
    expect(() => loadConfig({ KURRENTDB_URL: url })).toThrow(/KURRENTDB_URL is set but EVENT_STORE is not kurrentdb/);
    const secret = 'kurrentdb://admin:s3cret@';
    expect(() => loadConfig({ EVENT_STORE: 'kurrentdb', KURRENTDB_URL: secret })).toThrow(/not a KurrentDB connection string/);
    expect(() => loadConfig({ EVENT_STORE: 'kurrentdb', KURRENTDB_URL: secret })).not.toThrow(/s3cret/);
  });

  it('reads the personal-data secrets, and refuses a key-encryption key that is not 32 bytes', () => {
    const kek = 'ab'.repeat(32);
    expect(loadConfig({ KEY_ENCRYPTION_KEY: kek }).personalData.keyEncryptionKey).toEqual(Buffer.from(kek, 'hex'));
    const base64 = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ KEY_ENCRYPTION_KEY: base64 }).personalData.keyEncryptionKey).toEqual(Buffer.alloc(32, 7));
    expect(() => loadConfig({ KEY_ENCRYPTION_KEY: 'abc' })).toThrow(/KEY_ENCRYPTION_KEY must be 32 bytes/);
    expect(() => loadConfig({ PERSONAL_DATA_SECRET: 'short' })).toThrow(/PERSONAL_DATA_SECRET must be at least 32 characters/);
    expect(loadConfig({}).personalData).toEqual({ retentionYears: 5, retentionCheckMs: 3_600_000 });
  });

  it('keeps personal data RETENTION_YEARS after closing (5 by default; 0 allowed), checked every RETENTION_CHECK_MINUTES', () => {
    expect(loadConfig({ RETENTION_YEARS: '0', RETENTION_CHECK_MINUTES: '5' }).personalData).toMatchObject({
      retentionYears: 0,
      retentionCheckMs: 300_000,
    });
    expect(() => loadConfig({ RETENTION_YEARS: '-1' })).toThrow(/RETENTION_YEARS must be an integer from 0 to 100/);
    expect(() => loadConfig({ RETENTION_CHECK_MINUTES: '0' })).toThrow(/RETENTION_CHECK_MINUTES must be an integer from 1 to 10080/);
  });

  it('refuses bad Kafka settings, naming each', () => {
    let error: unknown;
    try {
      loadConfig({
        KAFKA_BROKERS: 'kafka',
        KAFKA_SSL: 'yes',
        KAFKA_SASL_MECHANISM: 'gssapi',
        KAFKA_TOPIC_PREFIX: 'a b',
        KAFKA_CREATE_TOPICS: '1',
      });
    } catch (e) {
      error = e;
    }
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['KAFKA_BROKERS', 'KAFKA_SSL', 'KAFKA_SASL_MECHANISM', 'KAFKA_TOPIC_PREFIX', 'KAFKA_CREATE_TOPICS'])
      expect(problems).toContain(name);
    expect(() => loadConfig({ KAFKA_BROKERS: 'k:9092', KAFKA_SASL_MECHANISM: 'plain' })).toThrow(
      'KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD',
    );
    expect(() => loadConfig({ KAFKA_BROKERS: 'k:9092', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' })).toThrow(
      'need KAFKA_SASL_MECHANISM',
    );
    expect(() => loadConfig({ KAFKA_BROKERS: 'k:9092', KAFKA_TOPIC_PREFIX: 'p'.repeat(185) })).toThrow('at most 184 characters');
    expect(() => loadConfig({ KAFKA_BROKERS: 'k:9092', KAFKA_SAC_TOPIC: '..' })).toThrow('KAFKA_SAC_TOPIC must be a Kafka topic name');
    const clear = loadConfig({
      KAFKA_BROKERS: 'k:9092',
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: 'u',
      KAFKA_SASL_PASSWORD: 'p',
    });
    expect(clear.warnings).toContain('KAFKA_SASL_* without KAFKA_SSL=true: the Kafka credentials travel in clear text');
  });
});
