/** Grafana's slug of a dashboard title, checked against cases from Grafana's own slugify tests. */
import { describe, expect, it } from 'vitest';
import { grafanaSlug } from '../../../src/grafana/slug.ts';

describe('grafanaSlug', () => {
  it('lower-cases, turns spaces into dashes and drops the punctuation Grafana drops', () => {
    expect(grafanaSlug('Hello, playground')).toBe('hello-playground');
    expect(grafanaSlug('Sync (System) Overview.')).toBe(grafanaSlug('sync system overview'));
    expect(grafanaSlug('Errors & retries @ edge')).toBe('errors-and-retries-at-edge');
  });

  it('keeps apart titles that differ in more than case and that punctuation', () => {
    expect(grafanaSlug('Sync Overview')).not.toBe(grafanaSlug('Sync-Overview!'));
    expect(grafanaSlug('Alert rules: conditions')).toBe('alert-rules3a-conditions');
  });

  it('reduces accented letters to their base letter', () => {
    expect(grafanaSlug('Cộng hòa xã hội chủ nghĩa Việt Nam')).toBe('cong-hoa-xa-hoi-chu-nghia-viet-nam');
  });

  it('names an empty or long slug by a UUID of the title, as Grafana does', () => {
    expect(grafanaSlug('')).toBe('0a68eb57-c88a-5f34-9e9d-27f85e68af4f');
    expect(grafanaSlug('😢 😣 😤 😥 😦 😧 😨 😩 😪 😫 😬')).toBe('61db60b5-f1e7-5853-9b81-0f074fc268ea');
  });
});
