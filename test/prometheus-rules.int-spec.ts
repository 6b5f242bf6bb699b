import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describePrometheus } from './support/prometheus';

const DIR = join(__dirname, '../deploy/prometheus');
const promtool = (...args: string[]) => {
  const run = spawnSync('promtool', args, { cwd: DIR, encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
};

/** deploy/prometheus: the scrape configuration and the alert rules, checked and unit-tested by Prometheus's own tool. */
describePrometheus('the Prometheus configuration and alert rules (promtool)', () => {
  it('the scrape configuration is valid and loads the rules', () => {
    expect(promtool('check', 'config', 'prometheus.yml')).toEqual({ status: 0, output: expect.stringContaining('SUCCESS') });
  });

  it('the rules are valid', () => {
    expect(promtool('check', 'rules', 'alerts.yml')).toEqual({ status: 0, output: expect.stringContaining('SUCCESS: 8 rules found') });
  });

  it('each alert fires when it should, with its labels and texts, and not otherwise (alerts.test.yml)', () => {
    expect(promtool('test', 'rules', 'alerts.test.yml')).toEqual({ status: 0, output: expect.stringContaining('SUCCESS') });
  });
});
