// Test tiers are visible in file names: *.spec.ts (unit), *.int-spec.ts (real SQLite files),
// *.e2e-spec.ts (over HTTP, including a real server process for the crash test).
const moduleNameMapper = {
  '^@app/domain(|/.*)$': '<rootDir>/libs/domain/src$1',
  '^@app/event-store(|/.*)$': '<rootDir>/libs/event-store/src$1',
};
const fast = ['ts-jest', { isolatedModules: true }];
const withSwaggerPlugin = ['ts-jest', { astTransformers: { before: ['<rootDir>/test/support/swagger-plugin-transformer.js'] } }];
const project = (displayName, testRegex, transform, extra = {}) => ({
  displayName,
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleFileExtensions: ['js', 'json', 'ts'],
  testRegex,
  transform: { '^.+\\.ts$': transform },
  moduleNameMapper,
  ...extra,
});

module.exports = {
  testTimeout: 60000,
  projects: [
    project('unit', '(apps|libs)/.*\\.spec\\.ts$', fast),
    project('integration', '(apps|libs|test)/.*\\.int-spec\\.ts$', fast),
    project('e2e', 'test/.*\\.e2e-spec\\.ts$', withSwaggerPlugin),
  ],
};
