import { z } from 'zod';

const vectorResponse = z.object({
  status: z.literal('success'),
  data: z.object({ resultType: z.literal('vector'), result: z.array(z.object({ value: z.tuple([z.number(), z.string()]) })) }),
});

/** The values of an instant query's result (empty when nothing matches or Prometheus is not up). */
export async function queryValues(prometheus: string, promql: string): Promise<number[]> {
  try {
    const response = await fetch(`${prometheus}/api/v1/query?query=${encodeURIComponent(promql)}`);
    return vectorResponse.parse(await response.json()).data.result.map((r) => Number(r.value[1]));
  } catch {
    return [];
  }
}

/** Polls `promql` until `accept` takes its values; rejects after `timeoutMs`, naming the query. */
export async function waitForQuery(prometheus: string, promql: string, accept: (values: number[]) => boolean, timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const values = await queryValues(prometheus, promql);
    if (accept(values)) return values;
    if (Date.now() > deadline) throw new Error(`${promql} did not reach the expected value within ${timeoutMs / 1000}s (last: ${JSON.stringify(values)})`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
