/**
 * No import cycles in src/, between files or between sibling folders. The layer rules in ESLint keep
 * imports running down between layers; a cycle inside one layer (two modules that need each other)
 * they cannot see, so the whole graph is checked here. Imports are listed by TypeScript's own
 * pre-processor, type-only imports included: a cycle of types is still two modules that cannot be
 * understood, or moved, one without the other.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const SRC = path.join(__dirname, '..', '..', 'src');

type Graph = Map<string, Set<string>>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

function resolveLocal(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier);
  return [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((candidate) => {
    try {
      return statSync(candidate).isFile();
    } catch {
      return false;
    }
  });
}

function fileGraph(): Graph {
  const graph: Graph = new Map();
  for (const file of sourceFiles(SRC)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles.map((imported) => resolveLocal(file, imported.fileName)).filter((target): target is string => target !== undefined);
    graph.set(path.relative(SRC, file), new Set(targets.map((target) => path.relative(SRC, target))));
  }
  return graph;
}

/**
 * The folders directly inside `parent`, each taken with everything beneath it, and which of them
 * import which. A folder's own files sit beside its subfolders and serve them both ways (engine/
 * grid.ts under engine/locate, engine/evaluate.ts over it), so parent and child are not compared;
 * siblings are, at every level, and the top level is the layers.
 */
function siblingGraph(files: Graph, parent: string): Graph {
  const childOf = (file: string): string | undefined => {
    const relative = path.relative(parent, file);
    if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    const parts = relative.split(path.sep);
    return parts.length > 1 ? path.join(parent, parts[0]) : undefined;
  };
  const graph: Graph = new Map();
  for (const [file, targets] of files) {
    const from = childOf(file);
    if (from === undefined) continue;
    const edges = graph.get(from) ?? new Set<string>();
    for (const target of targets) {
      const to = childOf(target);
      if (to !== undefined && to !== from) edges.add(to);
    }
    graph.set(from, edges);
  }
  return graph;
}

function folders(files: Graph): string[] {
  const all = new Set<string>();
  for (const file of files.keys()) for (let dir = path.dirname(file); dir !== '.'; dir = path.dirname(dir)) all.add(dir);
  return ['', ...all];
}

/** The strongly connected components with more than one member, or with an edge to themselves (Tarjan). */
export function cycles(graph: Graph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)?.has(node)) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe('import cycles', () => {
  it('finds a cycle, and only a cycle', () => {
    const graph: Graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a', 'd'])],
      ['d', new Set<string>()],
      ['e', new Set(['e'])],
    ]);
    expect(cycles(graph)).toEqual([['a', 'b', 'c'], ['e']]);
    expect(cycles(new Map([['a', new Set(['b'])]]))).toEqual([]);
  });

  const files = fileGraph();

  it('reads the imports of every source file', () => {
    expect(files.size).toBeGreaterThan(100);
    expect(files.get(path.join('engine', 'evaluate.ts'))).toContain(path.join('engine', 'read-rows.ts'));
  });

  it('has no cycle between files', () => {
    expect(cycles(files)).toEqual([]);
  });

  it('sees the layers as siblings', () => {
    expect(siblingGraph(files, '').get('app')).toContain('engine');
    expect(siblingGraph(files, 'engine').get(path.join('engine', 'score'))).toContain(path.join('engine', 'locate'));
  });

  it('has no cycle between sibling folders, the layers included', () => {
    const found = folders(files).flatMap((parent) => cycles(siblingGraph(files, parent)));
    expect(found).toEqual([]);
  });
});
