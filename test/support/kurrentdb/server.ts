import { randomUUID } from 'node:crypto';
import { Server, ServerCredentials, type ServerDuplexStream, type ServerWritableStream } from '@grpc/grpc-js';
import { GossipService } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/gossip_grpc_pb';
import { ServerFeaturesService } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_grpc_pb';
import { StreamsService } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_grpc_pb';
import type { ReadReq, ReadResp } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
import { append } from './append';
import { batchAppend } from './batch-append';
import { deleteStream } from './delete';
import { getSupportedMethods, gossip } from './cluster';
import { shuttingDown, toRpcError } from './errors';
import { EventLog, type RecordedEvent } from './log';
import { read } from './read';
import { subscribe } from './subscriptions';
import { writeEpoch, writeFirstStartEvents } from './system-events';

const HOST = '127.0.0.1';

type OpenCall = ServerWritableStream<unknown, unknown> | ServerDuplexStream<unknown, unknown>;

/**
 * A single insecure KurrentDB node on the gRPC wire, in memory, inside the test process: the
 * real client connects to `url` as to a real node. The data belongs to the instance, so it
 * survives `stop()` / `restart()`, which make the node go away and come back on the same port.
 * See docs/kurrentdb-test-server.md for what it implements.
 */
export class KurrentDbTestServer {
  readonly url: string;
  private readonly log = new EventLog();
  private readonly instanceId = randomUUID();
  private readonly openCalls = new Set<OpenCall>();

  private constructor(
    private readonly port: number,
    private server: Server | undefined,
  ) {
    this.url = `kurrentdb://${HOST}:${port}?tls=false`;
  }

  static async start(options: { port?: number } = {}): Promise<KurrentDbTestServer> {
    const server = new Server();
    // Services are added right after binding, before any connection can be served: only then is the port known.
    const node = new KurrentDbTestServer(await bind(server, options.port ?? 0), server);
    node.addServices(server);
    writeEpoch(node.log, node.instanceId);
    writeFirstStartEvents(node.log);
    return node;
  }

  /** Everything in the log, system events included, in $all order. */
  get events(): readonly RecordedEvent[] {
    return this.log.events;
  }

  /** Stops listening and ends open reads, subscriptions and batch appends with UNAVAILABLE, as a node shutting down. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const call of this.openCalls) call.emit('error', shuttingDown());
    this.openCalls.clear();
    await shutDown(server);
  }

  /** Listens again on the same port with the same data; like a real node, it starts a new epoch. */
  async restart(): Promise<void> {
    if (this.server) return;
    const server = new Server();
    this.addServices(server);
    await bind(server, this.port);
    this.server = server;
    writeEpoch(this.log, this.instanceId);
  }

  private addServices(server: Server): void {
    server.addService(ServerFeaturesService, { getSupportedMethods });
    server.addService(GossipService, { read: gossip({ instanceId: this.instanceId, host: HOST, port: this.port }) });
    server.addService(StreamsService, {
      read: this.tracked((call: ServerWritableStream<ReadReq, ReadResp>) => {
        try {
          const options = call.request.getOptions();
          if (!options) throw new Error('a read needs options');
          if (options.hasSubscription()) subscribe(this.log, call, options);
          else read(this.log, call, options);
        } catch (error) {
          call.emit('error', toRpcError(error));
        }
      }),
      append: append(this.log),
      batchAppend: this.tracked(batchAppend(this.log)),
      delete: deleteStream(this.log),
    });
  }

  /** Long-lived calls are remembered so that `stop()` can end them the way a node going away does. */
  private tracked<Call extends OpenCall>(handler: (call: Call) => void): (call: Call) => void {
    return (call) => {
      this.openCalls.add(call);
      const forget = () => this.openCalls.delete(call);
      call.on('cancelled', forget);
      call.on('finish', forget);
      handler(call);
    };
  }
}

/**
 * Graceful first, so that the statuses just sent reach the clients before the connections close
 * (a forced shutdown would turn them into CANCELLED); forced if a client keeps a call open.
 */
function shutDown(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.forceShutdown(), 1000);
    server.tryShutdown(() => {
      clearTimeout(force);
      resolve();
    });
  });
}

function bind(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) =>
    server.bindAsync(`${HOST}:${port}`, ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
}
