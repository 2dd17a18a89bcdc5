/** What the demo reads of the notifier's groups API (GET /api/v1/groups/{id}, and the ack's answer). */
import { z } from 'zod';

export const groupViewSchema = z.object({
  id: z.string(),
  escalation: z.object({ told: z.array(z.string()), nextStepAt: z.string().nullable() }).optional(),
  acknowledged: z.object({ by: z.string(), at: z.string() }).nullable(),
});

export type GroupView = z.infer<typeof groupViewSchema>;

/** The group an acknowledge link (…/api/v1/groups/{id}/ack?…) is for. */
export function groupIdOfAckLink(link: string): string {
  const id = /\/api\/v1\/groups\/([^/]+)\/ack$/.exec(new URL(link).pathname)?.[1];
  if (!id) throw new Error(`not an acknowledge link of the notifier: ${link}`);
  return id;
}

export async function fetchGroup(notifier: string, id: string): Promise<GroupView> {
  const response = await fetch(`http://${notifier}/api/v1/groups/${id}`);
  if (!response.ok) throw new Error(`the notifier has no group ${id}: ${response.status} ${await response.text()}`);
  return groupViewSchema.parse(await response.json());
}
