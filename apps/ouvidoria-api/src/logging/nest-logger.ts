import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';

/**
 * Nest's `Logger` calls (every `new Logger('Context')` of the app) written through pino, with the
 * context as a field. Nest passes `(message, context)`, or for errors `(message, stack, context)`.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    const context = rest.length > 1 || (rest.length === 1 && !looksLikeStack(rest[0])) ? rest.pop() : undefined;
    const stack = rest.find((r) => typeof r === 'string');
    this.logger.error({ ...(context ? { context } : {}), ...(stack ? { stack } : {}) }, text(message));
  }

  private write(level: 'info' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, rest: unknown[]): void {
    const context = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    // Nest's own start-up chatter (one line per module and route) is debug: the operator reads "listening on".
    const quiet = level === 'info' && context !== undefined && NEST_START_UP.has(context);
    this.logger[quiet ? 'debug' : level](context ? { context } : {}, text(message));
  }
}

const NEST_START_UP = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);
const looksLikeStack = (value: unknown) => typeof value === 'string' && /\n\s+at /.test(value);
const text = (message: unknown) =>
  message instanceof Error ? message.message : typeof message === 'string' ? message : JSON.stringify(message);
