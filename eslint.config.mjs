// Lint rules for the TypeScript sources; formatting is Prettier's (npm run format), the dependency
// rules are dependency-cruiser's (.dependency-cruiser.cjs). Both run in `npm test` (npm run lint).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test/support/swagger-plugin-transformer.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      // Reports values used only in decorators (a pipe given to @Param) as never read.
      'no-useless-assignment': 'off',
    },
  },
  {
    // The CLI, benchmarks and test support print to the terminal; the server logs through Nest.
    files: ['apps/ouvidoria-api/src/cli.ts', 'bench/**', 'test/**', '**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Test doubles and fixtures cast freely.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'test/**', '**/test-support/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
