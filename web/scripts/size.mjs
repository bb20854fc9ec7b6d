// The customer journey's JavaScript, gzipped: the entry chunk and every chunk it imports
// statically (Vite's manifest), not the lazily loaded ones (staff pages). Fails above the budget.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_BYTES = 150 * 1024;
const dist = new URL("../dist/", import.meta.url).pathname;

let manifest;
try {
  manifest = JSON.parse(readFileSync(join(dist, ".vite/manifest.json"), "utf8"));
} catch {
  console.error("No build to measure: run `npm run build` first.");
  process.exit(2);
}

const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
const seen = new Set();
const visit = (key) => {
  if (seen.has(key)) return;
  seen.add(key);
  for (const imported of manifest[key].imports ?? []) visit(imported);
};
visit(entry);

let total = 0;
for (const key of seen) {
  const file = manifest[key].file;
  const size = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  total += size;
  console.log(`${(size / 1024).toFixed(1).padStart(7)} KB  ${file}`);
}
const lazy = Object.values(manifest).filter((chunk) => chunk.isDynamicEntry).length;
console.log(`${(total / 1024).toFixed(1).padStart(7)} KB  customer journey JS, gzipped (budget ${BUDGET_BYTES / 1024} KB; ${lazy} lazy chunks not counted)`);
if (total > BUDGET_BYTES) {
  console.error(`Over budget by ${((total - BUDGET_BYTES) / 1024).toFixed(1)} KB.`);
  process.exit(1);
}
