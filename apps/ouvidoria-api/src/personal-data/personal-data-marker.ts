/**
 * What a sealed event's metadata says of its personal values: whose they are, which key sealed
 * them, and the values themselves, sealed together (one JSON object by path); in `data` each of
 * them reads `[sealed]`.
 */
export interface PersonalDataMarker {
  subject: string;
  keyId: string;
  values: string;
}
