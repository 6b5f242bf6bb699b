import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * docs/asyncapi.yaml is a valid AsyncAPI document, as the AsyncAPI parser (and its Spectral
 * rules) judges it: no error and no warning. What it says is checked against the code by
 * asyncapi.spec.ts.
 */
describe('docs/asyncapi.yaml', () => {
  it('parses with no error and no warning', async () => {
    const source = readFileSync(join(__dirname, '../../../../docs/asyncapi.yaml'), 'utf8');
    const { document, diagnostics } = await new Parser().parse(source);
    const findings = diagnostics
      .filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning)
      .map((d) => `${DiagnosticSeverity[d.severity]} ${d.code} at ${d.path.join('.')}: ${d.message}`);
    expect(findings).toEqual([]);
    expect(document?.info().title()).toBe('Ouvidoria case workflow — Kafka');
  });
});
