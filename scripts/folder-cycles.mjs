// Import cycles between feature folders (`npm run lint`): a cycle between two of them is a design
// smell even when no two files import each other. A file's folder is its first-level folder under a
// root given on the command line (src/kafka, src/http; libs/domain); a use case's subfolder belongs
// to its feature. Exits 1 and names each cycle.
import { cruise } from 'dependency-cruiser';

const roots = process.argv.slice(2).map((root) => root.replace(/\/$/, ''));
/** `root/first-level-folder`, or null for a file directly under a root (a composition root such as main.ts). */
function folderOf(path) {
  const root = roots.find((r) => path.startsWith(`${r}/`));
  if (!root) return null;
  const rest = path.slice(root.length + 1).split('/');
  return rest.length > 1 ? `${root}/${rest[0]}` : null;
}

const { output } = await cruise(roots, {
  exclude: { path: ['\\.spec\\.ts$', '\\.int-spec\\.ts$', '/test-support/'] },
  doNotFollow: { path: 'node_modules' },
  tsPreCompilationDeps: true,
  tsConfig: { fileName: 'tsconfig.json' },
});

const edges = new Map();
for (const module of output.modules) {
  const from = folderOf(module.source);
  if (!from) continue;
  for (const dependency of module.dependencies) {
    const to = folderOf(dependency.resolved);
    if (!to || to === from) continue;
    if (!edges.has(from)) edges.set(from, new Set());
    edges.get(from).add(to);
  }
}

// Tarjan's strongly connected components: every component of more than one folder is a cycle.
let index = 0;
const stack = [];
const state = new Map();
const cycles = [];
function visit(folder) {
  const own = { index, low: index, onStack: true };
  index++;
  state.set(folder, own);
  stack.push(folder);
  for (const next of edges.get(folder) ?? []) {
    if (!state.has(next)) {
      visit(next);
      own.low = Math.min(own.low, state.get(next).low);
    } else if (state.get(next).onStack) {
      own.low = Math.min(own.low, state.get(next).index);
    }
  }
  if (own.low !== own.index) return;
  const component = [];
  for (let member; member !== folder;) {
    member = stack.pop();
    state.get(member).onStack = false;
    component.push(member);
  }
  if (component.length > 1) cycles.push(component.sort());
}
for (const folder of edges.keys()) if (!state.has(folder)) visit(folder);

for (const cycle of cycles) console.error(`cycle: ${cycle.join(' <-> ')}`);
console.log(`${cycles.length} folder cycles`);
process.exit(cycles.length === 0 ? 0 : 1);
