import { SourceMap } from 'node:module';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { BundleSourceMap, type SourceMapPayload } from '../../../src/compiler/source-map.ts';

const FILES: Record<string, string> = {
  'entry.ts': "import { a } from './a.ts';\nimport { b } from './b.ts';\nexport const all = [a(1), b('x')];\n",
  'a.ts': 'export function a(n: number): number {\n  const twice = n * 2;\n  return twice + 1;\n}\n',
  'b.ts': "export const b = (s: string) =>\n  [s, s.toUpperCase(), `${s}!`].join(', ');\n",
};

async function bundle(): Promise<{ code: string; payload: SourceMapPayload }> {
  const memory: Plugin = {
    name: 'memory',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => ({ path: args.path.replace('./', ''), namespace: 'memory' }));
      b.onLoad({ filter: /.*/, namespace: 'memory' }, (args) => ({ contents: FILES[args.path]!, loader: 'ts' }));
    },
  };
  const result = await build({
    entryPoints: ['entry.ts'], bundle: true, format: 'esm', sourcemap: 'external', sourcesContent: false, write: false, outfile: 'out.mjs', logLevel: 'silent', plugins: [memory],
  });
  const text = (suffix: string) => result.outputFiles.find((f) => f.path.endsWith(suffix))!.text;
  return { code: text('.mjs'), payload: JSON.parse(text('.mjs.map')) as SourceMapPayload };
}

describe('the bundle source map', () => {
  it("finds what Node's SourceMap finds, at every position of the bundle", async () => {
    const { code, payload } = await bundle();
    const ours = new BundleSourceMap(payload);
    const node = new SourceMap(payload as ConstructorParameters<typeof SourceMap>[0]);
    const lines = code.split('\n');
    let mapped = 0;
    for (let line = 0; line < lines.length + 1; line++) {
      for (let column = 0; column <= (lines[line]?.length ?? 0); column++) {
        const entry = node.findEntry(line, column) as { originalSource?: string; originalLine?: number };
        const expected = entry.originalSource ? { source: entry.originalSource, line: entry.originalLine } : undefined;
        expect(ours.find(line, column)).toEqual(expected);
        if (expected) mapped++;
      }
    }
    expect(mapped).toBeGreaterThan(50);
  });

  it('names the source and 0-based line of a declaration', async () => {
    const { code, payload } = await bundle();
    const lines = code.split('\n');
    const line = lines.findIndex((l) => l.includes('twice + 1'));
    expect(new BundleSourceMap(payload).find(line, lines[line]!.indexOf('twice'))).toEqual({ source: expect.stringMatching(/a\.ts$/), line: 2 });
  });

  it('maps nothing before the first mapping', () => {
    expect(new BundleSourceMap({ sources: ['a.ts'], mappings: ';;AAAA' }).find(1, 5)).toBeUndefined();
    expect(new BundleSourceMap({ sources: ['a.ts'], mappings: ';;AAAA' }).find(2, 0)).toEqual({ source: 'a.ts', line: 0 });
  });
});
