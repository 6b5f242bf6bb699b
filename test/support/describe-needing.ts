/**
 * `describe` when the tool a suite needs is here; otherwise a failure when `requiredBy` is set to
 * 1 (CI), else a loud skip. Jest drops what a skipped suite writes to the console, so the notice
 * goes to stderr itself and into the suite's name.
 */
export function describeNeeding(
  tool: { has: boolean; what: string; install: string; requiredBy: string },
  name: string,
  body: () => void,
): void {
  if (tool.has) return describe(name, body);
  if (process.env[tool.requiredBy] === '1') {
    describe(name, () => it(`needs ${tool.what} (${tool.install})`, () => expect(tool.what).toBe('installed')));
    return;
  }
  process.stderr.write(`\n*** SKIPPED "${name}": ${tool.what} is not installed (${tool.install}) ***\n`);
  describe.skip(`${name} [skipped: ${tool.what} is not installed]`, body);
}
