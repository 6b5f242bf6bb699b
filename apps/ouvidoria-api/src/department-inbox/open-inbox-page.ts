import { ERASED, type DepartmentRequester } from '@app/domain';
import { SEALED, type SealedValuesRef } from '../personal-data/sealed-values-ref';
import type { SubjectKeys } from '../personal-data/subject-keys';
import type { InboxItem, InboxPage, StoredInboxPage } from './department-inbox.reader';

type Values = Record<string, string>;

/**
 * The page as the department sees it: each `[sealed]` value opened from the event it came from,
 * all of the page's at once; `[erased]` where the subject's keys were destroyed. Only what the
 * forwarding row shows is put back: the rest of the event's values (the requester's document when
 * not shared, the access code's hash) is opened and dropped.
 */
export async function openInboxPage(page: StoredInboxPage, keys: Pick<SubjectKeys, 'openValues'>): Promise<InboxPage> {
  const refs: SealedValuesRef[] = [];
  const at = (ref: SealedValuesRef | null) => (ref ? refs.push(ref) - 1 : -1);
  const places = page.items.map(({ facts, forwarding, reply }) => [at(facts), at(forwarding), at(reply)]);
  const opened = refs.length === 0 ? [] : await keys.openValues(refs);
  const valuesAt = (index: number): Values | undefined => (index < 0 ? undefined : opened[index]);
  return {
    items: page.items.map(({ item }, i) => {
      const [facts, forwarding, reply] = places[i].map(valuesAt);
      return withOpened(item, facts, forwarding, reply);
    }),
    nextCursor: page.nextCursor,
  };
}

function withOpened(item: InboxItem, facts?: Values, forwarding?: Values, reply?: Values): InboxItem {
  /** The value at `path` of the values opened, where the stored value is `[sealed]`. */
  const put = (stored: string, values: Values | undefined, path: string) =>
    stored !== SEALED || values === undefined ? stored : (values[path] ?? ERASED);
  const requester =
    item.requester &&
    (Object.fromEntries(
      Object.entries(item.requester).map(([field, value]) => [field, put(value, facts, `requester.${field}`)]),
    ) as DepartmentRequester);
  return {
    ...item,
    subject: put(item.subject, facts, 'subject'),
    description: put(item.description, facts, 'description'),
    instructions: put(item.instructions, forwarding, 'instructions'),
    ...(requester ? { requester } : {}),
    ...(item.reply ? { reply: { ...item.reply, text: put(item.reply.text, reply, 'text') } } : {}),
  };
}
