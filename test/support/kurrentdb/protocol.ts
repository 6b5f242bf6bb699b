import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import { StreamIdentifier, UUID } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb';

/**
 * Small conversions between the generated v1 messages (the very classes the client serialises) and
 * plain values. The client package generates its protobufs with `jstype = JS_STRING`, so every
 * uint64/int64 (revisions, positions, counts, ticks) travels as a decimal string.
 */

const U64 = (1n << 64n) - 1n;

export function streamName(identifier: StreamIdentifier | undefined): string {
  return Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
}

export function streamIdentifier(name: string): StreamIdentifier {
  return new StreamIdentifier().setStreamName(Buffer.from(name, 'utf8'));
}

/** Clients may send either form; KurrentDB's `Uuid` puts the two big-endian halves in int64s. */
export function uuidString(uuid: UUID | undefined): string | undefined {
  if (uuid?.hasStructured()) {
    const half = (bits: string) => (BigInt(bits) & U64).toString(16).padStart(16, '0');
    const hex = half(uuid.getStructured()!.getMostSignificantBits()) + half(uuid.getStructured()!.getLeastSignificantBits());
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  return uuid?.hasString() ? uuid.getString().toLowerCase() : undefined;
}

/** Reads answer in the form the request's `uuid_option` asked for. */
export function uuidMessage(id: string, structured: boolean): UUID {
  if (!structured) return new UUID().setString(id);
  const hex = id.replace(/-/g, '');
  const half = (part: string) => BigInt.asIntN(64, BigInt(`0x${part}`)).toString();
  return new UUID().setStructured(
    new UUID.Structured().setMostSignificantBits(half(hex.slice(0, 16))).setLeastSignificantBits(half(hex.slice(16))),
  );
}

/** .NET ticks (100 ns) since the Unix epoch: what KurrentDB puts in `created` and gossip timestamps. */
export function ticksNow(): bigint {
  return BigInt(Date.now()) * 10_000n;
}

export function timestampNow(): Timestamp {
  return Timestamp.fromDate(new Date());
}
