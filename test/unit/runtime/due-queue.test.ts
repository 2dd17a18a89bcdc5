import { expect, it } from 'vitest';
import { DueQueue } from '../../../src/runtime/pipeline/due-queue.ts';

function drain<T>(queue: DueQueue<T>): [number, T][] {
  const out: [number, T][] = [];
  for (let top = queue.peek(); top; top = queue.peek()) {
    out.push([top.at, top.item]);
    queue.pop();
  }
  return out;
}

it('gives the earliest first, and things due at the same time in the order they were pushed', () => {
  const queue = new DueQueue<string>();
  for (const [at, item] of [[30, 'c'], [10, 'a1'], [20, 'b'], [10, 'a2'], [Infinity, 'never'], [10, 'a3']] as const) queue.push(at, item);
  expect(queue.size).toBe(6);
  expect(queue.peek()).toMatchObject({ at: 10, item: 'a1' });
  expect(queue.size).toBe(6);
  expect(drain(queue)).toEqual([[10, 'a1'], [10, 'a2'], [10, 'a3'], [20, 'b'], [30, 'c'], [Infinity, 'never']]);
  expect(queue.peek()).toBeUndefined();
});

it('keeps that order through pushes and pops mixed, as a list searched for its least would', () => {
  const queue = new DueQueue<number>();
  const list: { at: number; item: number }[] = [];
  let seed = 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 3000; i++) {
    if (random() < 0.55) {
      const at = Math.floor(random() * 50);
      queue.push(at, i);
      list.push({ at, item: i });
      continue;
    }
    // The least time, and of those the first pushed (items are pushed in increasing order).
    const least = list.reduce<{ at: number; item: number } | undefined>((a, b) => (a === undefined || b.at < a.at ? b : a), undefined);
    expect(queue.peek() && { at: queue.peek()!.at, item: queue.peek()!.item }).toEqual(least);
    if (least) list.splice(list.indexOf(least), 1);
    queue.pop();
  }
  expect(queue.size).toBe(list.length);
});

it('empties on clear', () => {
  const queue = new DueQueue<string>();
  queue.push(1, 'a');
  queue.push(2, 'b');
  queue.clear();
  expect(queue.size).toBe(0);
  expect(queue.peek()).toBeUndefined();
  queue.push(3, 'c');
  expect(drain(queue)).toEqual([[3, 'c']]);
});
