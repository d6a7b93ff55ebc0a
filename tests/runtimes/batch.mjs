// Runs the evaluator `perflang build --to js` writes on a batch of cases (tests/test_runtimes.py):
//   node batch.mjs EVALUATOR.mjs CASES.json OUT.json
// CASES: [{targets, actuals, profile, project[, method]}], each a JSON text (profile and project
// may be null; method "evaluate" calls evaluate() instead of run()); OUT: [{result, problems}] or [{error}] (a ReasonError with its reason and messages),
// in order.
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [module, casesPath, outPath] = process.argv.slice(2);
const { Evaluator } = await import(pathToFileURL(module).href);
const out = [];
for (const c of JSON.parse(readFileSync(casesPath, "utf8"))) {
  try {
    const ev = new Evaluator(c.targets, c.profile);
    if (c.method === "evaluate") out.push({ result: ev.evaluate(c.actuals, { project: c.project }) });
    else {
      const [result, problems] = ev.run(c.actuals, { project: c.project });
      out.push({ result, problems: problems.map((p) => p.toJSON()) });
    }
  } catch (e) {
    const error = { error: `${e.name}: ${e.message}` };
    if (typeof e.messageIn === "function") {
      error.reason = e.reason;
      error.message = { zh: e.messageIn("zh"), en: e.messageIn("en") };
    }
    out.push(error);
  }
}
writeFileSync(outPath, JSON.stringify(out));
