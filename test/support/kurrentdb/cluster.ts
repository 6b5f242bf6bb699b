import type { handleUnaryCall } from '@grpc/grpc-js';
import { ClusterInfo, EndPoint, MemberInfo } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/gossip_pb';
import { SupportedMethod, SupportedMethods } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_pb';
import type { Empty } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb';
import { ticksNow, uuidMessage } from './protocol';

/**
 * A version without the v2 protocol (multi-stream appends came with 25.1), so the client never
 * picks a method this server lacks; the methods listed are exactly those implemented, named and
 * featured as KurrentDB's ServerFeatures service names them (lower case).
 */
export const SERVER_VERSION = '25.0.0';

const SUPPORTED: ReadonlyArray<readonly [service: string, method: string, features: string[]]> = [
  ['event_store.client.streams.streams', 'read', ['position', 'events']],
  ['event_store.client.streams.streams', 'append', []],
  ['event_store.client.streams.streams', 'batchappend', ['deadline_duration']],
  ['event_store.client.gossip.gossip', 'read', []],
  ['event_store.client.server_features.serverfeatures', 'getsupportedmethods', []],
];

export const getSupportedMethods: handleUnaryCall<Empty, SupportedMethods> = (_call, callback) => {
  const methods = SUPPORTED.map(([service, method, features]) =>
    new SupportedMethod().setServiceName(service).setMethodName(method).setFeaturesList(features),
  );
  callback(null, new SupportedMethods().setEventStoreServerVersion(SERVER_VERSION).setMethodsList(methods));
};

/** A single node that is its own alive leader, which is what discovery (several hosts, `+discover`) looks for. */
export function gossip(node: { instanceId: string; host: string; port: number }): handleUnaryCall<Empty, ClusterInfo> {
  return (_call, callback) => {
    const member = new MemberInfo()
      .setInstanceId(uuidMessage(node.instanceId, true))
      .setTimeStamp(ticksNow().toString())
      .setState(MemberInfo.VNodeState.LEADER)
      .setIsAlive(true)
      .setHttpEndPoint(new EndPoint().setAddress(node.host).setPort(node.port));
    callback(null, new ClusterInfo().setMembersList([member]));
  };
}
