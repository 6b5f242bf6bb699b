import { BusinessCalendar, OPERATOR_REGISTRATION_PATTERN, type CalendarConfig } from '@app/domain';
import { isConnectionString, type SynchronousMode } from '@app/event-store';
import { resolve } from 'node:path';
import { attachmentsConfig, type AttachmentsConfig } from './attachments-config';
import { notificationsConfig, type NotificationsConfig } from './notifications-config';
import { operationsConfig, type OperationsConfig } from './operations-config';
import { personalDataConfig, type PersonalDataConfig } from './personal-data-config';

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  /** Where the log lives: the embedded SQLite file (default), or a KurrentDB shared by several instances. */
  eventStore: { kind: 'sqlite' } | { kind: 'kurrentdb'; url: string };
  /** What every stream of this product is prefixed with in KurrentDB (a cluster may serve other applications). */
  kurrentStreamPrefix: string;
  sqliteSynchronous: SynchronousMode;
  operatorRegistration: string;
  calendar: CalendarConfig;
  answerDeadlineBusinessDays: number;
  maxExtensionBusinessDays: number;
  http: HttpLimits;
  /** How often the log is sealed (see docs/architecture.md, "Tamper evidence"). */
  seals: { intervalMs: number; maxEvents: number };
  auth: AuthConfig;
  personalData: PersonalDataConfig;
  /** Requests per minute per client (token subject, or IP when there is none); 0 = no limit. */
  rateLimitPerMinute: number;
  /** The requester's routes (`/public/...`, access code instead of a token). */
  publicAccess: PublicAccessLimits;
  /** Absent: no Kafka, the embedded default. */
  kafka?: KafkaConfig;
  notifications: NotificationsConfig;
  attachments: AttachmentsConfig;
  operations: OperationsConfig;
  /** Printed at start-up: settings that work but deserve the operator's attention. */
  warnings: string[];
}

/** What one client may cost the server: a body's size, and how long it may take to send a request. */
export interface HttpLimits {
  bodyLimitBytes: number;
  /** The whole request, headers and body, must arrive within this (then 408 and the connection closes). */
  requestTimeoutMs: number;
  /** The headers must arrive within this. */
  headersTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
}

/** What guessing access codes costs: a rate per address, and a lock per protocol after wrong codes. */
export interface PublicAccessLimits {
  perAddressPerMinute: number;
  failuresBeforeLock: number;
  lockMinutes: number;
}

/** HS256 wants at least 256 bits of key. */
export const MIN_SECRET_LENGTH = 32;

/** Where token keys come from: a shared HS256 secret (default, kept in DATA_DIR) or a JWKS URL. */
export interface AuthConfig {
  secret?: string;
  jwksUrl?: URL;
  issuer?: string;
  audience?: string;
}

export interface KafkaConfig {
  brokers: string[];
  clientId: string;
  ssl: boolean;
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
  /** `<prefix>.manifestations.v1`, `<prefix>.department.<code>.v1`. */
  topicPrefix: string;
  sacTopic: string;
  sacGroup: string;
  /** `ce_source` of every message: who publishes. */
  source: string;
  idempotentProducer: boolean;
  createTopics: boolean;
  /** How long the relay lease lasts without renewal: the longest an instance's death stops the relay. */
  relayLeaseMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export const APP_CONFIG = Symbol('AppConfig');

const SYNC_MODES: SynchronousMode[] = ['NORMAL', 'FULL', 'EXTRA'];

/** Reads and validates the environment; every problem is reported at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const warnings: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  };
  const list = (raw: string | undefined, fallback: string[]) =>
    raw === undefined || raw.trim() === ''
      ? fallback
      : raw
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);

  const operatorRegistration = env.OPERATOR_ANS_REGISTRATION || '000000';
  if (!OPERATOR_REGISTRATION_PATTERN.test(operatorRegistration)) {
    problems.push(`OPERATOR_ANS_REGISTRATION must be the 6-digit ANS registration, got "${operatorRegistration}"`);
  } else if (operatorRegistration === '000000') {
    warnings.push('OPERATOR_ANS_REGISTRATION is not set: protocols start with 000000; set your 6-digit ANS registration');
  }

  const synchronous = (env.SQLITE_SYNCHRONOUS ?? 'FULL').toUpperCase() as SynchronousMode;
  if (!SYNC_MODES.includes(synchronous)) {
    problems.push(`SQLITE_SYNCHRONOUS must be one of ${SYNC_MODES.join(', ')}, got "${env.SQLITE_SYNCHRONOUS}"`);
  } else if (synchronous === 'NORMAL') {
    warnings.push('SQLITE_SYNCHRONOUS=NORMAL: acknowledged writes may be lost if the operating system crashes');
  }

  const calendar: CalendarConfig = {
    timeZone: env.TIMEZONE || 'America/Sao_Paulo',
    region: env.HOLIDAYS_REGION || 'BR',
    holidayTypes: list(env.HOLIDAY_TYPES, ['public']),
    extraHolidays: list(env.EXTRA_HOLIDAYS, []),
  };
  problems.push(...BusinessCalendar.validate(calendar).map((p) => `calendar: ${p}`));

  const answerDeadlineBusinessDays = int('ANSWER_DEADLINE_BUSINESS_DAYS', 7, 1, 30);
  // RN 323: an agreed deadline may not exceed 30 business days.
  const maxExtensionBusinessDays = int('MAX_EXTENSION_BUSINESS_DAYS', 30, 1, 30);
  if (maxExtensionBusinessDays <= answerDeadlineBusinessDays) {
    problems.push('MAX_EXTENSION_BUSINESS_DAYS must be greater than ANSWER_DEADLINE_BUSINESS_DAYS');
  }

  const auth = authConfig(env, problems);
  const eventStore = eventStoreConfig(env, problems);

  const port = int('PORT', 3000, 0, 65535);
  const host = env.HOST || '0.0.0.0';
  const config: AppConfig = {
    port,
    host,
    dataDir: resolve(env.DATA_DIR || './data'),
    eventStore,
    kurrentStreamPrefix: streamPrefix(env, problems),
    sqliteSynchronous: synchronous,
    operatorRegistration,
    calendar,
    answerDeadlineBusinessDays,
    maxExtensionBusinessDays,
    http: httpLimits(int),
    seals: {
      intervalMs: int('AUDIT_SEAL_INTERVAL_SECONDS', 5, 1, 3600) * 1000,
      maxEvents: int('AUDIT_SEAL_MAX_EVENTS', 1000, 1, 1_000_000),
    },
    auth,
    personalData: personalDataConfig(env, problems, eventStore.kind === 'kurrentdb', int),
    rateLimitPerMinute: int('RATE_LIMIT_PER_MINUTE', 1200, 0, 1_000_000),
    publicAccess: {
      perAddressPerMinute: int('PUBLIC_RATE_LIMIT_PER_MINUTE', 30, 1, 100_000),
      failuresBeforeLock: int('PUBLIC_LOCKOUT_FAILURES', 5, 1, 1000),
      lockMinutes: int('PUBLIC_LOCKOUT_MINUTES', 15, 1, 1440),
    },
    kafka: kafkaConfig(env, operatorRegistration, problems, warnings, int),
    notifications: notificationsConfig(env, problems, int),
    attachments: attachmentsConfig(env, problems, int),
    operations: operationsConfig(env, problems, int, host, port),
    warnings,
  };
  if (eventStore.kind === 'kurrentdb' && config.attachments.store.kind === 'folder') {
    warnings.push(
      'EVENT_STORE=kurrentdb with attachments in DATA_DIR: a file added on one instance cannot be read on another; set ATTACHMENTS_S3_BUCKET',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function eventStoreConfig(env: NodeJS.ProcessEnv, problems: string[]): AppConfig['eventStore'] {
  const kind = (env.EVENT_STORE || 'sqlite').toLowerCase();
  const url = env.KURRENTDB_URL;
  if (kind === 'sqlite') {
    if (url) problems.push('KURRENTDB_URL is set but EVENT_STORE is not kurrentdb: set EVENT_STORE=kurrentdb, or unset KURRENTDB_URL');
    return { kind: 'sqlite' };
  }
  if (kind !== 'kurrentdb') {
    problems.push(`EVENT_STORE must be sqlite or kurrentdb, got "${env.EVENT_STORE}"`);
    return { kind: 'sqlite' };
  }
  if (!url) {
    problems.push(
      'EVENT_STORE=kurrentdb needs KURRENTDB_URL, a connection string such as kurrentdb://host1:2113,host2:2113,host3:2113?tls=true',
    );
    return { kind: 'sqlite' };
  }
  if (!isConnectionString(url)) {
    // The string may carry a password: it is not echoed.
    problems.push(
      'KURRENTDB_URL is not a KurrentDB connection string: kurrentdb://host:port[,host:port...][?tls=true|false] or kurrentdb+discover://host:port',
    );
    return { kind: 'sqlite' };
  }
  return { kind: 'kurrentdb', url };
}

function streamPrefix(env: NodeJS.ProcessEnv, problems: string[]): string {
  const prefix = env.KURRENTDB_STREAM_PREFIX ?? 'ouvidoria-';
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/.test(prefix)) {
    problems.push(`KURRENTDB_STREAM_PREFIX must be 1 to 40 letters, digits, ., _ or -, not starting with $, got "${prefix}"`);
  }
  return prefix;
}

function httpLimits(int: (name: string, fallback: number, min: number, max: number) => number): HttpLimits {
  const seconds = (name: string, fallback: number) => int(name, fallback, 1, 600) * 1000;
  const headersTimeoutMs = seconds('HTTP_HEADERS_TIMEOUT_SECONDS', 10);
  return {
    bodyLimitBytes: 1024 * 1024,
    // Node requires the headers' deadline to fall within the request's.
    requestTimeoutMs: Math.max(headersTimeoutMs, seconds('HTTP_REQUEST_TIMEOUT_SECONDS', 20)),
    headersTimeoutMs,
    keepAliveTimeoutMs: seconds('HTTP_KEEP_ALIVE_TIMEOUT_SECONDS', 5),
  };
}

function authConfig(env: NodeJS.ProcessEnv, problems: string[]): AuthConfig {
  const auth: AuthConfig = {
    secret: env.JWT_SECRET || undefined,
    issuer: env.JWT_ISSUER || undefined,
    audience: env.JWT_AUDIENCE || undefined,
  };
  if (auth.secret !== undefined && auth.secret.length < MIN_SECRET_LENGTH) {
    problems.push(`JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters (HS256 needs 256 bits)`);
  }
  if (env.JWT_JWKS_URL) {
    if (auth.secret !== undefined) problems.push('set JWT_SECRET or JWT_JWKS_URL, not both');
    const url = URL.canParse(env.JWT_JWKS_URL) ? new URL(env.JWT_JWKS_URL) : null;
    // Keys fetched in clear text could be swapped on the way: https, unless on this machine.
    const loopback = url !== null && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    if (url?.protocol === 'https:' || (url?.protocol === 'http:' && loopback)) {
      auth.jwksUrl = url;
    } else {
      problems.push(`JWT_JWKS_URL must be an https URL (http only on localhost), got "${env.JWT_JWKS_URL}"`);
    }
    // An identity provider signs tokens for many applications: only those meant for this one count.
    if (!auth.audience) problems.push('JWT_AUDIENCE is required with JWT_JWKS_URL: the audience your provider puts in tokens for this API');
  }
  return auth;
}

const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
/** Kafka topic names: at most 249 characters of these, and not `.` or `..`. */
const TOPIC = /^[A-Za-z0-9._-]+$/;
/** Room left for `.department.<50-character code>.v1` and for `.dlq`. */
const MAX_PREFIX = 249 - '.department.'.length - 50 - '.v1'.length;
const MAX_SAC_TOPIC = 249 - '.dlq'.length;

function kafkaConfig(
  env: NodeJS.ProcessEnv,
  operatorRegistration: string,
  problems: string[],
  warnings: string[],
  int: (name: string, fallback: number, min: number, max: number) => number,
): KafkaConfig | undefined {
  const brokers = (env.KAFKA_BROKERS ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (brokers.length === 0) return undefined;
  for (const broker of brokers) {
    if (!/^[A-Za-z0-9.-]+:\d{1,5}$/.test(broker)) problems.push(`KAFKA_BROKERS must be host:port[,host:port...], got "${broker}"`);
  }
  const flag = (name: string, fallback: boolean) => {
    const raw = env[name]?.trim().toLowerCase();
    if (raw === undefined || raw === '') return fallback;
    if (raw !== 'true' && raw !== 'false') problems.push(`${name} must be true or false, got "${env[name]}"`);
    return raw === 'true';
  };
  const topic = (name: string, fallback: string, max: number) => {
    const value = env[name] || fallback;
    if (!TOPIC.test(value) || value.length > max || value === '.' || value === '..') {
      problems.push(`${name} must be a Kafka topic name ([A-Za-z0-9._-], at most ${max} characters), got "${value}"`);
    }
    return value;
  };
  const mechanism = env.KAFKA_SASL_MECHANISM?.toLowerCase();
  if (!mechanism && (env.KAFKA_SASL_USERNAME || env.KAFKA_SASL_PASSWORD)) {
    problems.push('KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD need KAFKA_SASL_MECHANISM (plain, scram-sha-256 or scram-sha-512)');
  }
  let sasl: KafkaConfig['sasl'];
  if (mechanism) {
    if (!(SASL_MECHANISMS as readonly string[]).includes(mechanism)) {
      problems.push(`KAFKA_SASL_MECHANISM must be one of ${SASL_MECHANISMS.join(', ')}, got "${env.KAFKA_SASL_MECHANISM}"`);
    } else if (!env.KAFKA_SASL_USERNAME || !env.KAFKA_SASL_PASSWORD) {
      problems.push('KAFKA_SASL_MECHANISM needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD');
    } else {
      sasl = {
        mechanism: mechanism as (typeof SASL_MECHANISMS)[number],
        username: env.KAFKA_SASL_USERNAME,
        password: env.KAFKA_SASL_PASSWORD,
      };
    }
  }
  const sacTopic = topic('KAFKA_SAC_TOPIC', 'sac.escalations.v1', MAX_SAC_TOPIC);
  const ssl = flag('KAFKA_SSL', false);
  if (sasl && !ssl) warnings.push('KAFKA_SASL_* without KAFKA_SSL=true: the Kafka credentials travel in clear text');
  return {
    brokers,
    clientId: env.KAFKA_CLIENT_ID || 'ouvidoria',
    ssl,
    sasl,
    topicPrefix: topic('KAFKA_TOPIC_PREFIX', 'ouvidoria', MAX_PREFIX),
    sacTopic,
    sacGroup: env.KAFKA_SAC_GROUP || 'ouvidoria-sac-intake',
    source: env.CLOUDEVENTS_SOURCE || `urn:ans:operadora:${operatorRegistration}:ouvidoria`,
    idempotentProducer: flag('KAFKA_IDEMPOTENT_PRODUCER', true),
    createTopics: flag('KAFKA_CREATE_TOPICS', true),
    relayLeaseMs: int('KAFKA_RELAY_LEASE_SECONDS', 15, 3, 300) * 1000,
  };
}
