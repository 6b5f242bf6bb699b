import { personalFieldsOf } from '@app/domain';

type Json = Record<string, unknown>;

/** A personal field's dotted path, split once: the objects it goes through and the field at its end. */
export interface PersonalPath {
  readonly path: string;
  readonly parents: readonly string[];
  readonly field: string;
}

const byType = new Map<string, readonly PersonalPath[]>();

/** The personal paths of an event type (`PERSONAL_FIELDS`), split once per type. */
export function personalPathsOf(type: string): readonly PersonalPath[] {
  let paths = byType.get(type);
  if (!paths) {
    paths = personalFieldsOf(type).map((path) => {
      const parts = path.split('.');
      return { path, parents: parts.slice(0, -1), field: parts[parts.length - 1] };
    });
    byType.set(type, paths);
  }
  return paths;
}

/**
 * A copy of `data` in which the objects along the paths are new (the rest shared): what is
 * written along them changes neither the caller's event nor another reader's. Cheaper than a deep
 * copy, which every event read would otherwise pay.
 */
export function copyAlong(data: Json, paths: readonly PersonalPath[]): Json {
  const copy = { ...data };
  let copied: Set<unknown> | undefined;
  for (const { parents } of paths) {
    let node = copy;
    for (const part of parents) {
      const child = node[part];
      if (!child || typeof child !== 'object') break;
      copied ??= new Set();
      if (!copied.has(child)) copied.add((node[part] = { ...(child as Json) }));
      node = node[part] as Json;
    }
  }
  return copy;
}

/** The object holding the path's field, or undefined when the path does not go through. */
export function parentOf(data: Json, { parents }: PersonalPath): Json | undefined {
  let node: unknown = data;
  for (const part of parents) {
    node = node && typeof node === 'object' ? (node as Json)[part] : undefined;
  }
  return node && typeof node === 'object' ? (node as Json) : undefined;
}
